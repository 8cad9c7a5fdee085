// Trap recovery: when the WebAssembly instance traps, the shim reports
// WxCardError INTERNAL and replaces the instance, so later calls work again.
//
// The trap is real and needs no special build: the test fills the instance's
// memory with 0xFF, so the allocator's next pointer read is out of bounds
// ("memory access out of bounds"). Recovering therefore also needs fresh
// memory, not only a reset of the module's state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICIAL } from './support/contract.mjs';
import { captureInstances } from './support/wasm-memory.mjs';

const instances = captureInstances();
const { PKG, loadNode, loadWeb } = await import('./support/pkg.mjs');
const { loadMiniprogram } = await import('./support/miniprogram.mjs');

const values = [OFFICIAL.apiTicket, OFFICIAL.timestamp, OFFICIAL.cardId, OFFICIAL.code, OFFICIAL.nonceStr];

/** Overwrites the whole memory of `instance` with 0xFF. */
function corrupt(instance) {
  const memory = Object.values(instance.exports).find((v) => v && typeof v.grow === 'function' && 'buffer' in v);
  new Uint8Array(memory.buffer).fill(0xff);
}

function assertInternal(run) {
  let error;
  try {
    run();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'the trap was not reported');
  assert.equal(error.name, 'WxCardError');
  assert.equal(error.code, 'INTERNAL', error.message);
}

function assertWorks(wx) {
  assert.equal(wx.cardSignature(values), OFFICIAL.signature);
  assert.equal(wx.verifyCardExt(OFFICIAL.cardExt, { cardId: OFFICIAL.cardId }).ok, true);
  assert.equal(wx.compareVersion('2.10.0', '2.9.9'), 1);
}

for (const kind of ['esm', 'cjs']) {
  test(`node ${kind}: after a trap the next call works on a fresh instance`, async () => {
    const before = instances.length;
    const wx = await loadNode(kind);
    assert.equal(instances.length, before + 1, 'the entry instantiated once');
    assertWorks(wx);
    for (let round = 1; round <= 2; round++) {
      corrupt(instances.at(-1));
      assertInternal(() => wx.cardSignature(values));
      assert.equal(instances.length, before + 1 + round, 'a fresh instance replaced the trapped one');
      assertWorks(wx);
    }
  });
}

test('browser entry: after a trap the next call works on a fresh instance', async () => {
  const wx = await loadWeb();
  await wx.init({ wasm: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')) });
  const before = instances.length;
  assertWorks(wx);
  corrupt(instances.at(-1));
  assertInternal(() => wx.cardSignature(values));
  await wx.init();
  assert.ok(instances.length > before, 'a fresh instance replaced the trapped one');
  assertWorks(wx);
});

test('mini-program: after a trap the module reloads; init() awaits it and the next call works', async () => {
  const { wxcard, runtime } = await loadMiniprogram();
  const sandboxInstances = [];
  const wxwasm = runtime.context.WXWebAssembly;
  const instantiate = wxwasm.instantiate;
  wxwasm.instantiate = (path, imports) =>
    instantiate(path, imports).then((r) => {
      sandboxInstances.push(r && r.instance ? r.instance : r);
      return r;
    });
  await wxcard.init();
  assertWorks(wxcard);
  corrupt(sandboxInstances[0]);
  assertInternal(() => wxcard.cardSignature(values));
  await wxcard.init();
  assert.equal(sandboxInstances.length, 2, 'the module was loaded again');
  assertWorks(wxcard);
});
