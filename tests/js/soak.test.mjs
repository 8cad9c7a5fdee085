// Soak: one million mixed calls (valid, invalid, large) through the Node
// entry; the WebAssembly memory stops growing once every kind of call has
// been seen (warm-up), and every answer stays correct to the end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureInstances, memoryBytes } from './support/wasm-memory.mjs';
import { OFFICIAL } from './support/contract.mjs';

const instances = captureInstances();
const { loadNode } = await import('./support/pkg.mjs');
const wx = await loadNode('esm');

const CALLS = 1_000_000;
const WARM_UP = 50_000;
/** Growth allowed after warm-up: far less than any per-call leak would add over 950,000 calls. */
const SLACK = 2 * 1024 * 1024;

const ticketOpts = { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, nowSeconds: OFFICIAL.timestamp };
const official = { apiTicket: OFFICIAL.apiTicket, cardId: OFFICIAL.cardId, code: OFFICIAL.code, timestamp: OFFICIAL.timestamp, nonceStr: OFFICIAL.nonceStr };
const values = [OFFICIAL.apiTicket, OFFICIAL.timestamp, OFFICIAL.cardId, OFFICIAL.code, OFFICIAL.nonceStr];
const big = 'x'.repeat(256 * 1024);
const huge = '卡'.repeat(8 * 1024 * 1024 / 3);
const bigExt = JSON.stringify({ timestamp: '1404896688', signature: OFFICIAL.signature, outer_str: big });

function expectCode(run, code) {
  try {
    run();
  } catch (e) {
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    return;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

/** One call of kind `i`; each checks its answer. */
function call(i) {
  switch (i % 12) {
    case 0:
      return assert.equal(wx.cardSignature(values), OFFICIAL.signature);
    case 1:
      return assert.equal(wx.buildCardExt(official), OFFICIAL.cardExt);
    case 2:
      return assert.equal(wx.verifyCardExt(OFFICIAL.cardExt, ticketOpts).ok, true);
    case 3:
      return assert.equal(wx.verifyCardExt('{"timestamp":1.5,"nonceStr":7}', ticketOpts).ok, false);
    case 4:
      return expectCode(() => wx.addCardList(42), 'INVALID_TYPE');
    case 5:
      return assert.equal(wx.compareVersion('2.10.0', '2.9.12'), 1);
    case 6:
      return assert.equal(wx.openCardList([{ cardId: OFFICIAL.cardId, code: OFFICIAL.code }]).length, 1);
    case 7:
      return expectCode(() => wx.buildCardExt({ apiTicket: OFFICIAL.apiTicket }), 'MISSING_FIELD');
    case 8:
      return expectCode(() => wx.readAddCardQuery({ wxcard0: '!!' }), 'INVALID_VALUE');
    case 9:
      return assert.equal(wx.diagnoseCardExt(OFFICIAL.cardExt, { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket }).ok, true);
    case 10:
      return expectCode(() => wx.cardSignature([1.5]), 'INVALID_VALUE');
    default:
      return assert.equal(wx.validateCardDefinition({ card: { card_type: 'NOPE' } }).length > 0, true);
  }
}

const LARGE = [
  () => assert.equal(wx.cardSignature([huge]).length, 40),
  () => assert.equal(wx.verifyCardExt(bigExt, { cardId: OFFICIAL.cardId }).signatureChecked, false),
  () => expectCode(() => wx.buildCardExt({ ...official, outerStr: 7, nonceStr: big }), 'INVALID_TYPE'),
];

/** The large calls, mixed in at a lower rate: 8 MB every 200,000 calls, 256 KB every 2,500. */
function large(i) {
  if (i % 200_000 === 0) LARGE[0]();
  else if (i % 5_000 === 0) LARGE[1]();
  else if (i % 5_000 === 2_500) LARGE[2]();
}

test('one million mixed calls: wasm memory stays bounded after warm-up', () => {
  assert.equal(instances.length, 1, 'one instance captured');
  const instance = instances[0];
  const start = performance.now();
  // Warm-up: every kind of call, each large one twice.
  for (const run of [...LARGE, ...LARGE]) run();
  for (let i = 1; i < WARM_UP; i++) {
    call(i);
    large(i);
  }
  const baseline = memoryBytes(instance);
  const samples = [baseline];
  for (let i = WARM_UP; i < CALLS; i++) {
    call(i);
    large(i);
    if (i % 100_000 === 0) samples.push(memoryBytes(instance));
  }
  const final = memoryBytes(instance);
  samples.push(final);
  const seconds = (performance.now() - start) / 1000;
  console.log(`soak: ${CALLS} calls in ${seconds.toFixed(1)} s; wasm memory ${samples.map((b) => (b / 1048576).toFixed(1)).join(' → ')} MiB`);
  assert.equal(instances.length, 1, 'the module was never re-instantiated');
  assert.ok(final <= baseline + SLACK, `wasm memory grew from ${baseline} to ${final} bytes after warm-up`);
  // Still correct at the end.
  assert.equal(wx.cardSignature(values), OFFICIAL.signature);
});
