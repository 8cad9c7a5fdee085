// Tier 4: the mini-program path. The real 构建 npm (miniprogram-ci's
// packNpmManually) over a project depending on the packed package, then
// `require('wxcard')` in a sandbox with WXWebAssembly and no WebAssembly,
// TextEncoder, TextDecoder, fetch or URL (see support/miniprogram.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractChecks, OFFICIAL } from './support/contract.mjs';
import { buildMiniprogramProject, createRuntime, fakeWx, loadMiniprogram } from './support/miniprogram.mjs';
import { PKG } from './support/pkg.mjs';

const DEFAULT_PATH = '/miniprogram_npm/wxcard/wxcard_bg.wasm.br';

test('构建 npm copies miniprogram_dist verbatim, .wasm.br included', async () => {
  const root = await buildMiniprogramProject();
  for (const f of ['index.js', 'wxcard_bg.wasm.br', 'package.json']) {
    assert.deepEqual(readFileSync(join(root, 'miniprogram_npm/wxcard', f)), readFileSync(join(PKG, 'miniprogram_dist', f)), f);
  }
  assert.ok(!existsSync(join(root, 'miniprogram_npm/wxcard/dist')), 'dist/ is not part of the mini-program package');
});

for (const resultShape of ['instance', 'object']) {
  const { wxcard, runtime } = await loadMiniprogram({ resultShape });

  test(`mini-program (${resultShape}): the sandbox has no WebAssembly, TextEncoder, TextDecoder, fetch or URL`, () => {
    assert.equal(runtime.evaluate('[typeof WebAssembly, typeof TextEncoder, typeof TextDecoder, typeof fetch, typeof URL].join()'), 'undefined,undefined,undefined,undefined,undefined');
    assert.equal(runtime.evaluate('typeof WXWebAssembly'), 'object');
  });

  test(`mini-program (${resultShape}): calls before init() throw NOT_INITIALIZED naming the fix`, () => {
    assert.throws(() => wxcard.cardSignature(['a']), (e) => e.name === 'WxCardError' && e.code === 'NOT_INITIALIZED' && /init\(\)/.test(e.message));
  });

  test(`mini-program (${resultShape}): the error class keeps its name in the minified bundle`, () => {
    assert.equal(wxcard.WxCardError.name, 'WxCardError');
    assert.throws(() => wxcard.cardSignature(['a']), (e) => e instanceof wxcard.WxCardError && e.constructor.name === 'WxCardError');
  });

  test(`mini-program (${resultShape}): init() loads the default .wasm.br path once, concurrent calls share it`, async () => {
    const a = wxcard.init();
    const b = wxcard.init();
    assert.equal(a, b, 'one shared promise');
    await Promise.all([a, b]);
    await wxcard.init();
    assert.deepEqual(runtime.wasmCalls, [DEFAULT_PATH]);
  });

  for (const [name, check] of contractChecks(wxcard, { client: true })) test(`mini-program (${resultShape}): ${name}`, check);
}

test('mini-program: works without FinalizationRegistry, WeakRef and globalThis', async () => {
  const { wxcard, runtime } = await loadMiniprogram({ withoutWeakRefs: true, withoutGlobalThis: true });
  assert.equal(runtime.evaluate('typeof FinalizationRegistry + typeof WeakRef + typeof globalThis'), 'undefinedundefinedundefined');
  await wxcard.init();
  assert.equal(wxcard.cardSignature([OFFICIAL.apiTicket, OFFICIAL.timestamp, OFFICIAL.cardId, OFFICIAL.code, OFFICIAL.nonceStr]), OFFICIAL.signature);
});

