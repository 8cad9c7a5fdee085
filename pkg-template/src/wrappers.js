// The promise wrappers: addCard, openCard, chooseCard, navigateToAddCardPage.
// Validate with the core, check support, then call the mini-program `wx` or
// jweixin's `wx` and turn its callbacks into a typed result or WxCardError.

import { createCoreCalls } from './environment.js';
import { WxCardError } from './errors.js';
import { hasBridge, resolveDocument, resolveWx, safeCall, safeGet } from './facts.js';
import {
  DEFAULT_TIMEOUT_MS,
  callWx,
  normaliseAddCardResult,
  normaliseChooseCardResult,
  withDeadline,
} from './wechat-call.js';

const BRIDGE_POLL_MS = 100;

const HINTS = {
  API_MISSING: 'the API is not there (in H5, load jweixin — npm weixin-js-sdk — and list it in wx.config jsApiList)',
  SDK_TOO_OLD: 'the base library is too old (addCard/openCard need 1.1.0 in mini-programs, 2.5.0 in mini-games)',
  NOT_WECHAT: 'this is not WeChat; card APIs exist only in WeChat',
  BRIDGE_NOT_READY: 'WeixinJSBridge is not ready',
  NOT_CONFIGURED: 'wx.config has not succeeded',
  USE_NATIVE_PAGE: 'inside a mini-program <web-view>, send the cards to a native page with navigateToAddCardPage(cardList, { page }) and call it there',
  H5_ONLY: 'chooseCard exists only in WeChat H5 pages (JS-SDK), not in mini-programs or mini-games',
};

function unsupported(api, reason, kind) {
  const hint = HINTS[reason] || reason;
  return new WxCardError('UNSUPPORTED', api + ' cannot be called here (' + kind + ', ' + reason + '): ' + hint, { reason });
}

function isObjectLike(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function readOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw new WxCardError('INVALID_TYPE', 'options: expected an object, got ' + typeof options, { field: 'options' });
  }
  const get = (key) => {
    try {
      return options[key];
    } catch (e) {
      throw new WxCardError('INVALID_TYPE', 'options.' + key + ': reading it threw', { field: 'options.' + key });
    }
  };
  const o = { wx: get('wx'), globals: get('globals'), timeoutMs: get('timeoutMs'), page: get('page') };
  for (const key of ['wx', 'globals']) {
    if (o[key] !== undefined && !isObjectLike(o[key])) {
      throw new WxCardError('INVALID_TYPE', 'options.' + key + ': expected an object, got ' + typeof o[key], { field: 'options.' + key });
    }
  }
  if (o.timeoutMs !== undefined && (typeof o.timeoutMs !== 'number' || !(o.timeoutMs >= 0))) {
    throw new WxCardError('INVALID_TYPE', 'options.timeoutMs: expected a number of milliseconds ≥ 0 (0 or Infinity: no timeout)', {
      field: 'options.timeoutMs',
    });
  }
  return o;
}

/** Resolves once `WeixinJSBridge` exists (the `WeixinJSBridgeReady` event, or polling). */
function bridgeReady(globals, onCleanup) {
  if (hasBridge(globals)) return Promise.resolve();
  return new Promise((resolve) => {
    const doc = resolveDocument(globals);
    let timer = null;
    const done = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
      safeCall(safeGet(doc, 'removeEventListener'), doc, ['WeixinJSBridgeReady', done]);
      resolve();
    };
    safeCall(safeGet(doc, 'addEventListener'), doc, ['WeixinJSBridgeReady', done, false]);
    timer = setInterval(() => {
      if (hasBridge(globals)) done();
    }, BRIDGE_POLL_MS);
    onCleanup(() => {
      if (timer !== null) clearInterval(timer);
      timer = null;
      safeCall(safeGet(doc, 'removeEventListener'), doc, ['WeixinJSBridgeReady', done]);
    });
  });
}

/** Resolves once jweixin's `wx.config` has finished (`wx.ready`). */
function configReady(wx) {
  const ready = safeGet(wx, 'ready');
  if (typeof ready !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    try {
      Reflect.apply(ready, wx, [() => resolve()]);
    } catch (e) {
      resolve();
    }
  });
}

/**
 * @param {Record<string, Function>} glue The wasm-bindgen exports.
 * @param {<T>(run: () => T) => T} call Runs a glue call (see `createApi`).
 */
