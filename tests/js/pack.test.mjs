// Tier 3: the `npm pack` tarball installed into scratch ESM and CommonJS
// projects, loaded by package name the way users load it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedProject, packedFiles } from './support/pack.mjs';

const CONTRACT = new URL('./support/contract.mjs', import.meta.url).href;

// Runs every contract check inside the project and prints the failures as JSON.
const RUNNER = `
async function check(wx, how) {
  const { contractChecks } = await import(${JSON.stringify(CONTRACT)});
  const failures = [];
  for (const [name, fn] of contractChecks(wx, { client: false })) {
    try { fn(); } catch (e) { failures.push(name + ': ' + e.message); }
  }
  console.log(JSON.stringify({ how, names: Object.keys(wx).sort(), failures }));
}
`;

function runIn(dir, file) {
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `node ${file} failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

test('the tarball holds the entries, one .wasm, the mini-program directory and the types', () => {
  const files = packedFiles();
  for (const f of ['package.json', 'index.d.ts', 'dist/wxcard.js', 'dist/wxcard.node.cjs', 'dist/wxcard.node.mjs', 'dist/wxcard_bg.wasm', 'miniprogram_dist/index.js', 'miniprogram_dist/wxcard_bg.wasm.br', 'miniprogram_dist/package.json']) {
    assert.ok(files.includes(f), `${f} is packed (got ${files.join(', ')})`);
  }
  assert.equal(files.filter((f) => f.endsWith('.wasm')).length, 1, 'exactly one uncompressed .wasm');
});

test('an ESM project imports wxcard by name', () => {
  const dir = installedProject('pack-esm', { type: 'module' });
  writeFileSync(join(dir, 'main.js'), `${RUNNER}\nimport * as wx from 'wxcard';\nimport init from 'wxcard';\nawait init();\nawait check(wx, 'import');\n`);
  const result = runIn(dir, 'main.js');
  assert.deepEqual(result.failures, []);
  assert.ok(result.names.includes('buildCardExt') && result.names.includes('WxCardError'));
});

test('a CommonJS project requires wxcard by name', () => {
  const dir = installedProject('pack-cjs', { type: 'commonjs' });
  writeFileSync(join(dir, 'main.js'), `${RUNNER}\nconst wx = require('wxcard');\nwx.init().then(() => check(wx, 'require'));\n`);
  const result = runIn(dir, 'main.js');
  assert.deepEqual(result.failures, []);
  assert.ok(result.names.includes('verifyCardExt'));
});
