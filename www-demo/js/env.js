// Panel ③: detectEnvironment / cardSupport for this browser and for simulated hosts
// (a fake `globals` object per host, as tests pass it).

import { announce, attempt, el, errorBox, missing, missingBox, show } from './ui.js';

const noop = () => {};
const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN';
const WEBVIEW_UA = `${WECHAT_UA} miniProgram/wx0123456789abcdef`;
const CHROME_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

/** What each support reason means, in Chinese and English. */
const REASONS = {
  OK: '可以调用 (can be called)',
  API_MISSING: '当前环境没有这个接口 (no such API here)',
  SDK_TOO_OLD: '基础库版本过低 (base library too old)',
  NOT_WECHAT: '不在微信中 (not inside WeChat)',
  BRIDGE_NOT_READY: 'WeixinJSBridge 尚未就绪，等待 WeixinJSBridgeReady (bridge not ready yet)',
  NOT_CONFIGURED: '尚未成功调用 wx.config (wx.config has not succeeded)',
  USE_NATIVE_PAGE: '在 web-view 中请跳转到原生小程序页面调用 (navigateToAddCardPage → a native page)',
  H5_ONLY: '只有 H5 JS-SDK 有此接口，小程序没有 (H5 JS-SDK only)',
};

/**
 * A mini-program (or mini-game) `wx` with the given base library version.
 * @param {string} sdkVersion
 * @param {boolean} game
 */
function miniProgramHost(sdkVersion, game) {
  const info = { SDKVersion: sdkVersion, version: '8.0.50', platform: 'ios' };
  /** @type {Record<string, unknown>} */
  const wx = {
    addCard: noop,
    openCard: game ? undefined : noop,
    getSystemInfoSync: () => info,
    getAppBaseInfo: () => ({ SDKVersion: info.SDKVersion, version: info.version }),
    getDeviceInfo: () => ({ platform: info.platform }),
    getRandomValues: noop,
  };
  if (sdkVersion >= '1.1.1') wx.canIUse = (/** @type {string} */ name) => typeof wx[name.split('.')[0]] === 'function';
  if (game) return { wx, GameGlobal: {} };
  return { wx, Page: noop, App: noop, Component: noop, getApp: noop, getCurrentPages: () => [] };
}

/**
 * A WeChat H5 page with jweixin loaded. With `configured`, `wx.ready` runs its callback at once,
 * as jweixin does after `wx.config` has succeeded.
 * @param {{ ua: string, bridge: boolean, webview?: boolean, configured?: boolean }} o
 */
function h5Host({ ua, bridge, webview, configured }) {
  const ready = configured ? (/** @type {() => void} */ callback) => callback() : noop;
  /** @type {Record<string, unknown>} */
  const jweixin = { config: noop, ready, error: noop, checkJsApi: noop, addCard: noop, openCard: noop, chooseCard: noop };
  if (webview) jweixin.miniProgram = { navigateTo: noop, getEnv: (/** @type {Function} */ cb) => cb({ miniprogram: true }), postMessage: noop };
  /** @type {Record<string, unknown>} */
  const g = { navigator: { userAgent: ua }, document: { readyState: 'complete' }, wx: jweixin, jWeixin: jweixin };
  if (bridge) g.WeixinJSBridge = { invoke: noop, on: noop, call: noop };
  if (webview) g.__wxjs_environment = 'miniprogram';
  g.window = g;
  return g;
}

/** The simulated hosts; `globals` undefined means the real global object. */
const HOSTS = [
  { id: 'real', label: '当前浏览器 (this browser, real globals)', make: () => undefined },
  { id: 'miniprogram', label: '小程序 (mini-program, 基础库 3.4.0)', make: () => miniProgramHost('3.4.0', false) },
  { id: 'miniprogram-old', label: '小程序，旧基础库 1.0.9 (old base library)', make: () => miniProgramHost('1.0.9', false) },
  { id: 'minigame', label: '小游戏 (mini-game, 基础库 2.5.0)', make: () => miniProgramHost('2.5.0', true) },
  { id: 'wechat-h5', label: '微信 H5，wx.config 已完成 (WeChat H5, configured)', make: () => h5Host({ ua: WECHAT_UA, bridge: true, configured: true }) },
  { id: 'wechat-h5-unconfigured', label: '微信 H5，wx.config 未完成 (not configured yet)', make: () => h5Host({ ua: WECHAT_UA, bridge: true }) },
  { id: 'wechat-h5-nobridge', label: '微信 H5，bridge 未就绪 (bridge not ready)', make: () => h5Host({ ua: WECHAT_UA, bridge: false }) },
  { id: 'webview', label: '小程序 web-view (H5 inside a mini-program)', make: () => h5Host({ ua: WEBVIEW_UA, bridge: true, webview: true, configured: true }) },
  { id: 'other-browser', label: '非微信手机浏览器 (non-WeChat mobile browser)', make: () => h5Host({ ua: CHROME_UA, bridge: false }) },
];

