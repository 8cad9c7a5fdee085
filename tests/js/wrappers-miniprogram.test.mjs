// The promise wrappers in the mini-program runtime model (real 构建 npm, then
// a vm sandbox with WXWebAssembly): a fake `wx` whose addCard / openCard
// answer like the real ones, and the example mini-program's pages run on it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildMiniprogramProject, createRuntime, fakeWx } from './support/miniprogram.mjs';
import { loadNode, ROOT } from './support/pkg.mjs';

const server = await loadNode('esm');
const TICKET = 'test-api-ticket-kept-on-the-server';
const CARD_ID = 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc';
const CARD_ID_2 = 'pFS7Fjg8kV1IdDz01r4SQwMkuCKd';
const OUTER = '公众号推文·双十一';
const ENCRYPTED = 'AwsIBQUBBwEIBgUGAQcCAg==';
const DECRYPTED = '110201201245';

/** What the card server does: sign one cardExt per card with the api_ticket. */
// One signing time for the whole file, so a list signed again later (to compare) is the same list
// even when the clock has moved on to the next second.
const SIGNED_AT = Math.floor(Date.now() / 1000);

function signedList(ids = [CARD_ID]) {
  return ids.map((cardId, i) => ({
    cardId,
    cardExt: server.buildCardExt({ apiTicket: TICKET, cardId, outerStr: OUTER, nonceStr: 'nonce' + i, timestamp: SIGNED_AT }),
  }));
}

const plain = (value) => JSON.parse(JSON.stringify(value));

/**
 * A mini-program `wx` with card APIs that answer asynchronously the way the
 * real ones do (errMsg strings of the mini-program card doc), recording calls.
 */
function cardWx({ sdk = '2.30.0', add = 'ok', open = 'ok', apis = ['addCard', 'openCard'], extra = {} } = {}) {
  const calls = [];
  const answer = (options, mode, name, okResult) => {
    setTimeout(() => {
      let res;
      if (mode === 'ok') res = { errMsg: name + ':ok', ...okResult };
      else if (mode === 'cancel') res = { errMsg: name + ':fail cancel' };
      else if (mode === 'denied') res = { errMsg: name + ':fail auth deny' };
      else if (mode === 'never') return;
      else res = { errMsg: name + ':fail ' + mode };
      if (mode === 'ok') options.success && options.success(res);
      else options.fail && options.fail(res);
      options.complete && options.complete(res);
    }, 5);
  };
  const wx = fakeWx({
    getAppBaseInfo: () => ({ SDKVersion: sdk, version: '8.0.50', language: 'zh_CN' }),
    getDeviceInfo: () => ({ platform: 'android' }),
    canIUse: (name) => apis.includes(name),
    navigateTo: () => {},
    navigateBack: (o) => calls.push(['navigateBack', plain(o || {})]),
    request: () => {},
    ...extra,
  });
  if (apis.includes('addCard')) {
    wx.addCard = (options) => {
      calls.push(['addCard', plain(options.cardList)]);
      answer(options, add, 'addCard', {
        cardList: options.cardList.map((c) => ({ cardId: c.cardId, cardExt: c.cardExt, code: ENCRYPTED, isSuccess: true })),
      });
    };
  }
  if (apis.includes('openCard')) {
    wx.openCard = (options) => {
      calls.push(['openCard', plain(options.cardList)]);
      answer(options, open, 'openCard', {});
    };
  }
  return { wx, calls };
}

const root = await buildMiniprogramProject();

async function sandbox(wxOptions, runtimeOptions = {}) {
  const { wx, calls } = cardWx(wxOptions);
  const runtime = createRuntime(root, { wx, ...runtimeOptions });
  const wxcard = runtime.require('wxcard');
  await wxcard.init();
  return { wxcard, calls, runtime, wx };
}

const rejectsWith = (promise, code, check) =>
  assert.rejects(promise, (e) => {
    assert.equal(e.name, 'WxCardError');
    assert.equal(e.code, code, e.message);
    if (check) check(e);
    return true;
  });

test('addCard:ok resolves the normalised cards; wx.addCard got the validated list', async () => {
  const { wxcard, calls } = await sandbox();
  const list = signedList([CARD_ID, CARD_ID_2]);
  const result = plain(await wxcard.addCard(list));
  assert.deepEqual(result, {
    cards: list.map((c) => ({ cardId: c.cardId, cardExt: c.cardExt, isSuccess: true, code: ENCRYPTED })),
  });
  assert.deepEqual(calls, [['addCard', list]]);
  assert.equal(JSON.parse(calls[0][1][0].cardExt).outer_str, OUTER);
});

test('an object cardExt reaches wx.addCard as a JSON string', async () => {
  const { wxcard, calls } = await sandbox();
  const [item] = signedList();
  await wxcard.addCard([{ cardId: item.cardId, cardExt: JSON.parse(item.cardExt) }]);
  assert.equal(typeof calls[0][1][0].cardExt, 'string');
  assert.deepEqual(JSON.parse(calls[0][1][0].cardExt), JSON.parse(item.cardExt));
});

