// The H5 wrappers over fake hosts in Node (the real jweixin runs in
// tests/browser/jweixin.test.mjs): result shapes that jweixin did not
// convert, the separate `cancel` callback, and the support gate.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNode } from './support/pkg.mjs';

const wxcard = await loadNode('esm');
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN';
const CARD_ID = 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc';
const LIST = [{ cardId: CARD_ID, cardExt: wxcard.buildCardExt({ apiTicket: 'h5-ticket', cardId: CARD_ID, nonceStr: 'h5', outerStr: '扫码' }) }];

/** A WeChat H5 host whose jweixin-like `wx` answers each API with `answers[api](options)`. */
function host(answers) {
  const seen = [];
  const wx = { config() {}, ready: (cb) => cb(), error() {}, checkJsApi() {} };
  for (const api of ['addCard', 'openCard', 'chooseCard']) {
    wx[api] = (options) => {
      seen.push([api, options]);
      setTimeout(() => answers[api](options), 1);
    };
  }
  const globals = { navigator: { userAgent: UA }, WeixinJSBridge: { invoke() {} }, document: {}, wx };
  return { globals, seen };
}

test('a raw bridge result (card_list as a JSON string, snake_case items) normalises', async () => {
  const { globals, seen } = host({
    addCard: (o) => o.success({ errMsg: 'addCard:ok', card_list: JSON.stringify([{ card_id: CARD_ID, card_ext: LIST[0].cardExt, is_succ: 1 }]) }),
  });
  assert.deepEqual(await wxcard.addCard(LIST, { globals }), { cards: [{ cardId: CARD_ID, cardExt: LIST[0].cardExt, isSuccess: true }] });
  assert.equal(typeof seen[0][1].cancel, 'function', 'H5 calls pass a cancel callback');
});

test('a result item without cardExt gets the one that was sent; an item without is_succ is not a success', async () => {
  const { globals } = host({ addCard: (o) => o.success({ errMsg: 'addCard:ok', cardList: [{ cardId: CARD_ID }] }) });
  assert.deepEqual(await wxcard.addCard(LIST, { globals }), { cards: [{ cardId: CARD_ID, cardExt: LIST[0].cardExt, isSuccess: false }] });
});

test("jweixin's separate cancel callback → CANCELLED", async () => {
  const { globals } = host({ addCard: (o) => o.cancel({ errMsg: 'addCard:cancel' }) });
  await assert.rejects(wxcard.addCard(LIST, { globals }), (e) => e.code === 'CANCELLED' && e.errMsg === 'addCard:cancel');
});

test('chooseCard: choose_card_info / cardList as a JSON string → [{ cardId, encryptCode }]', async () => {
  const info = JSON.stringify([{ card_id: CARD_ID, encrypt_code: 'enc+/=' }]);
  const params = wxcard.chooseCardParams({ apiTicket: 'h5-ticket', appId: 'wxf8b4f85f3a794e77' });
  for (const res of [{ errMsg: 'chooseCard:ok', cardList: info }, { errMsg: 'chooseCard:ok', choose_card_info: info }]) {
    const { globals, seen } = host({ chooseCard: (o) => o.success(res) });
    assert.deepEqual(await wxcard.chooseCard(params, { globals }), [{ cardId: CARD_ID, encryptCode: 'enc+/=' }]);
    const sent = seen[0][1];
    assert.deepEqual([sent.cardSign, sent.timestamp, sent.nonceStr, sent.signType], [params.cardSign, String(params.timestamp), params.nonceStr, 'SHA1']);
  }
});

test('chooseCard checks its signed fields before calling', async () => {
  const { globals, seen } = host({ chooseCard: (o) => o.success({ errMsg: 'chooseCard:ok' }) });
  const params = wxcard.chooseCardParams({ apiTicket: 'h5-ticket', appId: 'wxf8b4f85f3a794e77' });
  const cases = [
    [null, 'INVALID_TYPE', 'params'],
    [{ ...params, cardSign: undefined }, 'MISSING_FIELD', 'params.cardSign'],
    [{ ...params, cardSign: 'xyz' }, 'MALFORMED_SIGNATURE', 'params.cardSign'],
    [{ ...params, timestamp: Date.now() }, 'INVALID_TIMESTAMP', 'params.timestamp'],
    [{ ...params, signType: 'MD5' }, 'INVALID_VALUE', 'params.signType'],
    [{ ...params, nonceStr: 5 }, 'INVALID_TYPE', 'params.nonceStr'],
  ];
  for (const [bad, code, field] of cases) {
    await assert.rejects(wxcard.chooseCard(bad, { globals }), (e) => e.code === code && e.field === field, code);
  }
  assert.deepEqual(seen, []);
});

test('a wx.addCard that throws → WX_FAIL; an unknown errMsg → WX_FAIL with it', async () => {
  const { globals } = host({});
  globals.wx.addCard = () => {
    throw new Error('boom');
  };
  await assert.rejects(wxcard.addCard(LIST, { globals }), (e) => e.code === 'WX_FAIL' && /boom/.test(e.message));
  const other = host({ openCard: (o) => o.fail({ errMsg: 'openCard:fail_card not exist' }) });
  await assert.rejects(wxcard.openCard([{ cardId: CARD_ID, code: '123456789012' }], { globals: other.globals }), (e) => e.code === 'WX_FAIL' && e.errMsg === 'openCard:fail_card not exist');
});

test('Node itself: every wrapper is UNSUPPORTED NOT_WECHAT at once', async () => {
  const reason = (p) => p.then(() => 'resolved', (e) => `${e.code}:${e.reason}`);
  assert.equal(await reason(wxcard.addCard(LIST)), 'UNSUPPORTED:NOT_WECHAT');
  assert.equal(await reason(wxcard.openCard([{ cardId: CARD_ID, code: '123456789012' }])), 'UNSUPPORTED:NOT_WECHAT');
  assert.equal(await reason(wxcard.chooseCard(wxcard.chooseCardParams({ apiTicket: 't', appId: 'wxf8b4f85f3a794e77' }))), 'UNSUPPORTED:NOT_WECHAT');
});
