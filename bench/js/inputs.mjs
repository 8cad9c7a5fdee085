// The inputs every benchmark shares: the official example of the JS-SDK
// documentation (Appendix 4), the same one the native benchmarks in benches/ use.

import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built package (`cargo xtask build`); `WXCARD_BENCH_PKG` points elsewhere, for experiments. */
export const PKG = process.env.WXCARD_BENCH_PKG
  ? process.env.WXCARD_BENCH_PKG.replace(/\/?$/, '/')
  : fileURLToPath(new URL('../../pkg/', import.meta.url));

export const TICKET = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';
export const CARD_ID = 'pjZ8Yt1XGILfi-FUsewpnnolGgZk';
export const CODE = '1434008071';
export const TIMESTAMP = 1404896688;
export const NONCE = '123';
export const SIGNATURE = 'f137ab68b7f8112d20ee528ab6074564e2796250';
/** The example's cardExt, correctly signed. */
export const CARD_EXT = JSON.stringify({
  code: CODE,
  timestamp: String(TIMESTAMP),
  nonce_str: NONCE,
  signature: SIGNATURE,
});
/** How many items the list benchmarks use. */
export const LIST_LEN = 64;
/** `LIST_LEN` items of `{ cardId, cardExt }`. */
export const CARD_LIST = Array.from({ length: LIST_LEN }, () => ({ cardId: CARD_ID, cardExt: CARD_EXT }));
/** The input of `buildCardExt`, with the timestamp and nonce fixed. */
export const BUILD_INPUT = { apiTicket: TICKET, cardId: CARD_ID, code: CODE, timestamp: TIMESTAMP, nonceStr: NONCE };