test('addCard:fail cancel → CANCELLED, errMsg kept', async () => {
  const { wxcard } = await sandbox({ add: 'cancel' });
  await rejectsWith(wxcard.addCard(signedList()), 'CANCELLED', (e) => assert.equal(e.errMsg, 'addCard:fail cancel'));
});

test('addCard:fail with a server message → WX_FAIL keeping errMsg', async () => {
  const { wxcard } = await sandbox({ add: '签名错误 invalid signature' });
  await rejectsWith(wxcard.addCard(signedList()), 'WX_FAIL', (e) => {
    assert.equal(e.errMsg, 'addCard:fail 签名错误 invalid signature');
    assert.match(e.message, /签名错误/);
  });
});

test('an authorisation refusal → PERMISSION_DENIED', async () => {
  const { wxcard } = await sandbox({ open: 'denied' });
  await rejectsWith(wxcard.openCard([{ cardId: CARD_ID, code: DECRYPTED }]), 'PERMISSION_DENIED', (e) => assert.equal(e.errMsg, 'openCard:fail auth deny'));
});

test('openCard:ok resolves undefined; the decrypted code reached wx.openCard', async () => {
  const { wxcard, calls } = await sandbox();
  assert.equal(await wxcard.openCard([{ cardId: CARD_ID, code: DECRYPTED }]), undefined);
  assert.deepEqual(calls, [['openCard', [{ cardId: CARD_ID, code: DECRYPTED }]]]);
});

test('invalid input is rejected before WeChat is called', async () => {
  const { wxcard, calls } = await sandbox();
  await rejectsWith(wxcard.openCard([{ cardId: CARD_ID, code: ENCRYPTED }]), 'ENCRYPTED_CODE');
  await rejectsWith(wxcard.addCard([{ cardId: CARD_ID, cardExt: '{"nonceStr":"x","timestamp":"1"}' }]), 'CAMEL_CASE_KEY');
  await rejectsWith(wxcard.addCard('not a list'), 'INVALID_TYPE');
  await rejectsWith(wxcard.addCard(signedList(), { timeoutMs: -1 }), 'INVALID_TYPE', (e) => assert.equal(e.field, 'options.timeoutMs'));
  await rejectsWith(wxcard.addCard(signedList(), 'options'), 'INVALID_TYPE', (e) => assert.equal(e.field, 'options'));
  assert.deepEqual(calls, []);
});

test('base library 1.0.9 → UNSUPPORTED SDK_TOO_OLD; 1.1.0 works', async () => {
  const old = await sandbox({ sdk: '1.0.9', apis: [] });
  await rejectsWith(old.wxcard.addCard(signedList()), 'UNSUPPORTED', (e) => assert.equal(e.reason, 'SDK_TOO_OLD'));
  assert.deepEqual(old.calls, []);
  const edge = await sandbox({ sdk: '1.1.0' });
  assert.equal((await edge.wxcard.addCard(signedList())).cards.length, 1);
});

test('a missing wx.openCard → UNSUPPORTED API_MISSING; chooseCard → UNSUPPORTED H5_ONLY', async () => {
  const { wxcard } = await sandbox({ apis: ['addCard'] });
  await rejectsWith(wxcard.openCard([{ cardId: CARD_ID, code: DECRYPTED }]), 'UNSUPPORTED', (e) => assert.equal(e.reason, 'API_MISSING'));
  const params = server.chooseCardParams({ apiTicket: TICKET, appId: 'wxf8b4f85f3a794e77' });
  await rejectsWith(wxcard.chooseCard(params), 'UNSUPPORTED', (e) => assert.equal(e.reason, 'H5_ONLY'));
});

test('options.wx injects the wx object that is checked and called', async () => {
  const { wxcard, calls } = await sandbox({ apis: [] });
  const injected = cardWx();
  const result = await wxcard.addCard(signedList(), { wx: injected.wx });
  assert.equal(result.cards[0].isSuccess, true);
  assert.deepEqual(calls, []);
  assert.equal(injected.calls.length, 1);
});

test('mini-program calls have no default timeout; an explicit one ends a silent call with TIMEOUT', async () => {
  const slow = await sandbox();
  slow.wx.addCard = (o) => setTimeout(() => o.success({ errMsg: 'addCard:ok', cardList: [] }), 60);
  assert.deepEqual(plain(await slow.wxcard.addCard(signedList())), { cards: [] });
  const silent = await sandbox({ add: 'never' });
  const started = Date.now();
  await rejectsWith(silent.wxcard.addCard(signedList(), { timeoutMs: 40 }), 'TIMEOUT');
  assert.ok(Date.now() - started < 2000);
});

