// The public functions of wxcard over the wasm-bindgen glue, shared by every entry.

import { createCardDefApi } from './card-def.js';
import { createEnvironmentApi } from './environment.js';
import { WxCardError, fromGlue, toJson, withoutTicket } from './errors.js';
import { buildClean, readInput } from './fast-build.js';
import { bagJson } from './fast-read.js';
import { listJson, optionsJson, readList, readOptions, verifyClean, verifyCleanList } from './fast-verify.js';
import { forgetScratch } from './scratch.js';
import { createWrappers } from './wrappers.js';

/**
 * @typedef {object} Host What an entry knows about where it runs.
 * @property {boolean} client `true` in browsers and mini-programs, where tickets are refused
 *   unless the input says `allowTicketOnClient: true`; `false` in Node.js.
 * @property {() => boolean} ready Whether the WebAssembly module is instantiated.
 * @property {string} notReadyMessage The `NOT_INITIALIZED` message, naming the fix for this entry.
 * @property {() => (Uint8Array | undefined)} randomBytes 64 secure random bytes, or `undefined` without a source.
 * @property {() => void} [recover] Replaces the WebAssembly instance after it trapped (a fresh
 *   instance at once in Node.js; a reload that `init()` awaits in mini-programs).
 */

// Whether a signer's input leaves the nonce to be generated (only then are random bytes taken).
function needsNonce(input) {
  try {
    return input === null || typeof input !== 'object' || input.nonceStr === undefined || input.nonceStr === null || input.nonceStr === '';
  } catch (e) {
    return true;
  }
}

/**
 * Builds the public API over `glue` (the `--target bundler` `wxcard_bg.js`
 * exports, once instantiated) for an entry's `host`.
 *
 * Inputs are converted with the strict {@link toJson} before they reach the
 * glue; anything the glue throws becomes a {@link WxCardError}; every call
 * before the module is ready throws `NOT_INITIALIZED`. `verifyCardExt`,
 * `verifyCardList` and `buildCardExt` first try their fast paths
 * (fast-verify.js, fast-build.js), which give the same results and errors.
 *
 * @param {Record<string, Function>} glue
 * @param {Host} host
 */
