// The Node.js entries load where `__dirname` and `__filename` are globals
// that are not the package's: `node -e` / `node -p` define them as "." and
// "[eval]", and an ES module import from there must still find the `.wasm`
// next to the bundle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PKG, requirePkg } from './support/pkg.mjs';

function evalIn(code) {
  return execFileSync(process.execPath, ['-e', code], { cwd: tmpdir(), encoding: 'utf8' }).trim();
}

test('the ES module entry imported from node -e (a global __dirname of ".")', () => {
  requirePkg();
  const url = pathToFileURL(join(PKG, 'dist', 'wxcard.node.mjs')).href;
  const code = `import(${JSON.stringify(url)}).then((wx) => console.log(wx.cardSignature(['b', 'a'])), (e) => { console.log('failed: ' + e.message); process.exitCode = 1; })`;
  assert.match(evalIn(code), /^[0-9a-f]{40}$/);
});

test('the CommonJS entry required from node -e', () => {
  requirePkg();
  const code = `console.log(require(${JSON.stringify(join(PKG, 'dist', 'wxcard.node.cjs'))}).cardSignature(['b', 'a']))`;
  assert.match(evalIn(code), /^[0-9a-f]{40}$/);
});
