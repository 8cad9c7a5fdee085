// The Node.js entry (built as dist/wxcard.node.cjs and dist/wxcard.node.mjs).
//
// `./glue/wxcard_bg.js` is wasm-bindgen's `--target bundler` output, staged
// (or aliased) there by the build. The module is instantiated synchronously at
// load, so every function works at once and `init()` is a resolved no-op.

import { readFileSync } from 'node:fs';
import * as glue from './glue/wxcard_bg.js';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { nodeHost } from './host-node.js';
import { activate } from './loader.js';

function wasmBytes() {
  // NOTE: `__dirname` in the CommonJS build; `import.meta.url` in the ES module build.
  return typeof __dirname === 'string'
    ? readFileSync(__dirname + '/wxcard_bg.wasm')
    : readFileSync(new URL('wxcard_bg.wasm', import.meta.url));
}

activate(glue, new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), { './wxcard_bg.js': glue }));

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
} = api;
