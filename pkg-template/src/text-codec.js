// UTF-8 TextEncoder/TextDecoder for the mini-program bundle.
//
// WeChat's device runtimes have no TextEncoder/TextDecoder, and the
// wasm-bindgen glue creates both at module top level. The mini-program build
// injects these two classes as *local* bindings of the glue (esbuild
// `inject: ['pkg-template/src/text-codec.js']`), so no global is read or
// written. They are always used there, in devtools and on devices alike, so
// the tested path is the shipped one. Only UTF-8 is supported; malformed
// input decodes to U+FFFD, like the standard non-fatal decoder.

const REPLACEMENT = 0xfffd;

function toBytes(input) {
  if (input === undefined || input === null) return new Uint8Array(0);
  // NOTE: ArrayBuffer.isView works across realms, where `instanceof` does not.
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

function encodeChar(code, out, at) {
  if (code < 0x80) {
    out[at] = code;
    return 1;
  }
  if (code < 0x800) {
    out[at] = 0xc0 | (code >> 6);
    out[at + 1] = 0x80 | (code & 0x3f);
    return 2;
  }
  if (code < 0x10000) {
    out[at] = 0xe0 | (code >> 12);
    out[at + 1] = 0x80 | ((code >> 6) & 0x3f);
    out[at + 2] = 0x80 | (code & 0x3f);
    return 3;
  }
  out[at] = 0xf0 | (code >> 18);
  out[at + 1] = 0x80 | ((code >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((code >> 6) & 0x3f);
  out[at + 3] = 0x80 | (code & 0x3f);
  return 4;
}

function utf8Length(code) {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

// The code point at `i` (a lone surrogate reads as U+FFFD) and how many UTF-16 units it used.
function codePointAt(str, i) {
  const c = str.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
    const d = str.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00), 2];
  }
  if (c >= 0xd800 && c <= 0xdfff) return [REPLACEMENT, 1];
  return [c, 1];
}

/** A UTF-8 encoder with the standard `encode` and `encodeInto`. */
class Utf8Encoder {
  get encoding() {
    return 'utf-8';
  }

  /**
   * @param {string} [str]
   * @returns {Uint8Array}
   */
  encode(str) {
    const s = str === undefined ? '' : String(str);
    const out = new Uint8Array(s.length * 3);
    let at = 0;
    for (let i = 0; i < s.length; ) {
      const [code, units] = codePointAt(s, i);
      at += encodeChar(code, out, at);
      i += units;
    }
    return out.slice(0, at);
  }

  /**
   * @param {string} str
   * @param {Uint8Array} view
   * @returns {{ read: number, written: number }}
   */
  encodeInto(str, view) {
    const s = String(str);
    let read = 0;
    let written = 0;
    while (read < s.length) {
      const [code, units] = codePointAt(s, read);
      if (written + utf8Length(code) > view.length) break;
      written += encodeChar(code, view, written);
      read += units;
    }
    return { read, written };
  }
}

/** A UTF-8 decoder with the standard `decode`. */
class Utf8Decoder {
  /**
   * @param {string} [label] Only `'utf-8'` (the default) is supported.
   * @param {{ ignoreBOM?: boolean }} [options]
   */
  constructor(label, options) {
    const name = label === undefined ? 'utf-8' : String(label).toLowerCase();
    if (name !== 'utf-8' && name !== 'utf8') throw new RangeError('only utf-8 is supported, got ' + name);
    this.ignoreBOM = Boolean(options && options.ignoreBOM);
  }

  get encoding() {
    return 'utf-8';
  }

  /**
   * @param {ArrayBufferView | ArrayBuffer} [input]
   * @returns {string}
   */
  decode(input) {
    const bytes = toBytes(input);
    const units = [];
    let text = '';
    // The WHATWG UTF-8 decoder: one U+FFFD per maximal invalid subpart.
    let needed = 0;
    let seen = 0;
    let code = 0;
    let lower = 0x80;
    let upper = 0xbf;
    let i = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (; i < bytes.length; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b <= 0x7f) {
          units.push(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          code = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
          needed = 2;
          code = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
          needed = 3;
          code = b & 0x07;
        } else {
          units.push(REPLACEMENT);
        }
      } else if (b < lower || b > upper) {
        // A broken sequence: one U+FFFD, then this byte starts afresh.
        needed = 0;
        seen = 0;
        lower = 0x80;
        upper = 0xbf;
        units.push(REPLACEMENT);
        i -= 1;
      } else {
        lower = 0x80;
        upper = 0xbf;
        code = (code << 6) | (b & 0x3f);
        seen += 1;
        if (seen === needed) {
          if (code >= 0x10000) units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
          else units.push(code);
          needed = 0;
          seen = 0;
        }
      }
      if (units.length >= 0x4000) text += String.fromCharCode.apply(null, units.splice(0));
    }
    if (needed !== 0) units.push(REPLACEMENT);
    return text + String.fromCharCode.apply(null, units);
  }
}

export { Utf8Encoder as TextEncoder, Utf8Decoder as TextDecoder };
