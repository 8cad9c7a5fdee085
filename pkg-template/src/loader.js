// One idempotent init() per entry, and wiring an instance into the glue.

import { WxCardError } from './errors.js';

/**
 * Connects an instantiated module to the glue: `__wbg_set_wasm`, then
 * `__wbindgen_start` when the module has one.
 *
 * @param {Record<string, Function>} glue The `--target bundler` `wxcard_bg.js` exports.
 * @param {WebAssembly.Instance} instance
 */
export function activate(glue, instance) {
  glue.__wbg_set_wasm(instance.exports);
  if (typeof instance.exports.__wbindgen_start === 'function') instance.exports.__wbindgen_start();
}

/**
 * Puts `fresh` in place of `old` (an instance that trapped, or `null` at first
 * load). The old memory is detached first (`grow(0)` always detaches), so the
 * glue drops its cached views of it instead of reading stale bytes.
 *
 * @param {Record<string, Function>} glue
 * @param {WebAssembly.Instance | null} old
 * @param {WebAssembly.Instance} fresh
 * @returns {WebAssembly.Instance} `fresh`.
 */
export function replaceInstance(glue, old, fresh) {
  if (old !== null) {
    try {
      old.exports.memory.grow(0);
    } catch (e) {
      // a memory that cannot grow is dropped all the same
    }
  }
  activate(glue, fresh);
  return fresh;
}

/**
 * The `init(options?)` of an asynchronous entry: concurrent and repeated calls
 * share one promise; after a failure the next call tries again.
 *
 * `recover()` starts loading again with the last options after the instance
 * trapped; until that load finishes, calls throw `NOT_INITIALIZED` and `init()`
 * returns its promise.
 *
 * @param {(options: object) => Promise<void>} load Instantiates the module.
 * @returns {{ init: (options?: object) => Promise<void>, ready: () => boolean, recover: () => void }}
 */
export function createLoader(load) {
  let ready = false;
  let loading = null;
  let lastOptions;
  function init(options) {
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
      const found = Array.isArray(options) ? 'an array' : typeof options;
      return Promise.reject(new WxCardError('INVALID_TYPE', 'options: expected an object such as { wasmPath } or { wasmUrl }, got ' + found, { field: 'options' }));
    }
    if (ready) return Promise.resolve();
    if (loading === null) {
      lastOptions = options;
      loading = Promise.resolve()
        .then(() => load(options === undefined || options === null ? {} : options))
        .then(
          () => {
            ready = true;
          },
          (e) => {
            loading = null;
            throw e instanceof WxCardError
              ? e
              : new WxCardError('INIT_FAILED', 'wxcard: loading the WebAssembly module failed: ' + (e && e.message ? e.message : String(e)), { cause: e });
          },
        );
    }
    return loading;
  }
  function recover() {
    if (!ready) return;
    ready = false;
    loading = null;
    init(lastOptions).catch(() => {});
  }
  return { init, ready: () => ready, recover };
}
