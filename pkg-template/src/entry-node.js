// The Node.js entry (built as dist/wxcard.node.cjs and dist/wxcard.node.mjs).
//
// `wxcard-glue` is wasm-bindgen's `--target bundler` `wxcard_bg.js`, aliased
// by the build, as in the mini-program. This entry compiles the `.wasm` next
// to the bundle and instantiates it synchronously when loaded, so every
// function works at once and `init()` is a resolved no-op. The compiled
// module is kept, so an instance that trapped is replaced at once by a fresh one.
//
// Import time is part of every cold start, so nothing is loaded that the
// load does not need: built-ins are fetched with `process.getBuiltinModule`
// (or a `require` from `createRequire`) rather than a static `import` — in an
// ES module, `import … from 'node:fs'` alone costs ~1.5 ms (its module
// wrapper reads every export of `fs`, which loads fs's streams) — and
// `node:crypto` (~2–3 ms) is loaded by the first call that needs a nonce
// (see host-node.js).

import { createRequire } from 'node:module';
import * as glue from 'wxcard-glue';
import { createApi } from './api.js';
import { WxCardError } from './errors.js';
import { nodeHost } from './host-node.js';
import { replaceInstance } from './loader.js';

// NOTE: `process.getBuiltinModule` exists from Node.js 20.16 / 22.3; before, a `require` is
// made for this file (`import.meta.url` in the ES module bundle, `__filename` in the CommonJS
// bundle, whose build defines `import.meta.url` as undefined; a bare `require` would become the
// bundler's throwing shim in the ES module bundle). `import.meta.url` is tested first: `node -e`
// makes `__filename` and `__dirname` globals ("[eval]", ".") that an ES module sees too.
const builtin =
  typeof process.getBuiltinModule === 'function'
    ? (name) => process.getBuiltinModule(name)
    : createRequire(import.meta.url !== undefined ? import.meta.url : __filename);

// NOTE: `import.meta.url` in the ES module bundle, `__dirname` in the CommonJS bundle.
const wasmFile = import.meta.url !== undefined ? new URL('wxcard_bg.wasm', import.meta.url) : __dirname + '/wxcard_bg.wasm';
const wasmModule = new WebAssembly.Module(builtin('node:fs').readFileSync(wasmFile));
let instance = null;

function instantiate() {
  instance = replaceInstance(glue, instance, new WebAssembly.Instance(wasmModule, { './wxcard_bg.js': glue }));
}

instantiate();
const api = createApi(glue, { ...nodeHost(builtin), recover: instantiate });

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
