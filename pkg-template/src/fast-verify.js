// The fast path of verifyCardExt and verifyCardList.
//
// Most calls pass a plain options bag of strings and numbers and a cardExt
// exactly as a correct signer wrote it. For those, the bag is read here (each
// getter once, with the checks and errors of the strict toJson), the strings
// go to the WebAssembly module joined in one string, and the module answers
// with a number: 0 "take the full path", 1 "clean, no ticket", 2 "clean and
// signed". The strings are written straight into a scratch buffer in the
// module's memory, which the glue would otherwise allocate and copy per call. A clean answer's report is `{ ok: true, signatureChecked, problems: [] }`,
// the one the full path gives; for any other answer, and for any input that
// is not plain, the full path runs on the JSON text of what was read, so its
// results and errors are the same as without this file.

import { readLength, resumeArray, resumeObject, toJson, unreadable, wellFormed, writeValue } from './errors.js';

const OBJECT = Object.prototype;

/** The answers of the module's internal fast exports. */
const FULL = 0;
const SIGNED = 2;

// Whether toJson writes `value` without reading anything or throwing.
function primitive(value) {
  switch (typeof value) {
    case 'string':
      return wellFormed(value);
    case 'number':
      return isFinite(value);
    case 'boolean':
    case 'undefined':
      return true;
    default:
      return value === null;
  }
}

// Whether `value` is an object toJson writes with its `Object.keys`: a plain
// object with the ordinary prototype. `false` for anything else, including
// objects whose traps throw (toJson names those itself).
function ordinaryObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value) && Object.getPrototypeOf(value) === OBJECT;
  } catch (e) {
    return false;
  }
}

/**
 * A verify options bag as read: its keys (`null` for no bag), their values,
 * and the options when they are plain.
 */
class Bag {
  constructor(keys) {
    this.keys = keys;
    this.values = [];
    this.plain = true;
    this.cardId = undefined;
    this.apiTicket = undefined;
    this.nowSeconds = -1;
    this.nowGiven = false;
    this.maxAgeSeconds = -1;
    this.expectOpenid = '';
    this.expectCode = '';
    this.allowTicketOnClient = false;
  }

