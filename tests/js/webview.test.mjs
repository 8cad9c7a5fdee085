// Web-view round trip through the built package: navigateToAddCardPage → the
// URL a fake wx.miniProgram.navigateTo receives → the native page's onLoad
// query → readAddCardQuery gives back the same validated list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNode } from './support/pkg.mjs';

const wxcard = await loadNode('esm');
const TICKET = 'web-view-test-ticket';
const OUTER = '小程序内嵌网页·渠道=A&B';

function signed(cardId, nonceStr, outerStr = OUTER) {
  return { cardId, cardExt: wxcard.buildCardExt({ apiTicket: TICKET, cardId, nonceStr, outerStr }) };
}

/** jweixin's `wx.miniProgram`, recording the URL it is asked to open. */
function fakeWebViewWx(answer = 'ok') {
  const seen = [];
  return {
    seen,
    miniProgram: {
      navigateTo(options) {
        seen.push(options.url);
        setTimeout(() => {
          if (answer === 'ok') options.success({ errMsg: 'invokeMiniProgramAPI:ok' });
          else if (answer !== 'never') options.fail({ errMsg: 'invokeMiniProgramAPI:fail ' + answer });
        }, 1);
      },
    },
  };
}

/** The framework's onLoad query: split on & and =, each value URL-decoded once. */
function onLoadQuery(url) {
  return Object.fromEntries(url.split('?')[1].split('&').map((kv) => kv.split('=').map(decodeURIComponent)));
}

test('the list survives the trip, Chinese outer_str and URL metacharacters included', async () => {
  const list = [signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'a1'), signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKd', 'b2', '第二张')];
  const wx = fakeWebViewWx();
  const { url } = await wxcard.navigateToAddCardPage(list, { page: '/pages/add-card/index?from=h5', wx });
  assert.deepEqual(wx.seen, [url]);
  assert.match(url, /^\/pages\/add-card\/index\?from=h5&wxcard0=[A-Za-z0-9_-]+&wxcard1=[A-Za-z0-9_-]+$/);
  const back = wxcard.readAddCardQuery(onLoadQuery(url));
  assert.deepEqual(back, list);
  assert.equal(JSON.parse(back[0].cardExt).outer_str, OUTER);
  // Undecoded, or encoded once more: the same list.
  assert.deepEqual(wxcard.readAddCardQuery(url), list);
  const twice = Object.fromEntries(Object.entries(onLoadQuery(url)).map(([k, v]) => [k, encodeURIComponent(v).replace(/-/g, '%2D')]));
  assert.deepEqual(wxcard.readAddCardQuery(twice), list);
});

test('an object cardExt is validated and serialised before it travels', async () => {
  const item = signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'c3');
  const wx = fakeWebViewWx();
  const { url } = await wxcard.navigateToAddCardPage([{ cardId: item.cardId, cardExt: JSON.parse(item.cardExt) }], { page: '/pages/add-card/index', wx });
  const [back] = wxcard.readAddCardQuery(onLoadQuery(url));
  assert.equal(back.cardId, item.cardId);
  assert.equal(typeof back.cardExt, 'string');
  assert.deepEqual(JSON.parse(back.cardExt), JSON.parse(item.cardExt));
});

test('over-long lists are PAYLOAD_TOO_LONG and nothing is sent', async () => {
  const wx = fakeWebViewWx();
  const many = Array.from({ length: 12 }, (_, i) => signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'n' + i));
  await assert.rejects(wxcard.navigateToAddCardPage(many, { page: '/pages/add-card/index', wx }), (e) => e.code === 'PAYLOAD_TOO_LONG' && e.field === 'cardList');
  const huge = [signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'x', '长'.repeat(300))];
  await assert.rejects(wxcard.navigateToAddCardPage(huge, { page: '/pages/add-card/index', wx }), (e) => e.code === 'PAYLOAD_TOO_LONG' && e.field === 'cardList[0]');
  assert.deepEqual(wx.seen, []);
});

test('bad pages, bad lists, a missing wx.miniProgram and a failing navigateTo are WxCardErrors', async () => {
  const list = [signed('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'd4')];
  const wx = fakeWebViewWx();
  const codeOf = (p) => p.then(() => 'resolved', (e) => (e.name === 'WxCardError' ? e.code + ':' + (e.field || e.reason || '') : String(e)));
  assert.equal(await codeOf(wxcard.navigateToAddCardPage(list, { page: 'pages/x', wx })), 'INVALID_VALUE:page');
  assert.equal(await codeOf(wxcard.navigateToAddCardPage(list, { wx })), 'INVALID_TYPE:page');
  assert.equal(await codeOf(wxcard.navigateToAddCardPage([{ cardId: '', cardExt: list[0].cardExt }], { page: '/p', wx })), 'MISSING_FIELD:cardList[0].cardId');
  assert.equal(await codeOf(wxcard.navigateToAddCardPage(list, { page: '/p', wx: {} })), 'UNSUPPORTED:API_MISSING');
  assert.equal(await codeOf(wxcard.navigateToAddCardPage(list, { page: '/p', wx: fakeWebViewWx('page not found') })), 'WX_FAIL:');
  assert.equal(await codeOf(wxcard.navigateToAddCardPage(list, { page: '/p', wx: fakeWebViewWx('never'), timeoutMs: 30 })), 'TIMEOUT:');
  assert.deepEqual(wx.seen, []);
});