test('cardSupport in the sandbox, and with globalThis removed', async () => {
  const { wxcard, runtime } = await sandbox();
  assert.deepEqual(plain(wxcard.cardSupport()), {
    environment: { kind: 'miniprogram', sdkVersion: '2.30.0', wechatVersion: '8.0.50', platform: 'android' },
    addCard: { supported: true, reason: 'OK' },
    openCard: { supported: true, reason: 'OK' },
    chooseCard: { supported: false, reason: 'H5_ONLY' },
  });
  runtime.evaluate('delete globalThis.globalThis');
  assert.equal(runtime.evaluate('typeof globalThis'), 'undefined');
  assert.equal(wxcard.detectEnvironment().kind, 'miniprogram');
  assert.equal((await wxcard.addCard(signedList())).cards.length, 1);
});

// ---------------------------------------------------------------------------
// The example mini-program, run on the same runtime model.
// ---------------------------------------------------------------------------

const EXAMPLE = join(ROOT, 'examples', 'miniprogram');

function exampleFiles(dir = EXAMPLE, out = {}) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) exampleFiles(file, out);
    else if (name !== 'package.json' && name !== 'README.md') out[relative(EXAMPLE, file)] = readFileSync(file, 'utf8');
  }
  return out;
}

const exampleRoot = await buildMiniprogramProject('example-miniprogram', exampleFiles());

/** Loads the example app and one page on a fresh runtime; returns a page instance. */
function loadPage(pagePath, wxOptions, requestAnswers) {
  const { wx, calls } = cardWx(wxOptions);
  wx.request = (o) => {
    const path = o.url.slice(o.url.lastIndexOf('/'));
    calls.push(['request', path, plain(o.data)]);
    setTimeout(() => o.success({ statusCode: 200, data: requestAnswers[path](o.data) }), 1);
  };
  let app;
  let pageConfig;
  const runtime = createRuntime(exampleRoot, {
    wx,
    globals: {
      App: (config) => (app = config),
      getApp: () => app,
      Page: (config) => (pageConfig = config),
    },
  });
  runtime.require('/app.js');
  runtime.require('/' + pagePath + '.js');
  const page = Object.assign(Object.create(pageConfig), { data: plain(pageConfig.data) });
  page.setData = (patch) => Object.assign(page.data, plain(patch));
  return { page, calls };
}

const SERVER = {
  '/card-list': (data) => ({ cardList: signedList(data.cardIds) }),
  '/decrypt-code': (data) => ({ code: data.encryptCode === ENCRYPTED ? DECRYPTED : 'wrong' }),
};

test('example pages/index: support on load, add a card, open it with the decrypted code', async () => {
  const { page, calls } = loadPage('pages/index/index', {}, SERVER);
  await page.onLoad();
  assert.equal(page.data.support.addCard.reason, 'OK');
  assert.equal(page.data.message, '');
  await page.onAddCard();
  assert.deepEqual(page.data.added, [{ cardId: CARD_ID, cardExt: signedList()[0].cardExt, isSuccess: true, code: ENCRYPTED }]);
  await page.onOpenCard();
  assert.deepEqual(
    calls.map((c) => c[0] + (c[1] && typeof c[1] === 'string' ? ' ' + c[1] : '')),
    ['request /card-list', 'addCard', 'request /decrypt-code', 'openCard'],
  );
  assert.deepEqual(calls[3][1], [{ cardId: CARD_ID, code: DECRYPTED }]);
  assert.equal(page.data.busy, false);
});

test('example pages/index: a cancelled addCard shows the cancel message', async () => {
  const { page } = loadPage('pages/index/index', { add: 'cancel' }, SERVER);
  await page.onLoad();
  await page.onAddCard();
  assert.match(page.data.message, /已取消/);
  assert.deepEqual(page.data.added, []);
});

test('example pages/add-card: web-view routing target reads the query and adds the cards', async () => {
  // The H5 side: navigateToAddCardPage sends the URL through wx.miniProgram.navigateTo.
  let url;
  const h5wx = { miniProgram: { navigateTo: (o) => { url = o.url; o.success({ errMsg: 'navigateTo:ok' }); } } };
  const list = signedList([CARD_ID, CARD_ID_2]);
  await server.navigateToAddCardPage(list, { page: '/pages/add-card/index', wx: h5wx });
  // The framework hands onLoad the query split on & and =, each value decoded once.
  const query = Object.fromEntries(url.split('?')[1].split('&').map((kv) => kv.split('=').map(decodeURIComponent)));
  const { page, calls } = loadPage('pages/add-card/index', {}, SERVER);
  await page.onLoad(query);
  assert.equal(page.data.status, '已领取 (added)');
  assert.deepEqual(calls, [['addCard', list], ['navigateBack', { delta: 1 }]]);
  assert.equal(JSON.parse(calls[0][1][1].cardExt).outer_str, OUTER);
});

test('example pages/add-card: a damaged query is a readable message, and no card is added', async () => {
  const { page, calls } = loadPage('pages/add-card/index', {}, SERVER);
  await page.onLoad({ wxcard0: 'undefined' });
  assert.match(page.data.status, /not a card written by navigateToAddCardPage/);
  assert.deepEqual(calls, []);
});
