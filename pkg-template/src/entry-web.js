// The browser and bundler entry (built as dist/wxcard.js): `import init, * as wx from 'wxcard'; await init()`.
//
// `wxcard-glue` is wasm-bindgen's `--target bundler` `wxcard_bg.js`, aliased by
// the build, as in the other entries: this entry compiles and instantiates the
// module itself and hands the instance to the glue, so it can replace an
// instance that trapped. The default `.wasm` location is written as
// `new URL('wxcard_bg.wasm', import.meta.url)` so that bundlers (Vite,
// webpack 5, Parcel) see it and emit the asset; the bundle must target ES2020
// or later to keep `import.meta`.

import * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { webHost } from './host-web.js';
import { createLoader, replaceInstance } from './loader.js';

const imports = { './wxcard_bg.js': glue };
let wasmModule = null;
let instance = null;

/** A compiled module from any accepted `wasm` / `wasmUrl` source. */
async function compile(source) {
  let s = await source;
  if (s instanceof WebAssembly.Module) return s;
  if (typeof s === 'string' || (typeof URL === 'function' && s instanceof URL) || (typeof Request === 'function' && s instanceof Request)) {
    s = await fetch(s);
  }
  if (typeof Response === 'function' && s instanceof Response) {
    if (!s.ok) throw new Error('fetching ' + s.url + ' answered HTTP ' + s.status);
    if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(s.headers.get('Content-Type') || '')) {
      return WebAssembly.compileStreaming(s);
    }
    return WebAssembly.compile(await s.arrayBuffer());
  }
  return WebAssembly.compile(s);
}

async function load(options) {
  if (typeof WebAssembly !== 'object') {
    throw new WxCardError('UNSUPPORTED', 'wxcard needs WebAssembly, which this browser does not have', { reason: 'NO_WEBASSEMBLY' });
  }
  const source = options.wasm !== undefined ? options.wasm : options.wasmUrl !== undefined ? options.wasmUrl : new URL('wxcard_bg.wasm', import.meta.url);
  wasmModule = await compile(source);
  instance = replaceInstance(glue, instance, await WebAssembly.instantiate(wasmModule, imports));
}

const loader = createLoader(load);

// After a trap: a fresh instance of the compiled module at once; should the
// engine refuse to instantiate synchronously, a reload that init() awaits.
function recover() {
  try {
    instance = replaceInstance(glue, instance, new WebAssembly.Instance(wasmModule, imports));
  } catch (e) {
    loader.recover();
  }
}

const api = createApi(glue, { ...webHost(loader.ready), recover });

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
