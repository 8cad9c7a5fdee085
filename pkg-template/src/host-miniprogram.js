// The mini-program host: a client (tickets refused unless allowed); random
// bytes from a pool that `wx.getRandomValues` (asynchronous) fills at init()
// and refills in the background.

// 128 nonces' worth: enough for a synchronous batch; refilled in the background from half-empty.
const POOL_BYTES = 8192;
const TAKE = 64;
const FILL_TIMEOUT_MS = 3000;

function nativeCrypto() {
  return typeof crypto !== 'undefined' && crypto && typeof crypto.getRandomValues === 'function' ? crypto : null;
}

function wxApi() {
  return typeof wx !== 'undefined' && wx && typeof wx.getRandomValues === 'function' ? wx : null;
}

/**
 * The host of the mini-program entry: a client (tickets need
 * `allowTicketOnClient`), ready once `init()` resolved, nonce bytes from
 * `crypto.getRandomValues` when the runtime has it, else from the pool.
 * @param {() => boolean} ready Whether `init()` has resolved.
 * @returns {import('./api.js').Host & { refill: () => Promise<void> }}
 */
export function miniProgramHost(ready) {
  let pool = new Uint8Array(0);
  let filling = null;

  function append(buffer) {
    const bytes = new Uint8Array(buffer);
    const next = new Uint8Array(pool.length + bytes.length);
    next.set(pool);
    next.set(bytes, pool.length);
    pool = next;
  }

  /** Asks `wx.getRandomValues` for more bytes; resolves when it answers (or gives up). */
  function refill() {
    const api = wxApi();
    if (filling !== null || api === null) return filling || Promise.resolve();
    filling = new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        filling = null;
        resolve();
      };
      if (typeof setTimeout === 'function') setTimeout(finish, FILL_TIMEOUT_MS);
      try {
        api.getRandomValues({
          length: POOL_BYTES,
          success(res) {
            if (res && res.randomValues) append(res.randomValues);
            finish();
          },
          fail: finish,
          complete: finish,
        });
      } catch (e) {
        finish();
      }
    });
    return filling;
  }

  return {
    client: true,
    ready,
    notReadyMessage: 'wxcard is not initialized: `await init()` (require("wxcard").init) before calling its functions',
    refill,
    randomBytes() {
      const c = nativeCrypto();
      if (c) return c.getRandomValues(new Uint8Array(TAKE));
      if (pool.length < TAKE) {
        refill();
        return undefined;
      }
      const out = pool.slice(0, TAKE);
      pool = pool.slice(TAKE);
      if (pool.length < POOL_BYTES / 2) refill();
      return out;
    },
  };
}