/**
 * Wires the environment panel.
 * @param {Record<string, any> | null} api
 */
export function mountEnv(api) {
  const choices = /** @type {HTMLElement} */ (document.getElementById('env-choices'));
  const out = /** @type {HTMLElement} */ (document.getElementById('env-out'));
  for (const host of HOSTS) {
    const id = `env-${host.id}`;
    const radio = el('input', { type: 'radio', name: 'env-host', id, value: host.id, checked: host.id === 'real' });
    radio.addEventListener('change', () => run(host));
    choices.append(el('div', { class: 'inline' }, [radio, el('label', { for: id, text: host.label })]));
  }
  const run = (/** @type {typeof HOSTS[number]} */ host) => {
    const absent = missing(api, ['detectEnvironment', 'cardSupport']);
    if (absent.length || !api) return show(out, [missingBox(absent)]);
    show(out, render(api, host));
  };
  run(HOSTS[0]);
}

/**
 * @param {Record<string, any>} api
 * @param {typeof HOSTS[number]} host
 */
function render(api, host) {
  const globals = host.make();
  const args = globals === undefined ? [] : [globals];
  const env = attempt(() => api.detectEnvironment(...args));
  const support = attempt(() => api.cardSupport(...args));
  const call = globals === undefined ? 'cardSupport()' : 'cardSupport(globals)';
  const nodes = [el('h3', { text: host.label })];
  if (env.error) nodes.push(errorBox(env.error, 'detectEnvironment'));
  else nodes.push(environmentLine(env.value));
  if (support.value) {
    const s = support.value;
    announce(`${env.value?.kind ?? ''}: addCard ${s.addCard?.reason}, openCard ${s.openCard?.reason}, chooseCard ${s.chooseCard?.reason}`);
  }
  if (support.error) nodes.push(errorBox(support.error, call));
  else nodes.push(supportTable(support.value, call));
  if (globals !== undefined) {
    nodes.push(
      el('details', { class: 'more' }, [
        el('summary', { text: '模拟的 globals (the simulated globals)' }),
        el('pre', { class: 'code', tabindex: '0' }, [el('code', { text: describe(globals) })]),
      ]),
    );
  }
  return nodes;
}

/** @param {{ kind: string, sdkVersion?: string, wechatVersion?: string, platform?: string }} env */
function environmentLine(env) {
  const extras = [
    env.sdkVersion ? `基础库 SDKVersion ${env.sdkVersion}` : '',
    env.wechatVersion ? `微信 WeChat ${env.wechatVersion}` : '',
    env.platform ? `platform ${env.platform}` : '',
  ].filter(Boolean);
  return el('p', { class: 'kv' }, [
    el('span', { class: 'k', text: '环境 (environment.kind): ' }),
    el('code', { class: 'v', id: 'env-kind', text: env.kind }),
    extras.length ? el('span', { class: 'en', text: ` · ${extras.join(' · ')}` }) : null,
  ]);
}

/**
 * @param {Record<string, { supported: boolean, reason: string }>} support
 * @param {string} call
 */
function supportTable(support, call) {
  const rows = ['addCard', 'openCard', 'chooseCard'].map((name) => {
    const s = support[name] ?? { supported: false, reason: '?' };
    return el('tr', { 'data-api': name, class: s.supported ? 'row-ok' : '' }, [
      el('th', { scope: 'row' }, [el('code', { text: `wx.${name}` })]),
      el('td', {}, [
        el('span', { class: `badge ${s.supported ? 'badge-ok' : 'badge-error'}`, text: s.supported ? '✓ 可用 yes' : '✗ 不可用 no' }),
        el('code', { class: 'reason', text: s.reason }),
        el('div', { class: 'en', text: REASONS[/** @type {keyof typeof REASONS} */ (s.reason)] ?? '' }),
      ]),
    ]);
  });
  return el('div', { class: 'table-wrap' }, [
    el('table', { class: 'fields', id: 'env-support' }, [
      el('caption', {}, [el('code', { text: call })]),
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: '接口 API' }), el('th', { scope: 'col', text: '能否调用 supported · 原因 reason' })])]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/**
 * A readable outline of a fake globals object (functions shown as `ƒ`, cycles cut).
 * @param {unknown} value
 * @param {number} [depth]
 * @param {Set<unknown>} [seen]
 * @returns {string}
 */
function describe(value, depth = 0, seen = new Set()) {
  if (typeof value === 'function') return 'ƒ()';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[globals]';
  seen.add(value);
  const pad = '  '.repeat(depth + 1);
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${pad}${k}: ${describe(v, depth + 1, seen)}`);
  return `{\n${entries.join(',\n')}\n${'  '.repeat(depth)}}`;
}
