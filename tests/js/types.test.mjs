// Tier 6: the hand-written index.d.ts typechecks (tsc --noEmit, no DOM lib)
// against a file using every export, and addCardList(...) is accepted by
// wx.addCard as typed by miniprogram-api-typings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PKG, ROOT, requirePkg, scratchDir } from './support/pkg.mjs';

function tsc(project) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

test('index.d.ts typechecks every export and feeds miniprogram-api-typings', () => {
  requirePkg();
  const dir = scratchDir('types');
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(dir, join(ROOT, 'tests/types/tsconfig.json')),
      compilerOptions: { paths: { wxcard: [join(PKG, 'index.d.ts')] } },
    }),
  );
  const run = tsc(config);
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});

test('the type test can fail: a wrong use of an export is reported', () => {
  requirePkg();
  const dir = scratchDir('types-negative');
  writeFileSync(join(dir, 'wrong.ts'), "import * as wx from 'wxcard';\nconst n: number = wx.cardSignature(['a']);\nvoid n;\n");
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(dir, join(ROOT, 'tests/types/tsconfig.json')),
      compilerOptions: { paths: { wxcard: [join(PKG, 'index.d.ts')] } },
      files: ['wrong.ts'],
    }),
  );
  const run = tsc(config);
  assert.notEqual(run.status, 0);
  assert.match(run.stdout + run.stderr, /TS2322/);
});
