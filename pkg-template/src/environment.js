// detectEnvironment, cardSupport, compareVersion and readAddCardQuery: the
// facts are read here (never throwing), the decisions are the Rust core's.

import { toJson } from './errors.js';
import { gatherFacts } from './facts.js';

/**
 * @param {Record<string, Function>} glue The wasm-bindgen exports.
 * @param {<T>(run: () => T) => T} call Runs a glue call: `NOT_INITIALIZED` before
 *   init, glue errors re-wrapped as `WxCardError`.
 */
export function createEnvironmentApi(glue, call) {
  const factsJson = (globals) => toJson(gatherFacts(globals), 'facts');
  return {
    /**
     * Where this code runs.
     * @param {object} [globals] The global object to inspect (default: the real one).
     * @returns {{ kind: string, sdkVersion?: string, wechatVersion?: string, platform?: string }}
     */
    detectEnvironment: (globals) => call(() => glue.detectEnvironment(factsJson(globals))),

    /**
     * Whether `addCard`, `openCard` and `chooseCard` can be called here, each with a reason code.
     * @param {object} [globals] The global object to inspect (default: the real one).
     */
    cardSupport: (globals) => call(() => glue.cardSupport(factsJson(globals))),

    /**
     * WeChat's base-library version order.
     * @param {string} a
     * @param {string} b
     * @returns {-1 | 0 | 1}
     */
    compareVersion: (a, b) => call(() => glue.compareVersion(a, b)),

    /**
     * The validated card list carried by a native page's `onLoad` query
     * (written by `navigateToAddCardPage`).
     * @param {object | string} query The `onLoad` query object, or a query string / page URL.
     * @returns {Array<{ cardId: string, cardExt: string }>}
     */
    readAddCardQuery: (query) => call(() => glue.readAddCardQuery(toJson(query, 'query'))),
  };
}

/**
 * What the promise wrappers need from the core, not exported by the package.
 * @param {Record<string, Function>} glue
 * @param {<T>(run: () => T) => T} call
 */
export function createCoreCalls(glue, call) {
  return {
    addCardList: (items) => call(() => glue.addCardList(toJson(items, 'cardList'))),
    openCardList: (items) => call(() => glue.openCardList(toJson(items, 'cardList'))),
    /** Card support with `wx` replaced by `options.wx`. */
    supportFor: (globals, wx) => call(() => glue.cardSupport(toJson(gatherFacts(globals, wx), 'facts'))),
    /** The native page URL carrying a card list. */
    addCardPageUrl: (cardList, page) => call(() => glue.addCardPageUrl(toJson(cardList, 'cardList'), page)),
  };
}
