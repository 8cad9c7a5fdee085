// withMiniProgramLinks, validateCardDefinition and cardUpdateBody: card create
// and update bodies with the mini-program links of 小程序&卡券打通 §3.1. The
// rules are the Rust core's; this file only converts the inputs.

import { toJson } from './errors.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `output` with the keys of every object in the order `input` has them, new
 * keys after: the core's JSON objects come back with sorted keys, and a body
 * that keeps its own order is easier to compare with what was sent.
 */
function inInputOrder(input, output) {
  if (!isObject(input) || !isObject(output)) return output;
  const ordered = {};
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  // NOTE: defineProperty, so that a "__proto__" key stays a key.
  const put = (key, value) => Object.defineProperty(ordered, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of Object.keys(input)) {
    if (has(output, key)) put(key, inInputOrder(input[key], output[key]));
  }
  for (const key of Object.keys(output)) {
    if (!has(ordered, key)) put(key, output[key]);
  }
  return ordered;
}

/**
 * @param {Record<string, Function>} glue The wasm-bindgen exports.
 * @param {<T>(run: () => T) => T} call Runs a glue call: `NOT_INITIALIZED` before
 *   init, glue errors re-wrapped as `WxCardError`.
 */
export function createCardDefApi(glue, call) {
  // Card bodies are named from their own root, as the core names them: `card.card_type`, `card_id`, ….
  const cardJson = (card) => toJson(card, '', 'card');
  return {
    /**
     * A copy of a card create or update body with mini-program links written in.
     * @param {object} card `{ card: { card_type, <type>: { base_info } } }`, its `card` object, or `{ card_id, <type>: {…} }`.
     * @param {{ custom?: object, center?: object, promotion?: object, activate?: object }} links
     *   Each `{ userName, path, title?, subTitle? }`.
     * @returns {object} The new body, keys in `card`'s order with new ones after; `card` is not modified.
     * @throws {WxCardError} `INVALID_USER_NAME`, `APP_ID_AS_USER_NAME`, `MISSING_FIELD`, `TOO_LONG`, … naming the field.
     */
    withMiniProgramLinks: (card, links) =>
      call(() => {
        const json = cardJson(card);
        // NOTE: the key order comes from the JSON text already read, not from a second
        // read of `card`, whose getters may answer differently (or throw) the second time.
        return inInputOrder(JSON.parse(json), glue.withMiniProgramLinks(json, toJson(links, 'links')));
      }),

    /**
     * Every problem of a card create or update body (an object or JSON text), with its field path.
     * @param {object | string} card
     * @returns {Array<{ code: string, field?: string, severity: 'error' | 'warning', message: string }>}
     */
    validateCardDefinition: (card) =>
      call(() => glue.validateCardDefinition(typeof card === 'string' ? card : cardJson(card))),

    /**
     * The body of `card/update` changing the given `base_info` fields.
     * @param {string} cardId
     * @param {string} cardType Such as `'MEMBER_CARD'`.
     * @param {object} baseInfoPatch The `base_info` fields to change.
     * @returns {object} `{ card_id, <type>: { base_info } }`
     * @throws {WxCardError} Naming `cardId`, `cardType` or `baseInfoPatch.<field>`.
     */
    cardUpdateBody: (cardId, cardType, baseInfoPatch) =>
      call(() => glue.cardUpdateBody(cardId, cardType, toJson(baseInfoPatch, 'baseInfoPatch'))),
  };
}
