// WxCardError, and the strict conversion of JS inputs to JSON text.

/**
 * The one error class of wxcard. Every failure of every export is a
 * `WxCardError` with a stable `code` (see the README's "Error codes").
 *
 * @example
 * try { wx.buildCardExt({ cardId }) } catch (e) {
 *   if (e instanceof WxCardError && e.code === 'MISSING_FIELD') console.log(e.field) // 'apiTicket'
 * }
 */
export class WxCardError extends Error {
  /**
   * @param {string} code A stable code such as `INVALID_TYPE` or `WX_FAIL`.
   * @param {string} message A readable message naming the field and what was wrong.
   * @param {{ field?: string, errMsg?: string, reason?: string, cause?: unknown }} [details]
   *   `field`: the input field at fault; `errMsg`: WeChat's original `errMsg`;
   *   `reason`: the support reason of `UNSUPPORTED`; `cause`: the underlying error.
   */
  constructor(code, message, details) {
    super(message);
    /** @type {string} */
    this.code = code;
    const d = details || {};
    if (d.field !== undefined) this.field = d.field;
    if (d.errMsg !== undefined) this.errMsg = d.errMsg;
    if (d.reason !== undefined) this.reason = d.reason;
    if (d.cause !== undefined) this.cause = d.cause;
  }
}
// The class's own name too: minified bundles rename the class, and consoles
// print errors by their constructor's name.
Object.defineProperty(WxCardError, 'name', { value: 'WxCardError', configurable: true });
Object.defineProperty(WxCardError.prototype, 'name', {
  value: 'WxCardError',
  writable: true,
  configurable: true,
});

// How many leading characters of a ticket mark a run to redact (as in the Rust core's
// redact.rs); shorter tickets are only redacted whole.
const PROBE_LEN = 12;

/**
 * The ticket an input carries as a plain data property (`apiTicket` or
 * `jsapiTicket`), read without running getters; `undefined` when there is none.
 * @param {unknown} bag
 * @returns {string | undefined}
 */
function bagTicket(bag) {
  if (bag === null || typeof bag !== 'object') return undefined;
  for (const key of ['apiTicket', 'jsapiTicket']) {
    let d;
    try {
      d = Object.getOwnPropertyDescriptor(bag, key);
    } catch (e) {
      return undefined;
    }
    if (d !== undefined && typeof d.value === 'string' && d.value !== '') return d.value;
  }
  return undefined;
}

/**
 * `text` with every run that matches a prefix of `ticket` of at least
 * {@link PROBE_LEN} characters (or all of a shorter ticket) replaced by `<redacted>`.
 * @param {unknown} text
 * @param {string} ticket
 */
function scrub(text, ticket) {
  if (typeof text !== 'string') return text;
  const probe = ticket.slice(0, PROBE_LEN);
  let out = '';
  let rest = text;
  for (let at = rest.indexOf(probe); at !== -1; at = rest.indexOf(probe)) {
    let len = probe.length;
    while (len < ticket.length && len < rest.length - at && rest[at + len] === ticket[len]) len++;
    out += rest.slice(0, at) + '<redacted>';
    rest = rest.slice(at + len);
  }
  return out + rest;
}

/**
 * `error` without the ticket its input carries: the shim's own errors name
 * the keys and values they refuse, and one of them may be the ticket put in
 * the wrong place (the Rust core redacts its errors the same way).
 * @param {WxCardError} error
 * @param {unknown} input
 * @returns {WxCardError}
 */
export function withoutTicket(error, input) {
  const ticket = bagTicket(input);
  if (ticket === undefined) return error;
  error.message = scrub(error.message, ticket);
  if (error.field !== undefined) error.field = scrub(error.field, ticket);
  if (typeof error.stack === 'string') error.stack = scrub(error.stack, ticket);
  return error;
}

/**
 * Turns anything thrown by the wasm glue into a `WxCardError`: the
 * `WxCardError`-named errors of the Rust core keep their code and field;
 * anything else (a WebAssembly trap, a broken module) is `INTERNAL`.
 *
 * @param {unknown} e
 * @returns {WxCardError}
 */