export function createApi(glue, host) {
  // `input`: the bag that may carry a ticket, taken out of the error if it was quoted.
  function call(run, input) {
    if (!host.ready()) throw new WxCardError('NOT_INITIALIZED', host.notReadyMessage);
    try {
      return run();
    } catch (e) {
      const error = withoutTicket(fromGlue(e), input);
      // NOTE: the adapters only throw WxCardError-named errors; anything else (a trap,
      // a stack overflow) may have left the instance broken, so it is replaced.
      if (error.code === 'INTERNAL' && typeof host.recover === 'function') {
        forgetScratch();
        host.recover();
      }
      throw error;
    }
  }
  const random = (input) => (needsNonce(input) ? host.randomBytes() : undefined);

  return {
    /**
     * WeChat's card signature: empty values dropped, integers as decimal strings,
     * byte-order sort, concatenation, SHA-1, lowercase hex.
     * @param {Array<string | number | null | undefined>} values
     * @returns {string} 40 lowercase hex digits.
     * @throws {WxCardError} `INVALID_TYPE`, `INVALID_VALUE` (a non-integer number).
     */
    cardSignature: (values) => call(() => glue.cardSignature(toJson(values, 'values'))),

    /**
     * The signed `cardExt` JSON string of one card for `wx.addCard`.
     * @param {object} input `{ apiTicket, cardId, code?, openid?, timestamp?, nonceStr?, fixedBeginTimestamp?, outerStr?, allowTicketOnClient? }`
     * @returns {string}
     * @throws {WxCardError} `TICKET_ON_CLIENT` on a client without `allowTicketOnClient: true`; field errors.
     */
    buildCardExt: (input) =>
      call(() => {
        const bag = readInput(input);
        const built = typeof bag === 'string' ? undefined : buildClean(glue, bag, host);
        return built !== undefined ? built : glue.buildCardExt(bagJson(input, bag), host.client, random(input));
      }, input),

    /**
     * Validates and normalises the `cardList` of `wx.addCard` (object cardExt is serialised).
     * @param {Array<{ cardId: string, cardExt: string | object }>} items
     * @returns {Array<{ cardId: string, cardExt: string }>}
     */
    addCardList: (items) => call(() => glue.addCardList(toJson(items, 'cardList'))),

    /**
     * Validates the `cardList` of `wx.openCard`; an encrypted code is `ENCRYPTED_CODE`.
     * @param {Array<{ cardId: string, code: string }>} items
     * @returns {Array<{ cardId: string, code: string }>}
     */
    openCardList: (items) => call(() => glue.openCardList(toJson(items, 'cardList'))),

    /**
     * The signed parameters of `wx.chooseCard` (H5 only); `appId` is signed.
     * @param {object} input `{ apiTicket, appId, shopId?, cardType?, cardId?, timestamp?, nonceStr?, allowTicketOnClient? }`
     * @returns {{ shopId: string, cardType: string, cardId: string, timestamp: string, nonceStr: string, signType: 'SHA1', cardSign: string }}
     */
    chooseCardParams: (input) => call(() => glue.chooseCardParams(toJson(input, ''), host.client, random(input)), input),

    /**
     * The signed argument of `wx.config`; the url is signed without its `#fragment`.
     * @param {object} input `{ jsapiTicket, appId, url, jsApiList?, timestamp?, nonceStr?, debug?, allowTicketOnClient? }`
     * @returns {{ debug: boolean, appId: string, timestamp: number, nonceStr: string, signature: string, jsApiList: string[] }}
     */
    jsapiConfig: (input) => call(() => glue.jsapiConfig(toJson(input, ''), host.client, random(input)), input),

    /**
     * Checks a server-issued cardExt; bad cardExt is a problem in the report, bad options throw.
     * @param {string} cardExt
     * @param {object} options `{ cardId, apiTicket?, nowSeconds?, maxAgeSeconds?, expectOpenid?, expectCode?, allowTicketOnClient? }`
     * @returns {{ ok: boolean, signatureChecked: boolean, problems: Array<{ code: string, field?: string, severity: 'error' | 'warning', message: string }> }}
     */
    verifyCardExt: (cardExt, options) =>
      call(() => {
        const bag = readOptions(options);
        const clean = typeof bag === 'string' ? undefined : verifyClean(glue, cardExt, bag, host.client);
        return clean !== undefined ? clean : glue.verifyCardExt(cardExt, optionsJson(options, bag), host.client);
      }, options),

    /**
     * Names the known mistake that reproduces a mismatching signature.
     * @param {string} cardExt
     * @param {object} options `{ cardId, apiTicket, allowTicketOnClient? }`
     * @returns {{ ok: boolean, cause: string | null, message: string }}
     */
    diagnoseCardExt: (cardExt, options) =>
      call(() => glue.diagnoseCardExt(cardExt, toJson(options, '', 'options'), host.client), options),

    /**
     * `verifyCardExt` for every item of a `cardList`, one report per item.
     * @param {Array<{ cardId: string, cardExt: string }>} items
     * @param {object} [options] As for `verifyCardExt`, without `cardId`.
     * @returns {Array<object>} One report per item.
     */
    verifyCardList: (items, options) =>
      call(() => {
        // The items are read first, as toJson read them before the options.
        const list = readList(items);
        const bag = readOptions(options);
        const clean = typeof list === 'string' || typeof bag === 'string' ? undefined : verifyCleanList(glue, list, bag, host.client);
        return clean !== undefined ? clean : glue.verifyCardList(listJson(items, list), optionsJson(options, bag), host.client);
      }, options),

    ...createCardDefApi(glue, call),
    ...createEnvironmentApi(glue, call),
    ...createWrappers(glue, call),
  };
}
