// The fake-host matrix through the built package: detectEnvironment,
// cardSupport and compareVersion with realistic global objects, including
// hostile ones (throwing getters, Proxies, frozen and revoked objects).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = process.env.WXCARD_PKG || path.join(ROOT, 'pkg');
const wxcard = await import(pathToFileURL(path.join(PKG, 'dist/wxcard.node.mjs')).href);

const UA = {
  ios: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN',
  android: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0 Mobile Safari/537.36 XWEB/5235 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN',
  webview: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0 Mobile Safari/537.36 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 miniProgram/wx1234567890abcdef',
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
};

const fn = () => {};

/** A mini-program `wx`: only the named APIs, `SDKVersion` from getAppBaseInfo or getSystemInfoSync. */
function miniProgramWx(sdk, apis, { canIUse = true, legacyInfo = false } = {}) {
  const wx = { navigateTo: fn, request: fn };
  for (const api of apis) wx[api] = fn;
  const info = { SDKVersion: sdk, version: '8.0.40', platform: 'android' };
  if (legacyInfo) wx.getSystemInfoSync = () => info;
  else {
    wx.getAppBaseInfo = () => ({ SDKVersion: sdk, version: '8.0.40' });
    wx.getDeviceInfo = () => ({ platform: 'android' });
  }
  if (canIUse) wx.canIUse = (name) => apis.includes(name);
  return wx;
}

/** jweixin's `wx`: `ready` runs its callback at once when config has finished, else queues it. */
function jweixin(configDone) {
  const queued = [];
  return {
    config: fn,
    ready: (cb) => (configDone ? cb() : queued.push(cb)),
    error: fn,
    checkJsApi: fn,
    addCard: fn,
    openCard: fn,
    chooseCard: fn,
    miniProgram: { navigateTo: fn, getEnv: fn },
  };
}

function h5({ ua, bridge = true, configDone = true, env, wx = jweixin(configDone) }) {
  const window = { navigator: { userAgent: ua }, document: {} };
  if (bridge) window.WeixinJSBridge = { invoke: fn, on: fn };
  if (env !== undefined) window.__wxjs_environment = env;
  if (wx) window.wx = wx;
  window.window = window;
  return window;
}

function throwingGetter(obj, key) {
  Object.defineProperty(obj, key, {
    enumerable: true,
    get() {
      throw new Error('hostile getter ' + key);
    },
  });
  return obj;
}

function trapAll() {
  const boom = () => {
    throw new Error('hostile trap');
  };
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
}

function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const R = (add, open, choose) => ({ add, open, choose });

