// The hostile-input table (support/hostile.mjs) over every export and every
// field of the built package, through the Node entry and the mini-program
// runtime: each call returns normally or throws a WxCardError with a
// documented code (verifyCardExt: a report for a bad cardExt); never a glue
// TypeError, a thrown string, a trap or a hang. After the whole table the
// contract checks still pass, so nothing was left broken.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractChecks } from './support/contract.mjs';
import { EXPORTS, documentedCodes, runTable } from './support/hostile.mjs';
import { loadMiniprogram } from './support/miniprogram.mjs';
import { ROOT, loadNode } from './support/pkg.mjs';

async function backends() {
  const list = [{ name: 'node', api: await loadNode('esm'), client: false }];
  const { wxcard } = await loadMiniprogram();
  await wxcard.init();
  list.push({ name: 'mini-program', api: wxcard, client: true });
  return list;
}

for (const { name, api, client } of await backends()) {
  test(`${name}: every export is in the table`, () => {
    const exported = Object.keys(api).filter((k) => typeof api[k] === 'function' && !['init', 'default', 'WxCardError'].includes(k));
    assert.deepEqual(exported.filter((k) => !(k in EXPORTS)), [], 'exports missing from the hostile table');
  });

  test(`${name}: hostile inputs give documented WxCardErrors, never glue errors, traps or hangs`, async () => {
    let calls = 0;
    const failures = await runTable(api, { client, onOutcome: () => calls++ });
    assert.ok(calls > 1000, `only ${calls} calls`);
    assert.deepEqual(failures, []);
  });

  for (const [check, run] of contractChecks(api, { client })) {
    test(`${name}: after the table, ${check}`, run);
  }
}

test('every code the table accepts is listed in the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const missing = [...documentedCodes()].filter((code) => !readme.includes(code));
  assert.deepEqual(missing, []);
});
