// Reading an option bag once for a fast path, as the strict toJson reads it.
//
// A fast path reads a plain bag itself: each getter once, with the checks and
// errors of toJson. When the bag or a value is not plain, toJson takes over
// from what was read, so its text or error is the one toJson alone gives.

import { resumeObject, toJson, unreadable, wellFormed } from './errors.js';

const OBJECT = Object.prototype;

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
export function ordinaryObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value) && Object.getPrototypeOf(value) === OBJECT;
  } catch (e) {
    return false;
  }
}

/**
 * Reads an option bag: a `Bag` (a new `Bag(keys)`, whose `take(key, value)`
 * says whether the value is of the plain form the fast export reads) when it
 * is an ordinary object of values toJson writes as they are, else the JSON
 * text toJson makes of it (or its error). `undefined` and `null` are a
 * `Bag(null)`. Each getter runs once either way.
 *
 * @template {{ keys: string[] | null, values: unknown[], plain: boolean, take: (key: string, value: unknown) => boolean }} B
 * @param {unknown} value
 * @param {string} rootName How toJson names the bag.
 * @param {new (keys: string[] | null) => B} Bag
 * @returns {B | string}
 */
export function readBag(value, rootName, Bag) {
  if (value === undefined || value === null) return new Bag(null);
  if (!ordinaryObject(value)) return toJson(value, '', rootName);
  let keys;
  try {
    keys = Object.keys(value);
  } catch (e) {
    return toJson(value, '', rootName);
  }
  const bag = new Bag(keys);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    let item;
    try {
      item = value[key];
    } catch (e) {
      throw unreadable(key);
    }
    bag.values.push(item);
    if (!primitive(item)) return resumeObject(value, keys, bag.values, '', 0, []);
    if (bag.plain) bag.plain = bag.take(key, item);
  }
  return bag;
}

/**
 * The JSON text of a bag as read by {@link readBag}: what toJson gives.
 * @param {unknown} value
 * @param {{ keys: string[] | null, values: unknown[] } | string} bag
 * @returns {string}
 */
export function bagJson(value, bag) {
  if (typeof bag === 'string') return bag;
  return bag.keys === null ? 'null' : resumeObject(value, bag.keys, bag.values, '', 0, []);
}

/** Whether `value` is an integer JavaScript holds exactly, at least 0: a timestamp or an age as the module reads it. */
export function wholeNumber(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

// "Now" as the module's clock reads it: whole seconds of `Date.now()`, -1 without a clock.
export function clockSeconds() {
  const ms = +Date.now();
  return isFinite(ms) && ms >= 0 ? Math.floor(ms / 1000) : -1;
}

