// The WeChat mini-program entry (built as miniprogram_dist/index.js, CommonJS,
// ES2017): `const wx = require('wxcard'); await wx.init()`.
//
// `wxcard-glue` is wasm-bindgen's `--target bundler` `wxcard_bg.js`, aliased
// by the build, which also injects `text-codec.js` as the
// glue's TextEncoder/TextDecoder. The runtime has `WXWebAssembly` but no
// `WebAssembly`, `fetch` or `URL`: `WXWebAssembly.instantiate` takes only a
// code-package path, so the module is instantiated here and handed to the glue.

import * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { miniProgramHost } from './host-miniprogram.js';
import { createLoader, replaceInstance } from './loader.js';

/** Where 构建 npm puts the module: `miniprogram_dist/` is copied to `miniprogram_npm/wxcard/`. */
const DEFAULT_WASM_PATH = '/miniprogram_npm/wxcard/wxcard_bg.wasm.br';

async function load(options) {
  if (typeof WXWebAssembly === 'undefined' || !WXWebAssembly || typeof WXWebAssembly.instantiate !== 'function') {
    throw new WxCardError(
      'UNSUPPORTED',
      'WXWebAssembly is missing: wxcard needs base library 2.14.0 or later (2.13.0 with init({ wasmPath }) pointing at an uncompressed .wasm)',
      { reason: 'NO_WEBASSEMBLY' },
    );
  }
  const path = options.wasmPath !== undefined ? options.wasmPath : DEFAULT_WASM_PATH;
  if (typeof path !== 'string') {
    throw new WxCardError('INVALID_TYPE', 'wasmPath: expected a code-package path string', { field: 'wasmPath' });
  }
  const result = await WXWebAssembly.instantiate(path, { './wxcard_bg.js': glue });
  // NOTE: the typings say an Instance; devices have been seen to give { instance, module }.
  instance = replaceInstance(glue, instance, result && result.instance ? result.instance : result);
  await host.refill();
}

let instance = null;
const loader = createLoader(load);
const host = miniProgramHost(loader.ready);
const api = createApi(glue, { ...host, recover: loader.recover });

/**
 * Loads `wxcard_bg.wasm.br` through `WXWebAssembly`; call (and await) it once
 * before anything else. Idempotent: concurrent and repeated calls share one
 * promise; after a failure the next call tries again.
 *
 * @param {{ wasmPath?: string }} [options] `wasmPath`: the code-package path of the
 *   module (default `/miniprogram_npm/wxcard/wxcard_bg.wasm.br`, needs base library ≥ 2.14.0).
 * @returns {Promise<void>}
 * @throws {WxCardError} `INIT_FAILED` (the load failed), `UNSUPPORTED` (no WXWebAssembly).
 */
export function init(options) {
  return loader.init(options);
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