test('mini-program: init({ wasmPath }) takes a path without the leading slash, or the uncompressed .wasm', async () => {
  const root = await buildMiniprogramProject();
  const runtime = createRuntime(root, { resultShape: 'object' });
  const wxcard = runtime.require('wxcard');
  await wxcard.init({ wasmPath: 'miniprogram_npm/wxcard/wxcard_bg.wasm.br' });
  assert.deepEqual(runtime.wasmCalls, ['miniprogram_npm/wxcard/wxcard_bg.wasm.br']);
  assert.equal(typeof wxcard.buildCardExt({ apiTicket: 't', cardId: OFFICIAL.cardId, allowTicketOnClient: true }), 'string');
});

test('mini-program: a failed load rejects with INIT_FAILED and can be retried', async () => {
  const { wxcard, runtime } = await loadMiniprogram();
  for (const bad of ['https://example.com/wxcard_bg.wasm', 'wxfile://usr/wxcard_bg.wasm', '/miniprogram_npm/wxcard/missing.wasm.br']) {
    await assert.rejects(wxcard.init({ wasmPath: bad }), (e) => e.name === 'WxCardError' && e.code === 'INIT_FAILED');
  }
  await assert.rejects(wxcard.init({ wasmPath: 5 }), (e) => e.code === 'INVALID_TYPE' && e.field === 'wasmPath');
  await assert.rejects(wxcard.init('/miniprogram_npm/wxcard/wxcard_bg.wasm.br'), (e) => e.code === 'INVALID_TYPE' && e.field === 'options');
  assert.throws(() => wxcard.cardSignature([]), (e) => e.code === 'NOT_INITIALIZED');
  await wxcard.init();
  assert.equal(runtime.wasmCalls.at(-1), DEFAULT_PATH);
  assert.equal(wxcard.cardSignature([]), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
});

test('mini-program: without WXWebAssembly, init() rejects with UNSUPPORTED naming the base library', async () => {
  const root = await buildMiniprogramProject();
  const wxcard = createRuntime(root, { withoutWXWebAssembly: true }).require('wxcard');
  await assert.rejects(wxcard.init(), (e) => e.code === 'UNSUPPORTED' && /2\.14\.0/.test(e.message));
});

test('mini-program: nonces come from wx.getRandomValues; without it a nonce must be passed', async () => {
  let asked = 0;
  const counting = fakeWx();
  const { wxcard } = await loadMiniprogram({ wx: { getRandomValues: (o) => (asked++, counting.getRandomValues(o)) } });
  await wxcard.init();
  assert.ok(asked >= 1, 'init() filled the pool');
  const nonces = new Set();
  for (let i = 0; i < 40; i++) nonces.add(JSON.parse(wxcard.buildCardExt({ apiTicket: 't', cardId: OFFICIAL.cardId, allowTicketOnClient: true })).nonce_str);
  assert.equal(nonces.size, 40);

  const bare = await loadMiniprogram({ wx: null });
  await bare.wxcard.init();
  assert.throws(() => bare.wxcard.buildCardExt({ apiTicket: 't', cardId: OFFICIAL.cardId, allowTicketOnClient: true }), (e) => e.code === 'NO_RANDOM_SOURCE');
  const ext = bare.wxcard.buildCardExt({ apiTicket: 't', cardId: OFFICIAL.cardId, nonceStr: 'abc', allowTicketOnClient: true });
  assert.equal(JSON.parse(ext).nonce_str, 'abc');
});

test('mini-program: the harness rejects what the packer and runtime reject', async () => {
  const root = await buildMiniprogramProject('miniprogram-negative', {
    'pages/esm.js': "export const x = 1;\n",
    'pages/es2019.js': 'try { f() } catch { }\n',
  });
  const runtime = createRuntime(root);
  assert.throws(() => runtime.require('/pages/esm.js'), /acorn 6/);
  assert.throws(() => runtime.require('/pages/es2019.js'), /acorn 6/);
  await assert.rejects(runtime.evaluate('WXWebAssembly.instantiate(new Uint8Array(8), {})'), /code-package path/);
  await assert.rejects(runtime.evaluate("WXWebAssembly.instantiate('/miniprogram_npm/wxcard/index.js', {})"), /only \.wasm/);
});
