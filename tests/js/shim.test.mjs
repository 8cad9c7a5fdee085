// Unit tests of the hand-written shim sources in pkg-template/src: the
// mini-program's UTF-8 codec against Node's native one, and the strict toJson.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TextDecoder as Utf8Decoder, TextEncoder as Utf8Encoder } from '../../pkg-template/src/text-codec.js';
import { WxCardError, fromGlue, toJson } from '../../pkg-template/src/errors.js';

const SAMPLES = ['', 'abc', '卡券 ✓ 小程序', '渠道一·会员日 🎫', 'x\ud800y', '\udc00', '\ufeffbom', 'a'.repeat(70000) + '券'];

test('the UTF-8 encoder matches the native TextEncoder, encodeInto included', () => {
  const ours = new Utf8Encoder();
  const native = new TextEncoder();
  for (const s of SAMPLES) {
    assert.deepEqual(Buffer.from(ours.encode(s)), Buffer.from(native.encode(s)), JSON.stringify(s.slice(0, 20)));
    for (const size of [0, 1, 2, 3, 7, 64]) {
      const a = new Uint8Array(size);
      const b = new Uint8Array(size);
      assert.deepEqual(ours.encodeInto(s, a), native.encodeInto(s, b));
      assert.deepEqual(a, b);
    }
  }
});

test('the UTF-8 decoder matches the native non-fatal TextDecoder on valid and random bytes', () => {
  const ours = new Utf8Decoder('utf-8', { ignoreBOM: true });
  const native = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const s of SAMPLES) assert.equal(ours.decode(new TextEncoder().encode(s)), native.decode(new TextEncoder().encode(s)));
  for (let i = 0; i < 5000; i++) {
    const bytes = randomBytes(i % 48);
    assert.equal(ours.decode(bytes), native.decode(bytes), bytes.toString('hex'));
  }
  assert.equal(ours.decode(), '');
  assert.equal(new Utf8Decoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), 'a', 'the BOM is dropped unless ignoreBOM');
  assert.throws(() => new Utf8Decoder('latin1'), RangeError);
});

test('toJson keeps plain data and treats undefined as absent', () => {
  assert.equal(toJson({ a: 1, b: undefined, c: [undefined, 'x', null], d: { e: true } }, ''), '{"a":1,"c":[null,"x",null],"d":{"e":true}}');
  assert.equal(toJson(undefined, 'values'), 'null');
  assert.equal(toJson(Object.assign(Object.create(null), { k: '卡' }), ''), '{"k":"卡"}');
  assert.equal(toJson(JSON.parse('{"__proto__":1}'), ''), '{"__proto__":1}');
});

test('toJson refuses what JSON.stringify would silently change, naming the field', () => {
  const cyclic = { a: {} };
  cyclic.a.b = cyclic;
  let deep = {};
  for (let i = 0; i < 100; i++) deep = { a: deep };
  const cases = [
    [{ a: 10n }, 'INVALID_TYPE', 'a'],
    [{ a: Symbol('s') }, 'INVALID_TYPE', 'a'],
    [{ a: () => 1 }, 'INVALID_TYPE', 'a'],
    [{ a: [1, NaN] }, 'INVALID_TYPE', 'a[1]'],
    [{ a: Infinity }, 'INVALID_TYPE', 'a'],
    [{ a: new Map() }, 'INVALID_TYPE', 'a'],
    [{ a: new Date(0) }, 'INVALID_TYPE', 'a'],
    [{ a: new Uint8Array(2) }, 'INVALID_TYPE', 'a'],
    [cyclic, 'INVALID_TYPE', 'a.b'],
    [{ get a() { throw new Error('no'); } }, 'INVALID_TYPE', 'a'],
    [new Proxy({}, { ownKeys() { throw new Error('no'); } }), 'INVALID_TYPE', 'input'],
    [{ a: 'x\ud800' }, 'INVALID_VALUE', 'a'],
    [deep, 'INVALID_VALUE', undefined],
  ];
  for (const [value, code, field] of cases) {
    assert.throws(() => toJson(value, ''), (e) => {
      assert.ok(e instanceof WxCardError);
      assert.equal(e.code, code);
      if (field !== undefined) assert.equal(e.field, field);
      return true;
    });
  }
  assert.throws(() => toJson([1, 2n], 'values'), (e) => e.field === 'values[1]');
});

test('fromGlue keeps core codes and turns anything else into INTERNAL', () => {
  const core = Object.assign(new Error('cardId: required but missing or empty'), { name: 'WxCardError', code: 'MISSING_FIELD', field: 'cardId' });
  const wrapped = fromGlue(core);
  assert.ok(wrapped instanceof WxCardError);
  assert.deepEqual([wrapped.code, wrapped.field, wrapped.message], ['MISSING_FIELD', 'cardId', core.message]);
  const trap = fromGlue(new WebAssembly.RuntimeError('unreachable'));
  assert.equal(trap.code, 'INTERNAL');
  assert.ok(trap.cause instanceof WebAssembly.RuntimeError);
  assert.equal(fromGlue('a string').code, 'INTERNAL');
  const own = new WxCardError('CANCELLED', 'x');
  assert.equal(fromGlue(own), own);
});
