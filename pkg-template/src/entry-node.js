// The Node.js entry (built as dist/wxcard.node.cjs and dist/wxcard.node.mjs).
//
// `wxcard-glue` is wasm-bindgen's `--target bundler` `wxcard_bg.js`, aliased
// by the build, as in the mini-program. This entry compiles the `.wasm` next
// to the bundle and instantiates it synchronously when loaded, so every
// function works at once and `init()` is a resolved no-op. The compiled
// module is kept, so an instance that trapped is replaced at once by a fresh one.

import { readFileSync } from 'node:fs';
import * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { nodeHost } from './host-node.js';
import { replaceInstance } from './loader.js';

// NOTE: `__dirname` in the CommonJS bundle, `import.meta.url` in the ES module bundle.
const wasmFile = typeof __dirname === 'string' ? __dirname + '/wxcard_bg.wasm' : new URL('wxcard_bg.wasm', import.meta.url);
const wasmModule = new WebAssembly.Module(readFileSync(wasmFile));
let instance = null;

function instantiate() {
  instance = replaceInstance(glue, instance, new WebAssembly.Instance(wasmModule, { './wxcard_bg.js': glue }));
}

instantiate();
const api = createApi(glue, { ...nodeHost(), recover: instantiate });

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
