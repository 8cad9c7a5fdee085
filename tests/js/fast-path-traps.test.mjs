// The fast paths read a proxy's traps as often as the strict toJson does:
// a list item that is not `{ cardId, cardExt }` is written from the keys
// already read, so a stateful `ownKeys` trap gives the full path's result.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNode } from './support/pkg.mjs';

const TICKET = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';
const CARD_ID = 'pjZ8Yt1XGILfi-FUsewpnnolGgZk';
const NOW = 1404896700;

/** A proxy of `target` that counts its `ownKeys` calls and answers `keys[n]` on call n (the last one after). */
function keysProxy(target, keys) {
  const calls = { ownKeys: 0 };
  const proxy = new Proxy(target, {
    ownKeys() {
      const answer = keys[Math.min(calls.ownKeys, keys.length - 1)];
      calls.ownKeys++;
      return answer;
    },
  });
  return { proxy, calls };
}

test('verifyCardList reads a list item\'s keys once, as toJson does', async () => {
  const wx = await loadNode('esm');
  const cardExt = wx.buildCardExt({ apiTicket: TICKET, cardId: CARD_ID, timestamp: NOW - 5, nonceStr: 'abc' });
  const options = { apiTicket: TICKET, nowSeconds: NOW };
  const target = { cardId: CARD_ID, cardExt, extra: 1 };
  // The keys a single read of the item gives, then different ones.
  const { proxy, calls } = keysProxy(target, [['cardId', 'cardExt', 'extra'], ['cardId', 'cardExt']]);
  const reports = wx.verifyCardList([proxy], options);
  assert.equal(calls.ownKeys, 1, 'ownKeys trap calls');
  assert.deepEqual(reports, wx.verifyCardList([{ cardId: CARD_ID, cardExt, extra: 1 }], options));
  assert.equal(reports[0].ok, false);
});
