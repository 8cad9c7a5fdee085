// Every entry of the package exports exactly what index.d.ts declares:
// the web entry, Node's CJS and ESM entries and the mini-program entry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMiniprogram } from './support/miniprogram.mjs';
import { PKG, loadNode, loadWeb, requirePkg } from './support/pkg.mjs';

function declared() {
  requirePkg();
  const dts = readFileSync(join(PKG, 'index.d.ts'), 'utf8');
  const names = new Set();
  for (const m of dts.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  if (/^export default /m.test(dts)) names.add('default');
  return [...names].sort();
}

const exported = (m) => Object.keys(m).filter((k) => k !== '__esModule').sort();

test('index.d.ts declares init, a default export and WxCardError', () => {
  const names = declared();
  for (const name of ['default', 'init', 'WxCardError', 'cardSignature']) assert.ok(names.includes(name), name);
});

test('the web entry exports what index.d.ts declares', async () => {
  assert.deepEqual(exported(await loadWeb()), declared());
});

for (const kind of ['cjs', 'esm']) {
  test(`the Node ${kind} entry exports what index.d.ts declares`, async () => {
    assert.deepEqual(exported(await loadNode(kind)), declared());
  });
}

test('the mini-program entry exports what index.d.ts declares', async () => {
  const { wxcard } = await loadMiniprogram();
  assert.deepEqual(exported(wxcard), declared());
});
