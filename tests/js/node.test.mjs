// Tier 3: the built package through Node's real entries: require() of
// dist/wxcard.node.cjs and import of dist/wxcard.node.mjs, and the package's
// own `exports` map resolving to them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { contractChecks } from './support/contract.mjs';
import { PKG, loadNode, requirePkg } from './support/pkg.mjs';

for (const kind of ['cjs', 'esm']) {
  const wx = await loadNode(kind);
  for (const [name, check] of contractChecks(wx, { client: false })) test(`node ${kind}: ${name}`, check);

  test(`node ${kind}: init() is a resolved no-op and every function works without it`, async () => {
    assert.equal(typeof wx.init, 'function');
    assert.equal(wx.default, wx.init);
    assert.equal(await wx.init(), undefined);
    assert.equal(await wx.init({ wasmPath: 'ignored' }), undefined);
  });
}

test('node: the CJS and ESM entries export the same names, and the .d.ts declares each', async () => {
  const cjs = await loadNode('cjs');
  const esm = await loadNode('esm');
  const names = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
  assert.deepEqual(names(cjs), names(esm));
  const { readFileSync } = await import('node:fs');
  const dts = readFileSync(join(PKG, 'index.d.ts'), 'utf8');
  for (const name of names(esm)) {
    assert.match(dts, new RegExp(`export (declare )?(function|class|const) ${name}\\b`), `index.d.ts declares ${name}`);
  }
});

test('node: WxCardError is one class per entry, usable by callers', async () => {
  const wx = await loadNode('cjs');
  const e = new wx.WxCardError('WX_FAIL', 'addCard:fail', { errMsg: 'addCard:fail system error' });
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'WxCardError');
  assert.equal(e.code, 'WX_FAIL');
  assert.equal(e.errMsg, 'addCard:fail system error');
  assert.equal(Object.prototype.toString.call(e), '[object Error]');
});

test('node: the package.json exports map resolves require and import to the node entries', () => {
  requirePkg();
  const require = createRequire(join(PKG, 'package.json'));
  assert.equal(require.resolve('wxcard'), join(PKG, 'dist', 'wxcard.node.cjs'));
  const manifest = require('./package.json');
  assert.equal(manifest.exports['.'].node.import, './dist/wxcard.node.mjs');
  assert.equal(manifest.miniprogram, 'miniprogram_dist');
  assert.equal(Object.keys(manifest.exports['.'])[0], 'types');
});
