// The H5 wrappers with the real jweixin (npm weixin-js-sdk, bundled into the
// page the way a bundler would) in headless Chromium with a WeChat user
// agent, over a scripted WeixinJSBridge that records every invoke and answers
// `ok`, `cancel`, `fail_…` or never.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = process.env.WXCARD_PKG ? path.resolve(process.env.WXCARD_PKG) : path.join(ROOT, 'pkg');
const server = await import(pathToFileURL(path.join(PKG, 'dist/wxcard.node.mjs')).href);

const ORIGIN = 'https://h5.wxcard.test';
const UA_WECHAT =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230805 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const UA_WEBVIEW = UA_WECHAT + ' miniProgram/wx1234567890abcdef';
const UA_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

const TICKET = 'card-api-ticket-on-the-server';
const APP_ID = 'wxf8b4f85f3a794e77';
const CARD_ID = 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc';
const OUTER = '会员日·朋友圈';
const LIST = [CARD_ID, 'pFS7Fjg8kV1IdDz01r4SQwMkuCKd'].map((cardId, i) => ({
  cardId,
  cardExt: server.buildCardExt({ apiTicket: TICKET, cardId, outerStr: OUTER, nonceStr: 'n' + i }),
}));
const CONFIG = server.jsapiConfig({
  jsapiTicket: 'jsapi-ticket-on-the-server',
  appId: APP_ID,
  url: ORIGIN + '/index.html',
  jsApiList: ['addCard', 'openCard', 'chooseCard'],
});

const PAGE = `<!doctype html><meta charset="utf-8"><title>wxcard H5</title>
<script src="/jweixin.js"></script>
<script type="module">
  import init, * as wxcard from '/pkg/dist/wxcard.js';
  await init();
  window.wxcard = wxcard;
  window.wxcardReady = true;
</script>`;

let jweixinBundle;
let browserContext;
let profile;

