// The fast paths' scratch buffer after the instance is replaced: a trap
// replaces the WebAssembly instance (and its memory); the next fast call must
// write into the fresh instance's buffer, give the right report and still
// take the fast path.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OFFICIAL } from './support/contract.mjs';
import { captureInstances } from './support/wasm-memory.mjs';

const instances = captureInstances();
const { loadNode } = await import('./support/pkg.mjs');

const TICKET = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';

/** Overwrites the whole memory of `instance` with 0xFF, so its next allocation traps. */
function corrupt(instance) {
  const memory = Object.values(instance.exports).find((v) => v && typeof v.grow === 'function' && 'buffer' in v);
  new Uint8Array(memory.buffer).fill(0xff);
}

/** Where `run` read the clock: 'js' when the fast path answered. */
function clockReads(run) {
  const saved = Date.now;
  const where = [];
  Date.now = function now() {
    where.push(new Error().stack.includes('wasm-function') ? 'wasm' : 'js');
    return saved.call(Date);
  };
  try {
    run();
  } finally {
    Date.now = saved;
  }
  return where.join('+');
}

test('node: after a trap, verifyCardExt, verifyCardList and buildCardExt take their fast paths on the fresh instance', async () => {
  const wx = await loadNode('esm');
  const options = { cardId: OFFICIAL.cardId, apiTicket: TICKET };
  const signed = wx.buildCardExt({ ...options, timestamp: Math.floor(Date.now() / 1000), nonceStr: 'n1' });
  const clean = { ok: true, signatureChecked: true, problems: [] };
  for (let round = 0; round < 3; round++) {
    assert.equal(clockReads(() => assert.deepEqual(wx.verifyCardExt(signed, options), clean)), 'js', `round ${round}`);
    assert.deepEqual(wx.verifyCardList([{ cardId: OFFICIAL.cardId, cardExt: signed }], { apiTicket: TICKET }), [clean]);
    const tampered = signed.replace('"n1"', '"n2"');
    assert.equal(wx.verifyCardExt(tampered, options).problems[0].code, 'SIGNATURE_MISMATCH');
    assert.equal(wx.buildCardExt({ ...options, timestamp: Math.floor(Date.now() / 1000), nonceStr: 'n1' }).length, signed.length);
    const count = instances.length;
    corrupt(instances.at(-1));
    // The trap may come from the fast path itself: its scratch buffer is in the corrupted memory.
    const trapping = [() => wx.cardSignature(['a', 'b']), () => wx.verifyCardExt(signed, options)][round % 2];
    assert.throws(trapping, (e) => e.code === 'INTERNAL');
    assert.equal(instances.length, count + 1, 'a fresh instance replaced the trapped one');
  }
});
