// The browser and bundler entry (built as dist/wxcard.js): `import init, * as wx from 'wxcard'; await init()`.
//
// `wxcard-glue` is wasm-bindgen's `--target web` output, aliased by the build.
// The default `.wasm` location is written as `new URL('wxcard_bg.wasm',
// import.meta.url)` so that bundlers (Vite, webpack 5, Parcel) see it and emit
// the asset; the bundle must target ES2020 or later to keep `import.meta`.

import initGlue, * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { webHost } from './host-web.js';
import { createLoader } from './loader.js';

async function load(options) {
  if (typeof WebAssembly !== 'object') {
    throw new WxCardError('UNSUPPORTED', 'wxcard needs WebAssembly, which this browser does not have', { reason: 'NO_WEBASSEMBLY' });
  }
  const source = options.wasm !== undefined ? options.wasm : options.wasmUrl !== undefined ? options.wasmUrl : new URL('wxcard_bg.wasm', import.meta.url);
  await initGlue({ module_or_path: source });
}

const loader = createLoader(load);
const api = createApi(glue, webHost(loader.ready));

/**
 * Loads the WebAssembly module; call (and await) it once before anything else.
 * Idempotent: concurrent and repeated calls share one promise; after a failure
 * the next call tries again.
 *
 * @param {{ wasmUrl?: string | URL | Request, wasm?: BufferSource | WebAssembly.Module | Response | Promise<Response> }} [options]
 *   `wasmUrl`: where to fetch `wxcard_bg.wasm` (default: next to this file);
 *   `wasm`: the module itself, already fetched or compiled.
 * @returns {Promise<void>}
 * @throws {WxCardError} `INIT_FAILED` (the load failed), `UNSUPPORTED` (no WebAssembly).
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
