// The Node.js host: a server, so tickets are allowed; node:crypto for nonces.

import { randomFillSync } from 'node:crypto';

/** @returns {import('./api.js').Host} */
export function nodeHost() {
  return {
    client: false,
    ready: () => true,
    notReadyMessage: '',
    randomBytes: () => randomFillSync(new Uint8Array(64)),
  };
}
