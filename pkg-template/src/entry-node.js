// The Node.js entry (built as dist/wxcard.node.cjs and dist/wxcard.node.mjs).
//
// `wxcard-glue` is wasm-bindgen's `--target nodejs` (CommonJS build) or
// `--target experimental-nodejs-module` (ES module build) output, aliased by
// the build. Both instantiate the module synchronously when loaded, so every
// function works at once and `init()` is a resolved no-op.

import * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { nodeHost } from './host-node.js';

const api = createApi(glue, nodeHost());

/**
 * A resolved no-op in Node.js, where the module is ready at once; kept so the
 * same code runs in every environment.
 * @param {object} [options] Ignored.
 * @returns {Promise<void>}
 */
export function init(options) {
  return Promise.resolve();
}

export { WxCardError };
export default init;
export const {
  cardSignature,
  buildCardExt,
  addCardList,
  openCardList,
  chooseCardParams,
  jsapiConfig,
  verifyCardExt,
  diagnoseCardExt,
  verifyCardList,
  withMiniProgramLinks,
  validateCardDefinition,
  cardUpdateBody,
  detectEnvironment,
  cardSupport,
  compareVersion,
  addCard,
  openCard,
  chooseCard,
  navigateToAddCardPage,
  readAddCardQuery,
} = api;