export function fromGlue(e) {
  if (e instanceof WxCardError) return e;
  if (e !== null && typeof e === 'object' && e.name === 'WxCardError' && typeof e.code === 'string') {
    return new WxCardError(e.code, String(e.message), { field: typeof e.field === 'string' ? e.field : undefined });
  }
  const what = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(e);
  return new WxCardError('INTERNAL', 'internal error in the wxcard WebAssembly module: ' + what, { cause: e });
}

/** Deeper inputs are refused: no payload of WeChat's nests anywhere near this. */
export const MAX_DEPTH = 64;

/** Longer arrays are refused: a sparse array's `length` alone could otherwise exhaust memory. */
export const MAX_ITEMS = 100000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function childPath(path, key) {
  return path === '' ? key : path + '.' + key;
}

function invalidType(path, expected, found) {
  return new WxCardError('INVALID_TYPE', path + ': expected ' + expected + ', got ' + found, { field: path });
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  if (t === 'object') {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    return tag === 'Object' ? 'an object' : 'a ' + tag;
  }
  if (t === 'number') return String(value);
  return t === 'undefined' ? 'undefined' : 'a ' + t;
}

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Whether `text` is well-formed Unicode (no lone surrogate): the native
 * `isWellFormed` where there is one, else a regular expression.
 * @type {(text: string) => boolean}
 */
export const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (text) => text.isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

/**
 * Strict JSON for values crossing into WebAssembly: strings, finite numbers,
 * booleans, `null`, arrays and plain objects only. `undefined` means absent
 * (an object key is left out; an array element or the root becomes `null`).
 * BigInts, symbols, functions, non-finite numbers, class instances (`Map`,
 * `Date`, typed arrays, …), values whose getters or proxy traps throw,
 * circular references and strings with lone surrogates are `WxCardError`s
 * naming the field; nesting deeper than `MAX_DEPTH` too.
 *
 * @param {unknown} value
 * @param {string} path The field path of `value`: `''` for a top-level option
 *   bag (its keys are named as they are), or a name such as `'cardList'`.
 * @param {string} [rootName] How the root is named in errors when `path` is `''` (default `'input'`).
 * @returns {string} JSON text.
 * @throws {WxCardError} `INVALID_TYPE` or `INVALID_VALUE` naming the field.
 */
export function toJson(value, path, rootName) {
  return write(value, path, path === '' ? rootName || 'input' : path, 0, []);
}

/**
 * What {@link toJson} makes of the plain object `value` (a top-level option
 * bag, or an item of a top-level array) of which a caller has already read
 * `Object.keys` (`keys`) and the first `values.length` values, in order: those
 * are written as read, the rest are read now. Each getter runs once, and the
 * text or the error is the one `toJson` gives.
 *
 * @param {object} value
 * @param {string[]} keys
 * @param {unknown[]} values
 * @param {string} path The field path of `value` (`''` for a top-level bag).
 * @param {number} depth 0 for a top-level bag, 1 for an item of a top-level array.
 * @param {unknown[]} stack The containers `value` is inside (`[]` or `[array]`).
 * @returns {string}
 */
export function resumeObject(value, keys, values, path, depth, stack) {
  stack.push(value);
  const text = writeObject(value, keys, values, path, depth, stack);
  stack.pop();
  return text;
}

/**
 * What {@link toJson} makes of the array `value` (with the `path` and name
 * `name`) of which a caller has already read `length` (at most `MAX_ITEMS`)
 * and written the first items as `head` (their JSON texts joined by commas,
 * `''` for none); `next(itemPath, stack)`, when given, writes the item after
 * them from what the caller read of it. The rest are read now.
 *
 * @param {unknown[]} value
 * @param {number} length
 * @param {number} done How many items `head` holds.
 * @param {string} head
 * @param {((itemPath: string, stack: unknown[]) => string) | undefined} next
 * @param {string} name
 * @returns {string}
 */