const CASES = [
  ['mini-program 2.30.0', { wx: miniProgramWx('2.30.0', ['addCard', 'openCard']) }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['mini-program 1.1.0, no canIUse (it came in 1.1.1)', { wx: miniProgramWx('1.1.0', ['addCard', 'openCard'], { canIUse: false, legacyInfo: true }) }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['mini-program 1.0.9', { wx: miniProgramWx('1.0.9', [], { canIUse: false, legacyInfo: true }) }, 'miniprogram', R('SDK_TOO_OLD', 'SDK_TOO_OLD', 'H5_ONLY')],
  ['mini-program, canIUse says no', { wx: miniProgramWx('2.30.0', []) }, 'miniprogram', R('API_MISSING', 'API_MISSING', 'H5_ONLY')],
  ['mini-program whose info getters throw', { wx: throwingGetter(throwingGetter(miniProgramWx('2.30.0', ['addCard', 'openCard']), 'getAppBaseInfo'), 'canIUse') }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['mini-program whose getSystemInfoSync throws (version unknown)', { wx: Object.assign(miniProgramWx('x', ['addCard', 'openCard'], { legacyInfo: true }), { getSystemInfoSync() { throw new Error('no'); } }) }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['frozen mini-program wx', { wx: Object.freeze(miniProgramWx('2.30.0', ['addCard', 'openCard'])) }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['proxied mini-program wx', { wx: new Proxy(miniProgramWx('2.30.0', ['addCard', 'openCard']), {}) }, 'miniprogram', R('OK', 'OK', 'H5_ONLY')],
  ['mini-game 2.5.0', { GameGlobal: {}, wx: { addCard: fn, openCard: fn, createCanvas: fn, getSystemInfoSync: () => ({ SDKVersion: '2.5.0' }) } }, 'minigame', R('OK', 'OK', 'H5_ONLY')],
  ['mini-game 2.4.0', { GameGlobal: {}, wx: { addCard: fn, createCanvas: fn, getSystemInfoSync: () => ({ SDKVersion: '2.4.0' }) } }, 'minigame', R('SDK_TOO_OLD', 'SDK_TOO_OLD', 'H5_ONLY')],
  ['WeChat H5 iOS, ready', h5({ ua: UA.ios }), 'wechat-h5', R('OK', 'OK', 'OK')],
  ['WeChat H5, bridge not ready', h5({ ua: UA.android, bridge: false }), 'wechat-h5', R('BRIDGE_NOT_READY', 'BRIDGE_NOT_READY', 'BRIDGE_NOT_READY')],
  ['WeChat H5, wx.config pending', h5({ ua: UA.android, configDone: false }), 'wechat-h5', R('NOT_CONFIGURED', 'NOT_CONFIGURED', 'NOT_CONFIGURED')],
  ['WeChat H5 without jweixin', h5({ ua: UA.ios, wx: null }), 'wechat-h5', R('API_MISSING', 'API_MISSING', 'API_MISSING')],
  ['web-view by user agent', h5({ ua: UA.webview }), 'miniprogram-webview', R('USE_NATIVE_PAGE', 'USE_NATIVE_PAGE', 'OK')],
  ['web-view by __wxjs_environment', h5({ ua: UA.ios, env: 'miniprogram' }), 'miniprogram-webview', R('USE_NATIVE_PAGE', 'USE_NATIVE_PAGE', 'OK')],
  ['plain browser with jweixin', h5({ ua: UA.chrome, bridge: false }), 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['empty globals', {}, 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['Node-like globals', { process: { versions: { node: '20.0.0' } } }, 'node', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['a navigator whose userAgent getter throws', { navigator: throwingGetter({}, 'userAgent'), WeixinJSBridge: {} }, 'wechat-h5', R('API_MISSING', 'API_MISSING', 'API_MISSING')],
  ['globals that are a Proxy trapping everything', trapAll(), 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['a wx that is a Proxy trapping everything', { wx: trapAll() }, 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['a revoked Proxy as wx and as window', { wx: revoked(), window: revoked() }, 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
  ['globals with throwing getters everywhere', ['wx', 'window', 'navigator', 'WeixinJSBridge', '__wxjs_environment', 'GameGlobal', 'process'].reduce(throwingGetter, {}), 'browser', R('NOT_WECHAT', 'NOT_WECHAT', 'NOT_WECHAT')],
];

for (const [name, globals, kind, want] of CASES) {
  test(`matrix: ${name}`, () => {
    const env = wxcard.detectEnvironment(globals);
    assert.equal(env.kind, kind);
    const support = wxcard.cardSupport(globals);
    assert.deepEqual(support.environment, env);
    assert.deepEqual(
      { add: support.addCard.reason, open: support.openCard.reason, choose: support.chooseCard.reason },
      want,
    );
    for (const s of [support.addCard, support.openCard, support.chooseCard]) {
      assert.equal(s.supported, s.reason === 'OK');
    }
  });
}

test('versions and platform are reported', () => {
  assert.deepEqual(wxcard.detectEnvironment({ wx: miniProgramWx('2.30.0', ['addCard']) }), {
    kind: 'miniprogram',
    sdkVersion: '2.30.0',
    wechatVersion: '8.0.40',
    platform: 'android',
  });
  assert.deepEqual(wxcard.detectEnvironment(h5({ ua: UA.ios })), { kind: 'wechat-h5', wechatVersion: '8.0.40', platform: 'ios' });
});

test('the config probe registers one wx.ready callback and sees it fire later', () => {
  const queued = [];
  const wx = Object.assign(jweixin(false), { ready: (cb) => queued.push(cb) });
  const globals = h5({ ua: UA.ios, wx });
  assert.equal(wxcard.cardSupport(globals).addCard.reason, 'NOT_CONFIGURED');
  assert.equal(wxcard.cardSupport(globals).addCard.reason, 'NOT_CONFIGURED');
  assert.equal(queued.length, 1);
  queued[0]();
  assert.equal(wxcard.cardSupport(globals).addCard.reason, 'OK');
});

test('with no argument it inspects the real globals: Node', () => {
  assert.equal(wxcard.detectEnvironment().kind, 'node');
  assert.equal(wxcard.cardSupport().addCard.reason, 'NOT_WECHAT');
});

test('compareVersion: WeChat order, junk never throws', () => {
  assert.equal(wxcard.compareVersion('1.0.9', '1.1.0'), -1);
  assert.equal(wxcard.compareVersion('2.5.0', '2.5'), 0);
  assert.equal(wxcard.compareVersion('2.10.0', '2.9.0'), 1);
  assert.equal(wxcard.compareVersion('junk', '0.0.0'), 0);
  for (const bad of [undefined, null, 1, {}, Symbol('x')]) {
    assert.throws(() => wxcard.compareVersion(bad, '1.0.0'), (e) => e instanceof wxcard.WxCardError && e.code === 'INVALID_TYPE' && e.field === 'a');
  }
});
