// The fast path of verifyCardExt and verifyCardList.
//
// Most calls pass a plain options bag of strings and numbers and a cardExt
// exactly as a correct signer wrote it. For those, the bag is read here (each
// getter once, with the checks and errors of the strict toJson), the strings
// are written straight into a scratch buffer in the module's memory (see
// scratch.js) and the module answers with a number: 0 "take the full path",
// 1 "clean, no ticket", 2 "clean and signed". A clean answer's report is
// `{ ok: true, signatureChecked, problems: [] }`, the one the full path gives;
// for any other answer, and for any input that is not plain, the full path
// runs on the JSON text of what was read, so its results and errors are the
// same as without this file.

import { readLength, resumeArray, resumeObject, toJson, unreadable, wellFormed, writeValue } from './errors.js';
import { bagJson, clockSeconds, ordinaryObject, readBag, wholeNumber } from './fast-read.js';
import { TEXT_AT, scratch, writeScratch } from './scratch.js';

/** The answers of the module's internal fast exports. */
const FULL = 0;
const SIGNED = 2;

/**
 * A verify options bag as read: its keys (`null` for no bag), their values,
 * and the options when they are plain.
 */
class Options {
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
        if (!wholeNumber(value)) return false;
        this.nowSeconds = value;
        this.nowGiven = true;
        return true;
      case 'maxAgeSeconds':
        if (!wholeNumber(value)) return false;
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
 * Reads a verify options bag (see {@link readBag}).
 * @param {unknown} options
 * @returns {Options | string}
 */
export function readOptions(options) {
  return readBag(options, 'options', Options);
}

/**
 * The JSON text of the options as read by {@link readOptions}: what toJson gives.
 * @param {unknown} options
 * @param {Options | string} bag
 * @returns {string}
 */
export function optionsJson(options, bag) {
  return bagJson(options, bag);
}

/** Whether the options may take the fast path on this host (a ticket on a client needs `allowTicketOnClient: true`). */
function allowed(bag, client) {
  return bag.plain && (bag.apiTicket === undefined || client === false || bag.allowTicketOnClient === true);
}

function report(signed) {
  return { ok: true, signatureChecked: signed, problems: [] };
}

/**
 * `verifyCardExt` through the fast export when the inputs are plain, else `undefined`.
 *
 * @param {Record<string, Function>} glue
 * @param {unknown} cardExt
 * @param {Options} bag
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
    // An ordinary object is written from the keys read here: its traps run once, as in toJson.
    if (order === -1 && keys !== undefined) return resume(items, list, i, (path, stack) => resumeObject(item, keys, [], path, 1, stack));
    if (order === -1) return resume(items, list, i, (path, stack) => writeValue(item, path, 1, stack));
    const first = readItemValue(item, keys[0], i);
    if (typeof first !== 'string' || !wellFormed(first)) {
      return resume(items, list, i, (path, stack) => resumeObject(item, keys, [first], path, 1, stack));
    }
    const second = readItemValue(item, keys[1], i);
    if (typeof second !== 'string' || !wellFormed(second)) {
      return resume(items, list, i, (path, stack) => resumeObject(item, keys, [first, second], path, 1, stack));
    }
    list.ids[i] = order === 0 ? first : second;
    list.exts[i] = order === 0 ? second : first;
    list.extFirst[i] = order === 1;
  }
  return list;
}

function readItemValue(item, key, i) {
  try {
    return item[key];
  } catch (e) {
    throw unreadable('cardList[' + i + '].' + key);
  }
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
 * @param {Options} bag
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
    packed += id;
    packed += ext;
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
  const signed = answer === SIGNED;
  const reports = [];
  for (let i = 0; i < n; i++) reports.push(report(signed));
  return reports;
}
