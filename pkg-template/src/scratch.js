// The scratch buffer in the module's memory that fast paths write their
// strings into: no allocation and no copy by the glue per call.

/**
 * The module's scratch buffer: the options' strings at its start (kept from
 * one call to the next while they stay the same), the cardExt or the items
 * from `TEXT_AT`. The views are made again when the memory grew or the
 * instance was replaced (both detach them).
 */
export let scratch = { glue: null, options: new Uint8Array(0), text: new Uint8Array(0), written: null, length: 0 };

/**
 * Forgets the views, for an instance that is being replaced: its memory may
 * not be detached where `memory.grow(0)` fails.
 */
export function forgetScratch() {
  scratch = { glue: null, options: new Uint8Array(0), text: new Uint8Array(0), written: null, length: 0 };
}

/** Where the cardExt or the items start in the scratch buffer; longer option strings take the full path. */
export const TEXT_AT = 1024;

/** Longer texts take the full path: no clean cardExt comes near this. */
const MAX_TEXT = 1 << 20;

const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;

// Writes `text` as UTF-8 at the start of `view`: its byte length, or -1 when it did not fit.
function encode(text, view) {
  const n = text.length;
  if (encoder !== undefined) {
    const done = encoder.encodeInto(text, view);
    return done.read === n ? done.written : -1;
  }
  if (n > view.length) return -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    view[i] = c;
  }
  return n;
}

// Makes the views when they are missing, detached or too short for `length`;
// `false` for a text too long for a fast path.
function ensure(glue, length) {
  if (length > MAX_TEXT) return false;
  if (scratch.glue !== glue || scratch.text.byteLength < length || scratch.options.byteLength === 0) {
    const size = TEXT_AT + Math.max(length, 4096);
    const at = glue.internalScratch(size);
    const buffer = glue.internalMemory().buffer;
    scratch = {
      glue,
      options: new Uint8Array(buffer, at, TEXT_AT),
      text: new Uint8Array(buffer, at + TEXT_AT, size - TEXT_AT),
      written: null,
      length: 0,
    };
  }
  return true;
}

/**
 * Writes `text` at `TEXT_AT` in the scratch buffer: its byte length, or -1
 * when it did not fit (the caller then takes the full path).
 */
export function writeText(glue, text) {
  if (!ensure(glue, text.length)) return -1;
  scratch.length = encode(text, scratch.text);
  return scratch.length;
}

/**
 * Writes the options' strings (unless the last call wrote the same) and
 * `text` into the scratch buffer; the byte length of the options' strings,
 * or -1 when something did not fit (the caller then takes the full path).
 * The byte length of `text` is left in `scratch.length`.
 */
export function writeScratch(glue, bag, text) {
  if (!ensure(glue, text.length)) return -1;
  const written = scratch.written;
  let optionsLength;
  if (
    written !== null &&
    written.cardId === bag.cardId &&
    written.apiTicket === bag.apiTicket &&
    written.expectOpenid === bag.expectOpenid &&
    written.expectCode === bag.expectCode
  ) {
    optionsLength = written.length;
  } else {
    const options = (bag.cardId === undefined ? '' : bag.cardId) + (bag.apiTicket === undefined ? '' : bag.apiTicket) + bag.expectOpenid + bag.expectCode;
    optionsLength = encode(options, scratch.options);
    scratch.written =
      optionsLength < 0
        ? null
        : { cardId: bag.cardId, apiTicket: bag.apiTicket, expectOpenid: bag.expectOpenid, expectCode: bag.expectCode, length: optionsLength };
    if (optionsLength < 0) return -1;
  }
  scratch.length = encode(text, scratch.text);
  return scratch.length < 0 ? -1 : optionsLength;
}

