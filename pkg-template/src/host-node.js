// The Node.js host: a server, so tickets are allowed; node:crypto for nonces,
// loaded by the first call that needs one (importing it costs ~2–3 ms).

/**
 * The host of the Node.js entry: not a client (tickets are allowed), always
 * ready (the module is instantiated at load), 64 bytes of `node:crypto`
 * randomness per call that needs a nonce.
 *
 * `node:crypto` is loaded on the first nonce, not at import. Without it (a
 * Node.js built without crypto) `globalThis.crypto.getRandomValues` is used
 * when present, and otherwise there is no source: `undefined`, so a missing
 * nonce is `NO_RANDOM_SOURCE`.
 *
 * @param {(name: string) => any} builtin Loads a Node.js built-in module synchronously.
 * @returns {import('./api.js').Host}
 */
export function nodeHost(builtin) {
  let fill = null;
  function source() {
    try {
      const { randomFillSync } = builtin('node:crypto');
      if (typeof randomFillSync === 'function') return randomFillSync;
    } catch (e) {
      // no node:crypto: try the Web Crypto global below
    }
    const c = globalThis.crypto;
    return c && typeof c.getRandomValues === 'function' ? (bytes) => c.getRandomValues(bytes) : undefined;
  }
  return {
    client: false,
    ready: () => true,
    notReadyMessage: '',
    randomBytes() {
      if (fill === null) fill = source();
      return fill === undefined ? undefined : fill(new Uint8Array(64));
    },
  };
}