export function createWrappers(glue, call) {
  const api = createCoreCalls(glue, call);
  // Checks support, waits (H5) for the bridge and wx.config, then calls.
  function dispatch(name, o, args) {
    const support = api.supportFor(o.globals, o.wx);
    const verdict = support[name];
    const kind = support.environment.kind;
    const h5 = kind === 'wechat-h5' || kind === 'miniprogram-webview';
    const waitable = h5 && (verdict.reason === 'BRIDGE_NOT_READY' || verdict.reason === 'NOT_CONFIGURED');
    if (!verdict.supported && !waitable) throw unsupported(name, verdict.reason, kind);
    const wx = resolveWx(o.globals, o.wx);
    const timeoutMs = o.timeoutMs !== undefined ? o.timeoutMs : h5 ? DEFAULT_TIMEOUT_MS : 0;
    return withDeadline(name, timeoutMs, (onCleanup) => {
      if (!h5) return callWx(wx, name, args, name, false);
      // After TIMEOUT (or any settlement) a bridge or config that turns up late must not
      // open WeChat's card sheet for a call the app was already told has failed.
      let live = true;
      onCleanup(() => {
        live = false;
      });
      return bridgeReady(o.globals, onCleanup)
        .then(() => configReady(wx))
        .then(() => {
          if (!live) return undefined;
          // `__wxjs_environment` is set only once the bridge is ready (older iOS web-views
          // lack `miniProgram` in the user agent), so ask again before calling.
          const again = api.supportFor(o.globals, o.wx);
          if (!again[name].supported) throw unsupported(name, again[name].reason, again.environment.kind);
          return callWx(wx, name, args, name, true);
        });
    });
  }

  return {
    /**
     * Adds cards: validates with `addCardList`, checks `cardSupport`, calls `wx.addCard`.
     * @param {Array<{ cardId: string, cardExt: string | object }>} cardList
     * @param {{ wx?: object, globals?: object, timeoutMs?: number }} [options]
     * @returns {Promise<{ cards: Array<{ cardId: string, cardExt: string, code?: string, isSuccess: boolean }> }>}
     */
    async addCard(cardList, options) {
      const o = readOptions(options);
      const items = api.addCardList(cardList);
      const res = await dispatch('addCard', o, { cardList: items.map((i) => ({ cardId: i.cardId, cardExt: i.cardExt })) });
      return normaliseAddCardResult(res, items);
    },

    /**
     * Opens cards in the user's card bag: validates with `openCardList`, calls `wx.openCard`.
     * @param {Array<{ cardId: string, code: string }>} cardList Decrypted codes.
     * @param {{ wx?: object, globals?: object, timeoutMs?: number }} [options]
     * @returns {Promise<void>}
     */
    async openCard(cardList, options) {
      const o = readOptions(options);
      const items = api.openCardList(cardList);
      await dispatch('openCard', o, { cardList: items.map((i) => ({ cardId: i.cardId, code: i.code })) });
    },

    /**
     * Lets the user pick cards (H5 only), with parameters from `chooseCardParams`.
     * @param {{ shopId?: string, cardType?: string, cardId?: string, timestamp: string | number, nonceStr: string, signType?: 'SHA1', cardSign: string }} params
     * @param {{ wx?: object, globals?: object, timeoutMs?: number }} [options]
     * @returns {Promise<Array<{ cardId: string, encryptCode: string }>>}
     */
    async chooseCard(params, options) {
      const o = readOptions(options);
      const res = await dispatch('chooseCard', o, chooseArgs(params));
      return normaliseChooseCardResult(res);
    },

    /**
     * In a mini-program `<web-view>` page: sends the validated card list to the
     * native page `options.page` with `wx.miniProgram.navigateTo`.
     * @param {Array<{ cardId: string, cardExt: string | object }>} cardList
     * @param {{ page: string, wx?: object, globals?: object, timeoutMs?: number }} options
     * @returns {Promise<{ url: string }>}
     */
    async navigateToAddCardPage(cardList, options) {
      const o = readOptions(options);
      const url = api.addCardPageUrl(cardList, o.page);
      const wx = resolveWx(o.globals, o.wx);
      const mp = safeGet(wx, 'miniProgram');
      if (typeof safeGet(mp, 'navigateTo') !== 'function') {
        throw new WxCardError(
          'UNSUPPORTED',
          'navigateToAddCardPage: wx.miniProgram.navigateTo is missing; load jweixin (≥ 1.3.2) in the <web-view> page',
          { reason: 'API_MISSING' },
        );
      }
      const timeoutMs = o.timeoutMs !== undefined ? o.timeoutMs : DEFAULT_TIMEOUT_MS;
      await withDeadline('navigateToAddCardPage', timeoutMs, () => callWx(mp, 'navigateTo', { url }, 'navigateTo', false));
      return { url };
    },
  };
}

const CHOOSE_KEYS = ['shopId', 'cardType', 'cardId', 'timestamp', 'nonceStr', 'signType', 'cardSign'];

/** The fields jweixin's chooseCard reads, checked (they come from `chooseCardParams`). */
function chooseArgs(params) {
  let isArray = true;
  try {
    isArray = Array.isArray(params);
  } catch (e) {
    // a revoked Proxy: refused below like any other non-object
  }
  if (params === null || typeof params !== 'object' || isArray) {
    throw new WxCardError('INVALID_TYPE', 'params: expected the object returned by chooseCardParams', { field: 'params' });
  }
  const args = {};
  for (const key of CHOOSE_KEYS) {
    let value;
    try {
      value = params[key];
    } catch (e) {
      throw new WxCardError('INVALID_TYPE', 'params.' + key + ': reading it threw', { field: 'params.' + key });
    }
    if (value === undefined || value === null || value === '') continue;
    const ok = key === 'timestamp' ? typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) : typeof value === 'string';
    if (!ok) throw new WxCardError('INVALID_TYPE', 'params.' + key + ': expected a string, got ' + typeof value, { field: 'params.' + key });
    args[key] = key === 'timestamp' ? String(value) : value;
  }
  for (const key of ['cardSign', 'nonceStr', 'timestamp']) {
    if (args[key] === undefined) throw new WxCardError('MISSING_FIELD', 'params.' + key + ': required (use chooseCardParams)', { field: 'params.' + key });
  }
  if (!/^[0-9a-fA-F]{40}$/.test(args.cardSign)) {
    throw new WxCardError('MALFORMED_SIGNATURE', 'params.cardSign: a signature is 40 hexadecimal digits (SHA-1)', { field: 'params.cardSign' });
  }
  if (!/^[0-9]{1,10}$/.test(args.timestamp)) {
    throw new WxCardError('INVALID_TIMESTAMP', 'params.timestamp: must be whole Unix seconds', { field: 'params.timestamp' });
  }
  if (args.signType !== undefined && args.signType !== 'SHA1') {
    throw new WxCardError('INVALID_VALUE', 'params.signType: WeChat signs chooseCard with SHA1', { field: 'params.signType' });
  }
  args.signType = 'SHA1';
  return args;
}
