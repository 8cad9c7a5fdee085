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
 * The `init(options?)` of an asynchronous entry: concurrent and repeated calls
 * share one promise; after a failure the next call tries again.
 *
 * @param {(options: object) => Promise<void>} load Instantiates the module.
 * @returns {{ init: (options?: object) => Promise<void>, ready: () => boolean }}
 */
export function createLoader(load) {
  let ready = false;
  let loading = null;
  function init(options) {
    if (ready) return Promise.resolve();
    if (loading === null) {
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
  return { init, ready: () => ready };
}
