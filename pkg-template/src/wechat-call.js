// Turning one WeChat callback-style call into a promise: errMsg → error code,
// one deadline over every phase, and the result normalisers.

import { WxCardError } from './errors.js';
import { safeGet } from './facts.js';

/** The default `options.timeoutMs` of H5 calls (jweixin can stay silent forever). */
export const DEFAULT_TIMEOUT_MS = 15000;

function errMsgOf(res, api) {
  const msg = safeGet(res, 'errMsg');
  if (typeof msg === 'string') return msg;
  const raw = safeGet(res, 'err_msg');
  return typeof raw === 'string' ? raw : api + ':fail';
}

/** The part of an errMsg after its `api:` prefix, lower-cased: `ok`, `fail cancel`, … */
function detailOf(errMsg) {
  return errMsg.slice(errMsg.indexOf(':') + 1).trim().toLowerCase();
}

/** Whether a callback result says `…:ok`. */
export function isOk(res, api) {
  return detailOf(errMsgOf(res, api)) === 'ok';
}

/**
 * The `WxCardError` for a failed call, from WeChat's `errMsg`:
 * `…:cancel` / `…:fail cancel` → `CANCELLED`; permission/access denied →
 * `PERMISSION_DENIED`; anything else → `WX_FAIL`. `errMsg` is kept on the error.
 * @param {string} api
 * @param {unknown} res
 * @returns {WxCardError}
 */
export function errorFromResult(api, res) {
  const errMsg = errMsgOf(res, api);
  const detail = detailOf(errMsg);
  if (/^(fail[\s_:]*)?cancel(l?ed)?\b/.test(detail)) {
    return new WxCardError('CANCELLED', api + ': the user cancelled (' + errMsg + ')', { errMsg });
  }
  if (/permission denied|access denied|no permission|auth den(y|ied)/.test(detail)) {
    return new WxCardError(
      'PERMISSION_DENIED',
      api + ': permission denied (' + errMsg + '); in H5 check wx.config (signature, jsApiList, JS-safe domain), in a mini-program its verification and card binding',
      { errMsg },
    );
  }
  return new WxCardError('WX_FAIL', api + ': WeChat answered ' + errMsg, { errMsg });
}

/**
 * Calls `target[method](args + callbacks)` and settles on the first of
 * `success` / `fail` / `complete` (and jweixin's `cancel` when `withCancel`).
 * @returns {Promise<object>} The success result.
 */
export function callWx(target, method, args, api, withCancel) {
  const name = api || method;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (res, forceFail) => {
      if (settled) return;
      settled = true;
      if (!forceFail && isOk(res, name)) resolve(res);
      else reject(errorFromResult(name, res));
    };
    const payload = Object.assign({}, args, {
      success: (res) => settle(res, false),
      fail: (res) => settle(res, true),
      complete: (res) => settle(res, false),
    });
    if (withCancel) {
      payload.cancel = (res) => settle(res === undefined || res === null ? { errMsg: name + ':cancel' } : res, true);
    }
    let fn;
    try {
      fn = target[method];
      fn.call(target, payload);
    } catch (e) {
      settled = true;
      const what = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(e);
      reject(new WxCardError('WX_FAIL', name + ': calling wx.' + method + ' threw: ' + what, { cause: e }));
    }
  });
}

/**
 * Runs `work(onCleanup)` against a deadline of `ms` (0, Infinity or beyond setTimeout's 2^31 - 1: none);
 * past it the promise rejects with `TIMEOUT` and late answers are ignored.
 */
export function withDeadline(api, ms, work) {
  const cleanups = [];
  const cleanup = () => {
    while (cleanups.length) {
      try {
        cleanups.pop()();
      } catch (e) {
        // a cleanup that throws must not mask the result
      }
    }
  };
  const racers = [Promise.resolve().then(() => work((fn) => cleanups.push(fn)))];
  if (ms > 0 && ms <= 2147483647) {
    racers.push(
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new WxCardError(
              'TIMEOUT',
              api + ': no answer from WeChat within ' + ms + ' ms. Outside WeChat, or while WeixinJSBridge or wx.config is not ready, jweixin never calls back; give options.timeoutMs more time if users may linger',
            ),
          );
        }, ms);
        cleanups.push(() => clearTimeout(timer));
      }),
    );
  }
  return Promise.race(racers).then(
    (value) => {
      cleanup();
      return value;
    },
    (error) => {
      cleanup();
      throw error;
    },
  );
}

function parseMaybe(value) {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (e) {
    return undefined;
  }
}

function pick(item, camel, snake) {
  const a = safeGet(item, camel);
  return a !== undefined ? a : snake === undefined ? undefined : safeGet(item, snake);
}

function text(value) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch (e) {
      return '';
    }
  }
  return value === undefined || value === null ? '' : String(value);
}

function listOf(res, camel, snake) {
  const list = parseMaybe(pick(res, camel, snake));
  return Array.isArray(list) ? list : [];
}

/**
 * `{ cards: [{ cardId, cardExt, code?, isSuccess }] }` from a mini-program
 * `addCard` result (`cardList` array), jweixin's (`cardList` parsed from the
 * bridge) or a raw bridge result (`card_list` JSON string, snake_case items).
 * A missing `cardExt` is taken from the request's item with the same card id.
 */
export function normaliseAddCardResult(res, requested) {
  const cards = listOf(res, 'cardList', 'card_list').map((item, i) => {
    const cardId = text(pick(item, 'cardId', 'card_id'));
    let cardExt = text(pick(item, 'cardExt', 'card_ext'));
    const asked = requested[i];
    if (cardExt === '' && asked && asked.cardId === cardId) cardExt = asked.cardExt;
    const flag = pick(item, 'isSuccess');
    const card = { cardId, cardExt, isSuccess: typeof flag === 'boolean' ? flag : !!safeGet(item, 'is_succ') };
    const code = safeGet(item, 'code');
    if (typeof code === 'string' && code !== '') card.code = code;
    return card;
  });
  return { cards };
}

/** `[{ cardId, encryptCode }]` from a `chooseCard` result (`cardList` or `choose_card_info`, a JSON string). */
export function normaliseChooseCardResult(res) {
  return listOf(res, 'cardList', 'choose_card_info').map((item) => ({
    cardId: text(pick(item, 'cardId', 'card_id')),
    encryptCode: text(pick(item, 'encryptCode', 'encrypt_code')),
  }));
}
