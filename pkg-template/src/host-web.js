// The browser host: a client (tickets refused unless allowed); crypto.getRandomValues for nonces.

/**
 * The host of the browser entry: a client (tickets need `allowTicketOnClient`),
 * ready once `init()` resolved, `crypto.getRandomValues` for nonces
 * (`undefined` without it, so a missing nonce is `NO_RANDOM_SOURCE`).
 * @param {() => boolean} ready Whether `init()` has resolved.
 * @returns {import('./api.js').Host}
 */
export function webHost(ready) {
  return {
    client: true,
    ready,
    notReadyMessage: 'wxcard is not initialized: `await init()` (the default export of wxcard) before calling its functions',
    randomBytes() {
      const c = typeof crypto === 'undefined' ? undefined : crypto;
      return c && typeof c.getRandomValues === 'function' ? c.getRandomValues(new Uint8Array(64)) : undefined;
    },
  };
}
