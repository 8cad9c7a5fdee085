// The browser host: a client (tickets refused unless allowed); crypto.getRandomValues for nonces.

/**
 * @param {() => boolean} ready
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
