// The browser and bundler entry (built as dist/wxcard.js): `import init, * as wx from 'wxcard'; await init()`.
//
// `./glue/wxcard_bg.js` is wasm-bindgen's `--target bundler` output, staged
// (or aliased) there by the build. The default `.wasm` location is written as
// `new URL('wxcard_bg.wasm', import.meta.url)` so that bundlers (Vite,
// webpack 5, Parcel) see it and emit the asset.

import * as glue from './glue/wxcard_bg.js';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { webHost } from './host-web.js';
import { activate, createLoader } from './loader.js';

async function instantiate(source) {
  const imports = { './wxcard_bg.js': glue };
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, imports);
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error('HTTP ' + source.status + ' for ' + source.url);
    const type = source.headers.get('Content-Type') || '';
    if (typeof WebAssembly.instantiateStreaming === 'function' && type.indexOf('application/wasm') === 0) {
      return (await WebAssembly.instantiateStreaming(source, imports)).instance;
    }
    source = await source.arrayBuffer();
  }
  return (await WebAssembly.instantiate(source, imports)).instance;
}

async function load(options) {
  if (typeof WebAssembly !== 'object') {
    throw new WxCardError('UNSUPPORTED', 'wxcard needs WebAssembly, which this browser does not have', { reason: 'NO_WEBASSEMBLY' });
  }
  const source =
    options.wasm !== undefined ? options.wasm : fetch(options.wasmUrl !== undefined ? options.wasmUrl : new URL('wxcard_bg.wasm', import.meta.url));
  activate(glue, await instantiate(await source));
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
} = api;
