// The fast path of buildCardExt.
//
// For a plain input (an ordinary object of strings and whole numbers) the
// shim reads the bag itself (each getter once, with toJson's checks), writes
// the strings into the scratch buffer and asks the module's internal export
// for the cardExt; the module answers `undefined` for anything it would not
// read or build alike, and the full path then runs on the JSON text of what
// was read, with its errors.

import { clockSeconds, readBag, wholeNumber } from './fast-read.js';
import { TEXT_AT, writeText } from './scratch.js';

const KNOWN = new Set(['apiTicket', 'cardId', 'code', 'openid', 'timestamp', 'nonceStr', 'fixedBeginTimestamp', 'outerStr', 'allowTicketOnClient']);

/** A buildCardExt input as read: its keys (`null` for none), their values, and the input when it is plain. */
class Input {
  constructor(keys) {
    this.keys = keys;
    this.values = [];
    this.plain = keys !== null;
    this.apiTicket = undefined;
    this.cardId = undefined;
    this.code = undefined;
    this.openid = undefined;
    this.nonceStr = undefined;
    this.outerStr = undefined;
    this.timestamp = -1;
    this.fixedBeginTimestamp = -1;
    this.allowTicketOnClient = false;
  }

  // Takes one field; `false` when it is not of the plain form the fast export reads.
  take(key, value) {
    // toJson leaves an undefined value out; the module reads a null one as absent.
    if (value === undefined) return true;
    if (value === null) return KNOWN.has(key);
    switch (key) {
      case 'apiTicket':
      case 'cardId':
      case 'code':
      case 'openid':
      case 'nonceStr':
      case 'outerStr':
        if (typeof value !== 'string') return false;
        this[key] = value;
        return true;
      case 'timestamp':
      case 'fixedBeginTimestamp':
        if (!wholeNumber(value)) return false;
        this[key] = value;
        return true;
      case 'allowTicketOnClient':
        if (typeof value !== 'boolean') return false;
        this.allowTicketOnClient = value;
        return true;
      default:
        return false;
    }
  }
}

/**
 * Reads a buildCardExt input (see {@link readBag}).
 * @param {unknown} input
 * @returns {Input | string}
 */
export function readInput(input) {
  return readBag(input, 'input', Input);
}

/**
 * `buildCardExt` through the fast export when the input is plain, else `undefined`.
 *
 * @param {Record<string, Function>} glue
 * @param {Input} input
 * @param {{ client: boolean, randomBytes: () => (Uint8Array | undefined) }} host
 * @returns {string | undefined}
 */
export function buildClean(glue, input, host) {
  // A ticket on a client needs allowTicketOnClient: true; the full path names the refusal.
  if (!input.plain || (host.client !== false && input.allowTicketOnClient !== true)) return undefined;
  const timestamp = input.timestamp >= 0 ? input.timestamp : clockSeconds();
  if (timestamp < 0) return undefined;
  const random = input.nonceStr === undefined || input.nonceStr === '' ? host.randomBytes() : undefined;
  const { apiTicket, cardId, code, openid, nonceStr, outerStr } = input;
  const text = part(apiTicket) + part(cardId) + part(code) + part(openid) + part(nonceStr) + part(outerStr);
  const len = writeText(glue, text);
  if (len < 0) return undefined;
  return glue.internalBuildCardExt(
    TEXT_AT,
    len,
    length(apiTicket),
    length(cardId),
    length(code),
    length(openid),
    length(nonceStr),
    length(outerStr),
    timestamp,
    input.fixedBeginTimestamp,
    random,
  );
}

// A string of the input as joined for the module, and its length (-1: absent).
const part = (value) => (value === undefined ? '' : value);
const length = (value) => (value === undefined ? -1 : value.length);
