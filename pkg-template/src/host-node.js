// The Node.js host: a server, so tickets are allowed; node:crypto for nonces.

import { randomFillSync } from 'node:crypto';

/**
 * The host of the Node.js entry: not a client (tickets are allowed), always
 * ready (the module is instantiated at load), 64 bytes of `node:crypto`
 * randomness per call that needs a nonce.
 * @returns {import('./api.js').Host}
 */
export function nodeHost() {
  return {
    client: false,
    ready: () => true,
    notReadyMessage: '',
    randomBytes: () => randomFillSync(new Uint8Array(64)),
  };
}