export function resumeArray(value, length, done, head, next, name) {
  const stack = [value];
  let text = '[' + head;
  for (let i = done; i < length; i++) {
    if (i > 0) text += ',';
    const itemPath = name + '[' + i + ']';
    text += i === done && next !== undefined ? next(itemPath, stack) : write(read(value, i, itemPath), itemPath, itemPath, 1, stack);
  }
  return text + ']';
}

/**
 * `value` written as {@link toJson} writes it inside a container, at `depth`.
 * @param {unknown} value
 * @param {string} path
 * @param {number} depth
 * @param {unknown[]} stack
 * @returns {string}
 */
export function writeValue(value, path, depth, stack) {
  return write(value, path, path, depth, stack);
}

function write(value, path, name, depth, stack) {
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) {
        throw new WxCardError('INVALID_VALUE', name + ': not well-formed Unicode (a lone surrogate)', { field: name });
      }
      return JSON.stringify(value);
    case 'number':
      if (!isFinite(value)) throw invalidType(name, 'a finite number', describe(value));
      return '' + value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      return writeContainer(value, path, name, depth, stack);
    default:
      throw invalidType(name, 'a string, number, boolean, array or plain object', describe(value));
  }
}

function writeContainer(value, path, name, depth, stack) {
  if (depth >= MAX_DEPTH) {
    throw new WxCardError('INVALID_VALUE', name + ': nested more than ' + MAX_DEPTH + ' levels deep', { field: name });
  }
  if (stack.indexOf(value) !== -1) throw invalidType(name, 'a tree of values', 'a circular reference');
  let isArray, keys;
  try {
    isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) throw invalidType(name, 'a plain object', describe(value));
    keys = isArray ? null : Object.keys(value);
  } catch (e) {
    if (e instanceof WxCardError) throw e;
    throw invalidType(name, 'a readable value', 'an object whose traps throw');
  }
  stack.push(value);
  const text = isArray ? writeArray(value, path, name, depth, stack) : writeObject(value, keys, NONE, path, depth, stack);
  stack.pop();
  return text;
}

const NONE = [];

/**
 * `container[key]`, or the `INVALID_TYPE` error {@link toJson} gives when the
 * getter (or proxy trap) throws.
 * @param {object} container
 * @param {string | number} key
 * @param {string} name The field path of the value.
 */
export function read(container, key, name) {
  try {
    return container[key];
  } catch (e) {
    throw unreadable(name);
  }
}

/**
 * The error {@link toJson} gives for the value at `name` whose getter (or
 * proxy trap) threw.
 * @param {string} name
 * @returns {WxCardError}
 */
export function unreadable(name) {
  return invalidType(name, 'a readable value', 'a getter that throws');
}

/**
 * An array's `length` as {@link toJson} reads and limits it.
 * @param {unknown[]} value
 * @param {string} name
 * @returns {number}
 */
export function readLength(value, name) {
  const length = read(value, 'length', name);
  if (!(length <= MAX_ITEMS)) throw new WxCardError('INVALID_VALUE', name + ': more than ' + MAX_ITEMS + ' items', { field: name });
  return length;
}

function writeArray(value, path, name, depth, stack) {
  const length = readLength(value, name);
  let text = '[';
  for (let i = 0; i < length; i++) {
    if (i > 0) text += ',';
    const itemPath = (path === '' ? name : path) + '[' + i + ']';
    text += write(read(value, i, itemPath), itemPath, itemPath, depth + 1, stack);
  }
  return text + ']';
}

function writeObject(value, keys, values, path, depth, stack) {
  let text = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const keyPath = childPath(path, key);
    const item = i < values.length ? values[i] : read(value, key, keyPath);
    if (item === undefined) continue;
    if (!first) text += ',';
    first = false;
    text += JSON.stringify(key) + ':' + write(item, keyPath, keyPath, depth + 1, stack);
  }
  return text + '}';
}