  // Takes one option; `false` when it is not of the plain form the fast export reads
  // (the full path then reads the bag, and names any mistake).
  take(key, value) {
    // toJson leaves an undefined value out; the module reads a null one as absent.
    if (value === undefined) return true;
    if (value === null) return KNOWN.has(key);
    switch (key) {
      case 'cardId':
      case 'apiTicket':
      case 'expectOpenid':
      case 'expectCode':
        if (typeof value !== 'string' || value === '') return false;
        this[key] = value;
        return true;
      case 'nowSeconds':
        if (!Number.isSafeInteger(value) || value < 0) return false;
        this.nowSeconds = value;
        this.nowGiven = true;
        return true;
      case 'maxAgeSeconds':
        if (!Number.isSafeInteger(value) || value < 0) return false;
        this.maxAgeSeconds = value;
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

const KNOWN = new Set(['cardId', 'apiTicket', 'nowSeconds', 'maxAgeSeconds', 'expectOpenid', 'expectCode', 'allowTicketOnClient']);

/**
 * Reads a verify options bag: a {@link Bag} when it is an ordinary object of
 * values toJson writes as they are, else the JSON text toJson makes of it
 * (or its error). Each getter runs once either way.
 *
 * @param {unknown} options
 * @returns {Bag | string}
 */
export function readOptions(options) {
  if (options === undefined || options === null) return new Bag(null);
  if (!ordinaryObject(options)) return toJson(options, '', 'options');
  let keys;
  try {
    keys = Object.keys(options);
  } catch (e) {
    return toJson(options, '', 'options');
  }
  const bag = new Bag(keys);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    let value;
    try {
      value = options[key];
    } catch (e) {
      throw unreadable(key);
    }
    bag.values.push(value);
    if (!primitive(value)) return resumeObject(options, keys, bag.values, '', 0, []);
    if (bag.plain) bag.plain = bag.take(key, value);
  }
  return bag;
}

/**
 * The JSON text of the options as read by {@link readOptions}.
 * @param {unknown} options
 * @param {Bag | string} bag
 * @returns {string}
 */
export function optionsJson(options, bag) {
  if (typeof bag === 'string') return bag;
  return bag.keys === null ? 'null' : resumeObject(options, bag.keys, bag.values, '', 0, []);
}

/** Whether the options may take the fast path on this host (a ticket on a client needs `allowTicketOnClient: true`). */
function allowed(bag, client) {
  return bag.plain && (bag.apiTicket === undefined || client === false || bag.allowTicketOnClient === true);
}

// "Now" as the module's clock reads it: whole seconds of `Date.now()`, -1 without a clock.
function clockSeconds() {
  const ms = +Date.now();
  return isFinite(ms) && ms >= 0 ? Math.floor(ms / 1000) : -1;
}

/**
 * The module's scratch buffer: the options' strings at its start (kept from
 * one call to the next while they stay the same), the cardExt or the items
 * from `TEXT_AT`. The views are made again when the memory grew or the
 * instance was replaced (both detach them).
 */
let scratch = { glue: null, options: new Uint8Array(0), text: new Uint8Array(0), written: null, length: 0 };

/** Where the cardExt or the items start in the scratch buffer; longer option strings take the full path. */
const TEXT_AT = 1024;

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

/**
 * Writes the options' strings (unless the last call wrote the same) and
 * `text` into the scratch buffer; the byte length of the options' strings,
 * or -1 when something did not fit (the caller then takes the full path).
 * The byte length of `text` is left in `scratch.length`.
 */
function writeScratch(glue, bag, text) {
  if (text.length > MAX_TEXT) return -1;
  if (scratch.glue !== glue || scratch.text.byteLength < text.length || scratch.options.byteLength === 0) {
    const size = TEXT_AT + Math.max(text.length, 4096);
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

function report(signed) {
  return { ok: true, signatureChecked: signed, problems: [] };
}

/**
 * `verifyCardExt` through the fast export when the inputs are plain, else `undefined`.
 *
 * @param {Record<string, Function>} glue
 * @param {unknown} cardExt
 * @param {Bag} bag
 * @param {boolean} client
 */
export function verifyClean(glue, cardExt, bag, client) {
  if (typeof cardExt !== 'string' || bag.cardId === undefined || !allowed(bag, client)) return undefined;
  // The clock is read first: nothing runs between writing the scratch buffer and the call.
  const now = bag.nowGiven ? bag.nowSeconds : clockSeconds();
  const optionsLength = writeScratch(glue, bag, cardExt);
  if (optionsLength < 0) return undefined;
  const answer = glue.internalVerifyClean(
    optionsLength,
    TEXT_AT,
    scratch.length,
    bag.cardId.length,
    bag.apiTicket === undefined ? -1 : bag.apiTicket.length,
    bag.expectOpenid.length,
    bag.expectCode.length,
    now,
    bag.nowGiven,
    bag.maxAgeSeconds,
  );
  return answer === FULL ? undefined : report(answer === SIGNED);
}

/** A `cardList` as read: every item `{ cardId, cardExt }` of two strings. */
class List {
  constructor(length) {
    this.length = length;
    this.ids = new Array(length);
    this.exts = new Array(length);
    // Whether an item's keys came cardExt first.
    this.extFirst = new Array(length);
  }

  // The JSON texts of the first `count` items, joined by commas.
  head(count) {
    let text = '';
    for (let i = 0; i < count; i++) {
      const id = '"cardId":' + JSON.stringify(this.ids[i]);
      const ext = '"cardExt":' + JSON.stringify(this.exts[i]);
      text += (i > 0 ? ',{' : '{') + (this.extFirst[i] ? ext + ',' + id : id + ',' + ext) + '}';
    }
    return text;
  }
}

// The two keys of a plain item, or -1: 0 for [cardId, cardExt], 1 for [cardExt, cardId].
function itemOrder(keys) {
  if (keys.length !== 2) return -1;
  if (keys[0] === 'cardId' && keys[1] === 'cardExt') return 0;
  if (keys[0] === 'cardExt' && keys[1] === 'cardId') return 1;
  return -1;
}

/**
 * Reads a `cardList`: a {@link List} when it is an array of ordinary objects
 * `{ cardId, cardExt }` of two well-formed strings, else the JSON text toJson
 * makes of it (or its error). Each getter runs once either way.
 *
 * @param {unknown} items
 * @returns {List | string}
 */
export function readList(items) {
  try {
    if (!Array.isArray(items)) return toJson(items, 'cardList');
  } catch (e) {
    return toJson(items, 'cardList');
  }
  const length = readLength(items, 'cardList');
  const list = new List(length);
  for (let i = 0; i < length; i++) {
    let item;
    try {
      item = items[i];
    } catch (e) {
      throw unreadable('cardList[' + i + ']');
    }
    let keys;
    if (ordinaryObject(item)) {
      try {
        keys = Object.keys(item);
      } catch (e) {
        keys = undefined;
      }
    }
    const order = keys === undefined ? -1 : itemOrder(keys);
    if (order === -1) return resume(items, list, i, (path, stack) => writeValue(item, path, 1, stack));
    const values = [];
    for (let k = 0; k < 2; k++) {
      let value;
      try {
        value = item[keys[k]];
      } catch (e) {
        throw unreadable('cardList[' + i + '].' + keys[k]);
      }
      values.push(value);
      if (typeof value !== 'string' || !wellFormed(value)) {
        return resume(items, list, i, (path, stack) => resumeObject(item, keys, values, path, 1, stack));
      }
    }
    list.ids[i] = values[order];
    list.exts[i] = values[1 - order];
    list.extFirst[i] = order === 1;
  }
  return list;
}

function resume(items, list, done, next) {
  return resumeArray(items, list.length, done, list.head(done), next, 'cardList');
}

/**
 * The JSON text of a `cardList` as read by {@link readList}.
 * @param {unknown} items
 * @param {List | string} list
 * @returns {string}
 */
export function listJson(items, list) {
  return typeof list === 'string' ? list : resume(items, list, list.length, undefined);
}

/**
 * `verifyCardList` through the fast export when every item is clean, else `undefined`.
 *
 * @param {Record<string, Function>} glue
 * @param {List} list
 * @param {Bag} bag
 * @param {boolean} client
 */
export function verifyCleanList(glue, list, bag, client) {
  if (!allowed(bag, client)) return undefined;
  const n = list.length;
  const lens = new Int32Array(4 + 2 * n);
  lens[0] = bag.cardId === undefined ? -1 : bag.cardId.length;
  lens[1] = bag.apiTicket === undefined ? -1 : bag.apiTicket.length;
  lens[2] = bag.expectOpenid.length;
  lens[3] = bag.expectCode.length;
  let packed = '';
  for (let i = 0; i < n; i++) {
    const id = list.ids[i];
    const ext = list.exts[i];
    lens[4 + 2 * i] = id.length;
    lens[5 + 2 * i] = ext.length;
    packed += id + ext;
  }
  const now = bag.nowGiven ? bag.nowSeconds : clockSeconds();
  const optionsLength = writeScratch(glue, bag, packed);
  if (optionsLength < 0) return undefined;
  const answer = glue.internalVerifyCleanList(
    optionsLength,
    TEXT_AT,
    scratch.length,
    lens,
    now,
    bag.nowGiven,
    bag.maxAgeSeconds,
  );
  if (answer === FULL) return undefined;
  const reports = new Array(n);
  for (let i = 0; i < n; i++) reports[i] = report(answer === SIGNED);
  return reports;
}
