// The Node.js entry's random source: node:crypto is loaded by the first call
// that needs a nonce, not at import; without any source a missing nonce is
// NO_RANDOM_SOURCE, and a given nonce needs none. Each case runs in a fresh
// Node.js process, where what is loaded and what is missing can be controlled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../pkg-template/src/host-node.js';
import { PKG, requirePkg } from './support/pkg.mjs';
import { OFFICIAL } from './support/contract.mjs';

const ENTRIES = {
  esm: () => `await import(${JSON.stringify(pathToFileURL(join(PKG, 'dist', 'wxcard.node.mjs')).href)})`,
  cjs: () => `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(join(PKG, 'dist', 'wxcard.node.cjs'))})`,
};

/** Runs `body` (an async ES module body with `wx` loaded after `prelude`) in a fresh process; returns its JSON output. */
function inChild(kind, prelude, body) {
  requirePkg();
  const source = `${prelude}\nconst wx = ${ENTRIES[kind]()};\n${body}`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
  return JSON.parse(out);
}

const input = { apiTicket: OFFICIAL.apiTicket, cardId: OFFICIAL.cardId, timestamp: OFFICIAL.timestamp };

for (const kind of Object.keys(ENTRIES)) {
  test(`node ${kind}: node:crypto is loaded by the first nonce, not by the import`, { skip: !Array.isArray(process.moduleLoadList) && 'no process.moduleLoadList' }, () => {
    const body = `
      const loaded = () => process.moduleLoadList.includes('NativeModule crypto');
      const atImport = loaded();
      const signature = wx.cardSignature(['a', 'b']);
      const given = wx.buildCardExt(${JSON.stringify({ ...input, nonceStr: 'n' })});
      const beforeNonce = loaded();
      const made = JSON.parse(wx.buildCardExt(${JSON.stringify(input)}));
      console.log(JSON.stringify({ atImport, beforeNonce, afterNonce: loaded(), signature, given, nonce: made.nonce_str }));`;
    const r = inChild(kind, '', body);
    assert.equal(r.atImport, false, 'node:crypto loaded at import');
    assert.equal(r.beforeNonce, false, 'node:crypto loaded by calls without a nonce');
    assert.equal(r.afterNonce, true, 'node:crypto not loaded by the call that needed a nonce');
    assert.match(r.signature, /^[0-9a-f]{40}$/);
    assert.equal(JSON.parse(r.given).nonce_str, 'n');
    assert.match(r.nonce, /^[A-Za-z0-9]{1,32}$/);
  });

  test(`node ${kind}: without node:crypto and Web Crypto a missing nonce is NO_RANDOM_SOURCE, a given one works`, { skip: typeof process.getBuiltinModule !== 'function' && 'no process.getBuiltinModule to take node:crypto away' }, () => {
    // Before the package loads: node:crypto cannot be loaded and there is no crypto global.
    const prelude = `
      const original = process.getBuiltinModule;
      process.getBuiltinModule = (name) => {
        if (name === 'node:crypto' || name === 'crypto') throw new Error('no crypto in this Node.js');
        return original.call(process, name);
      };
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });`;
    const body = `
      let code = null;
      try { wx.buildCardExt(${JSON.stringify(input)}); } catch (e) { code = e.code; }
      const given = JSON.parse(wx.buildCardExt(${JSON.stringify({ ...input, nonceStr: 'n' })}));
      console.log(JSON.stringify({ code, nonce: given.nonce_str }));`;
    const r = inChild(kind, prelude, body);
    assert.equal(r.code, 'NO_RANDOM_SOURCE');
    assert.equal(r.nonce, 'n');
  });

  test(`node ${kind}: without process.getBuiltinModule (Node.js before 20.16) the entry loads and makes nonces`, () => {
    const prelude = `delete process.getBuiltinModule;`;
    const body = `
      const made = JSON.parse(wx.buildCardExt(${JSON.stringify(input)}));
      console.log(JSON.stringify({ signature: wx.cardSignature(['a', 'b']), nonce: made.nonce_str, gone: typeof process.getBuiltinModule }));`;
    const r = inChild(kind, prelude, body);
    assert.equal(r.gone, 'undefined');
    assert.match(r.signature, /^[0-9a-f]{40}$/);
    assert.match(r.nonce, /^[A-Za-z0-9]{1,32}$/);
  });
}

test('nodeHost: node:crypto is asked for once, on the first nonce, and gives 64 fresh bytes each time', () => {
  const asked = [];
  const host = nodeHost((name) => {
    asked.push(name);
    return process.getBuiltinModule ? process.getBuiltinModule(name) : { randomFillSync: (b) => globalThis.crypto.getRandomValues(b) };
  });
  assert.deepEqual(asked, [], 'nothing loaded before a nonce is needed');
  const a = host.randomBytes();
  const b = host.randomBytes();
  assert.deepEqual(asked, ['node:crypto']);
  assert.ok(a instanceof Uint8Array && a.length === 64 && b.length === 64);
  assert.notDeepEqual(a, b);
  assert.equal(host.client, false);
  assert.equal(host.ready(), true);
});

test('nodeHost: without node:crypto, Web Crypto when present, else no source (undefined)', () => {
  const missing = () => {
    throw new Error('no crypto');
  };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  try {
    const calls = [];
    Object.defineProperty(globalThis, 'crypto', {
      value: { getRandomValues: (bytes) => (calls.push(bytes.length), bytes.fill(7)) },
      configurable: true,
    });
    assert.deepEqual(nodeHost(missing).randomBytes(), new Uint8Array(64).fill(7));
    assert.deepEqual(calls, [64]);
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    const host = nodeHost(missing);
    assert.equal(host.randomBytes(), undefined);
    assert.equal(host.randomBytes(), undefined);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    else delete globalThis.crypto;
  }
});