before(async () => {
  // `import wx from 'weixin-js-sdk'` as a bundler would include it.
  const out = await build({
    stdin: { contents: "import wx from 'weixin-js-sdk'; window.wx = window.jWeixin = wx;", resolveDir: ROOT },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  jweixinBundle = out.outputFiles[0].text;
  profile = await mkdtemp(path.join(os.tmpdir(), 'wxcard-jweixin-'));
  browserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browserContext?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/**
 * A page with the given user agent and scripted bridge.
 * @param {{ ua?: string, bridge?: boolean | 'late', answers?: Record<string, string>, config?: boolean, env?: string }} options
 */
async function openPage({ ua = UA_WECHAT, bridge = true, answers = {}, config = true, env } = {}) {
  const page = await browserContext.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // jweixin reports to open.weixin.qq.com after wx.config; nothing leaves the machine.
  await page.route((url) => !url.href.startsWith(ORIGIN), (route) => route.fulfill({ status: 204, body: '' }));
  await page.route(ORIGIN + '/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ body: PAGE, contentType: TYPES['.html'] });
    if (url.pathname === '/jweixin.js') return route.fulfill({ body: jweixinBundle, contentType: TYPES['.js'] });
    if (url.pathname.startsWith('/pkg/')) {
      const file = path.join(PKG, url.pathname.slice('/pkg/'.length));
      return route.fulfill({ body: await readFile(file), contentType: TYPES[path.extname(file)] || 'application/octet-stream' });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  const cdp = await browserContext.newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent: ua, platform: 'Linux armv8l' });
  await page.addInitScript(
    ({ bridge, answers, env }) => {
      window.__calls = [];
      window.__answers = answers;
      if (env !== undefined) window.__wxjs_environment = env;
      const raw = {
        ok: (name) => ({ err_msg: name + ':ok' }),
        cancel: (name) => ({ err_msg: name + ':cancel' }),
      };
      const bridgeObject = {
        invoke(name, params, callback) {
          window.__calls.push({ name, params: JSON.parse(JSON.stringify(params)) });
          const mode = window.__answers[name] || 'ok';
          if (mode === 'never') return;
          let res;
          if (raw[mode]) res = raw[mode](name);
          else res = { err_msg: name + ':' + mode };
          if (mode === 'ok' && name === 'batchAddCard') {
            res.card_list = JSON.stringify(
              params.card_list.map((c) => ({ card_id: c.card_id, card_ext: c.card_ext, is_succ: 1, code: 'ENC-' + c.card_id.slice(-4) })),
            );
          }
          if (mode === 'ok' && name === 'chooseCard') {
            res.choose_card_info = JSON.stringify([{ card_id: 'pChosenCardId00000000000001', encrypt_code: 'O/mPnGTpBu22a1szmK2ogz' }]);
          }
          setTimeout(() => callback(res), 5);
        },
        on() {},
      };
      const install = (webview) => {
        window.WeixinJSBridge = bridgeObject;
        if (webview) window.__wxjs_environment = 'miniprogram';
        document.dispatchEvent(new Event('WeixinJSBridgeReady'));
      };
      if (bridge === true) window.WeixinJSBridge = bridgeObject;
      if (bridge === 'late') window.__installBridge = install;
    },
    { bridge, answers, env },
  );
  await page.goto(ORIGIN + '/index.html');
  await page.waitForFunction(() => window.wxcardReady === true);
  if (config) {
    // wx.config verifies through the bridge asynchronously; with a bridge present, wait for
    // wx.ready so that tests start from a configured page rather than racing the verification.
    await page.evaluate(
      ({ c, waitReady }) =>
        new Promise((resolve) => {
          window.wx.config(c);
          if (waitReady) window.wx.ready(resolve);
          else resolve();
        }),
      { c: { ...CONFIG, jsApiList: [...CONFIG.jsApiList] }, waitReady: bridge === true },
    );
  }
  return { page, errors };
}

/** Runs `wxcard.<name>(...args)` in the page; resolves `{ value }` or `{ error: { code, errMsg, reason, field } }`. */
function callIn(page, name, args, options) {
  return page.evaluate(
    async ({ name, args, options }) => {
      try {
        return { value: await window.wxcard[name](...args, options) };
      } catch (e) {
        return { error: { name: e.name, code: e.code, errMsg: e.errMsg, reason: e.reason, field: e.field, message: e.message } };
      }
    },
    { name, args, options },
  );
}

const calls = (page) => page.evaluate(() => window.__calls);
const named = (list, name) => list.filter((c) => c.name === name);
/** The invokes made for the page, without jweixin's own `getNetworkType` report after wx.config. */
const invoked = async (page) => (await calls(page)).map((c) => c.name).filter((n) => n !== 'getNetworkType');

test('addCard: the bridge sees batchAddCard with snake_case items, string card_ext and the config appId; the result normalises', async () => {
  const { page, errors } = await openPage();
  assert.deepEqual(await page.evaluate(() => window.wxcard.cardSupport().addCard), { supported: true, reason: 'OK' });
  const { value, error } = await callIn(page, 'addCard', [LIST]);
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value, {
    cards: LIST.map((c) => ({ cardId: c.cardId, cardExt: c.cardExt, isSuccess: true, code: 'ENC-' + c.cardId.slice(-4) })),
  });
  const all = await calls(page);
  const [config] = named(all, 'preVerifyJSAPI');
  assert.deepEqual(config.params.verifyJsApiList, ['batchAddCard', 'batchViewCard', 'chooseCard']);
  const [add] = named(all, 'batchAddCard');
  assert.deepEqual(add.params.card_list, LIST.map((c) => ({ card_id: c.cardId, card_ext: c.cardExt })));
  for (const item of add.params.card_list) assert.equal(typeof item.card_ext, 'string');
  assert.equal(JSON.parse(add.params.card_list[0].card_ext).outer_str, OUTER);
  assert.equal(add.params.appId, APP_ID);
  assert.equal(add.params.verifySignature, CONFIG.signature);
  assert.deepEqual(errors, []);
  await page.close();
});

test('openCard: batchViewCard with card_id and the decrypted code', async () => {
  const { page } = await openPage();
  const { value, error } = await callIn(page, 'openCard', [[{ cardId: CARD_ID, code: '110201201245' }]]);
  assert.equal(error, undefined, JSON.stringify(error));
  assert.equal(value, undefined);
  const [open] = named(await calls(page), 'batchViewCard');
  assert.deepEqual(open.params.card_list, [{ card_id: CARD_ID, code: '110201201245' }]);
  assert.equal(open.params.appId, APP_ID);
  await page.close();
});

test('chooseCard: app_id from wx.config, the signed params in snake_case, cardList parsed to { cardId, encryptCode }', async () => {
  const { page } = await openPage();
  const params = server.chooseCardParams({ apiTicket: TICKET, appId: APP_ID, cardType: 'GROUPON' });
  const { value, error } = await callIn(page, 'chooseCard', [params]);
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value, [{ cardId: 'pChosenCardId00000000000001', encryptCode: 'O/mPnGTpBu22a1szmK2ogz' }]);
  const [choose] = named(await calls(page), 'chooseCard');
  assert.equal(choose.params.app_id, APP_ID);
  assert.equal(choose.params.card_sign, params.cardSign);
  assert.equal(choose.params.card_type, 'GROUPON');
  assert.equal(choose.params.time_stamp, String(params.timestamp));
  assert.equal(choose.params.nonce_str, params.nonceStr);
  assert.equal(choose.params.sign_type, 'SHA1');
  await page.close();
});

test('bridge answers map to codes: cancel → CANCELLED, fail_… → WX_FAIL (errMsg kept), access_denied → PERMISSION_DENIED', async () => {
  const cases = [
    ['cancel', 'CANCELLED', 'addCard:cancel'],
    ['fail_invalid_signature', 'WX_FAIL', 'addCard:invalid signature'],
    ['failed', 'WX_FAIL', 'addCard:fail'],
    ['access_denied', 'PERMISSION_DENIED', 'addCard:permission denied'],
  ];
  for (const [answer, code, errMsg] of cases) {
    const { page } = await openPage({ answers: { batchAddCard: answer } });
    const { error } = await callIn(page, 'addCard', [LIST]);
    assert.equal(error?.name, 'WxCardError', answer);
    assert.equal(error.code, code, answer);
    assert.equal(error.errMsg, errMsg, answer);
    await page.close();
  }
});

test('no WeixinJSBridge at all: TIMEOUT after options.timeoutMs', async () => {
  const { page } = await openPage({ bridge: false });
  assert.equal(await page.evaluate(() => window.wxcard.cardSupport().addCard.reason), 'BRIDGE_NOT_READY');
  const started = Date.now();
  const { error } = await callIn(page, 'addCard', [LIST], { timeoutMs: 300 });
  assert.equal(error?.code, 'TIMEOUT');
  assert.ok(Date.now() - started >= 250);
  assert.deepEqual(await calls(page), []);
  await page.close();
});

test('a bridge or wx.config that turns up after TIMEOUT does not get the stale call', async () => {
  const late = await openPage({ bridge: 'late' });
  assert.equal((await callIn(late.page, 'addCard', [LIST], { timeoutMs: 150 })).error?.code, 'TIMEOUT');
  await late.page.evaluate(() => window.__installBridge());
  await late.page.waitForTimeout(300);
  assert.deepEqual(named(await calls(late.page), 'batchAddCard'), []);
  await late.page.close();

  const unconfigured = await openPage({ config: false });
  assert.equal((await callIn(unconfigured.page, 'addCard', [LIST], { timeoutMs: 150 })).error?.code, 'TIMEOUT');
  await unconfigured.page.evaluate((c) => window.wx.config(c), { ...CONFIG, jsApiList: [...CONFIG.jsApiList] });
  await unconfigured.page.waitForTimeout(300);
  assert.deepEqual(await invoked(unconfigured.page), ['preVerifyJSAPI']);
  await unconfigured.page.close();
});

test('a bridge that never answers: TIMEOUT; a late answer is ignored', async () => {
  const { page } = await openPage({ answers: { batchViewCard: 'never' } });
  const { error } = await callIn(page, 'openCard', [[{ cardId: CARD_ID, code: '110201201245' }]], { timeoutMs: 200 });
  assert.equal(error?.code, 'TIMEOUT');
  assert.equal(named(await calls(page), 'batchViewCard').length, 1);
  await page.close();
});

test('a bridge that arrives after the call (WeixinJSBridgeReady): the wrapper waits, then calls', async () => {
  const { page } = await openPage({ bridge: 'late' });
  const pending = callIn(page, 'addCard', [LIST], { timeoutMs: 5000 });
  await page.waitForTimeout(150);
  await page.evaluate(() => window.__installBridge());
  const { value, error } = await pending;
  assert.equal(error, undefined, JSON.stringify(error));
  assert.equal(value.cards.length, 2);
  assert.deepEqual(await invoked(page), ['preVerifyJSAPI', 'batchAddCard']);
  await page.close();
});

test('an iOS web-view whose user agent lacks miniProgram: once the bridge sets __wxjs_environment, USE_NATIVE_PAGE', async () => {
  const { page } = await openPage({ bridge: 'late' });
  assert.equal(await page.evaluate(() => window.wxcard.detectEnvironment().kind), 'wechat-h5');
  const pending = callIn(page, 'addCard', [LIST], { timeoutMs: 5000 });
  await page.waitForTimeout(100);
  await page.evaluate(() => window.__installBridge(true));
  const { error } = await pending;
  assert.deepEqual([error?.code, error?.reason], ['UNSUPPORTED', 'USE_NATIVE_PAGE']);
  assert.deepEqual(named(await calls(page), 'batchAddCard'), []);
  await page.close();
});

test('wx.config not called yet: the wrapper waits for wx.ready, then calls', async () => {
  const { page } = await openPage({ config: false });
  assert.equal(await page.evaluate(() => window.wxcard.cardSupport().addCard.reason), 'NOT_CONFIGURED');
  const pending = callIn(page, 'addCard', [LIST], { timeoutMs: 5000 });
  await page.waitForTimeout(100);
  await page.evaluate((c) => window.wx.config(c), { ...CONFIG, jsApiList: [...CONFIG.jsApiList] });
  const { error } = await pending;
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(await invoked(page), ['preVerifyJSAPI', 'batchAddCard']);
  await page.close();
});

test('a plain browser: UNSUPPORTED NOT_WECHAT at once, nothing invoked', async () => {
  const { page } = await openPage({ ua: UA_CHROME, bridge: false, config: false });
  const { error } = await callIn(page, 'addCard', [LIST]);
  assert.deepEqual([error?.code, error?.reason], ['UNSUPPORTED', 'NOT_WECHAT']);
  await page.close();
});

test('web-view: addCard says USE_NATIVE_PAGE; navigateToAddCardPage → invokeMiniProgramAPI navigateTo → readAddCardQuery gives the same list', async () => {
  const { page } = await openPage({ ua: UA_WEBVIEW });
  assert.equal(await page.evaluate(() => window.wxcard.detectEnvironment().kind), 'miniprogram-webview');
  const refused = await callIn(page, 'addCard', [LIST]);
  assert.deepEqual([refused.error?.code, refused.error?.reason], ['UNSUPPORTED', 'USE_NATIVE_PAGE']);
  const { value, error } = await callIn(page, 'navigateToAddCardPage', [LIST], { page: '/pages/add-card/index' });
  assert.equal(error, undefined, JSON.stringify(error));
  const [nav] = named(await calls(page), 'invokeMiniProgramAPI');
  assert.deepEqual(nav.params.name, 'navigateTo');
  assert.equal(nav.params.arg.url, value.url);
  // The native page's onLoad query: split on & and =, each value decoded once.
  const query = Object.fromEntries(value.url.split('?')[1].split('&').map((kv) => kv.split('=').map(decodeURIComponent)));
  assert.deepEqual(server.readAddCardQuery(query), LIST);
  await page.close();
});
