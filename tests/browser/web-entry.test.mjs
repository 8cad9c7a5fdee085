// Tier 5: the browser path. The no-bundler ESM entry (dist/wxcard.js) in
// headless Chromium, by import map and by relative path, and one Vite build
// of a page that imports `wxcard` from the installed tarball.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, runPage } from './support/chromium.mjs';
import { serveStatic } from './support/static-server.mjs';
import { PKG, ROOT, requirePkg } from '../js/support/pkg.mjs';
import { installedProject } from '../js/support/pack.mjs';

const CONTRACT = fileURLToPath(new URL('../js/support/contract.mjs', import.meta.url));

// Runs the contract on `wx` in the page and publishes the outcome as window.__done.
const RUN_CONTRACT = `
export async function runContract(init, wx) {
  const out = { failures: [], names: Object.keys(wx).sort() };
  try {
    try { wx.cardSignature([]); } catch (e) { out.beforeInit = { name: e.name, code: e.code, message: e.message }; }
    const a = init();
    const b = init();
    out.shared = a === b;
    await a;
    await init();
    const contract = '/contract.mjs';
    const { contractChecks } = await import(/* @vite-ignore */ contract);
    for (const [name, check] of contractChecks(wx, { client: true })) {
      try { check(); } catch (e) { out.failures.push(name + ': ' + e.message); }
    }
  } catch (e) {
    out.fatal = String(e && e.stack || e);
  }
  window.__done = out;
}
`;

const page = (script, head = '') => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8"><title>wxcard</title>${head}<script type="module">${script}</script>` });

let browser;
let server;

before(async () => {
  requirePkg();
  browser = await launchChromium();
  server = await serveStatic({
    '/pkg/': PKG,
    '/favicon.ico': { body: '', type: 'image/x-icon' },
    '/contract.mjs': CONTRACT,
    '/run-contract.mjs': { body: RUN_CONTRACT, type: 'text/javascript' },
    '/importmap.html': page(
      "import init, * as wx from 'wxcard'; import { runContract } from '/run-contract.mjs'; runContract(init, wx);",
      '<script type="importmap">{"imports":{"wxcard":"/pkg/dist/wxcard.js"}}</script>',
    ),
    '/relative.html': page("import init, * as wx from './pkg/dist/wxcard.js'; import { runContract } from '/run-contract.mjs'; runContract(init, wx);"),
    '/elsewhere/module.bin': { body: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')), type: 'application/octet-stream' },
    '/sources.html': page(`
      const out = {};
      const url = '/pkg/dist/wxcard.js';
      const sources = {
        bytes: async () => ({ wasm: await (await fetch('/pkg/dist/wxcard_bg.wasm')).arrayBuffer() }),
        module: async () => ({ wasm: await WebAssembly.compile(await (await fetch('/pkg/dist/wxcard_bg.wasm')).arrayBuffer()) }),
        response: async () => ({ wasm: fetch('/pkg/dist/wxcard_bg.wasm') }),
        wasmUrl: async () => ({ wasmUrl: '/elsewhere/module.bin' }),
      };
      for (const [name, options] of Object.entries(sources)) {
        try {
          const wx = await import(url + '?' + name);
          await wx.default(await options());
          out[name] = wx.cardSignature(['a', 1]);
        } catch (e) {
          out[name] = 'failed: ' + e.message;
        }
      }
      window.__done = out;`),
    '/retry.html': page(`
      import init, * as wx from '/pkg/dist/wxcard.js';
      const out = {};
      try { await init({ wasmUrl: '/missing/wxcard_bg.wasm' }); } catch (e) { out.first = { name: e.name, code: e.code }; }
      try { wx.buildCardExt({}); } catch (e) { out.between = e.code; }
      await init();
      out.after = JSON.parse(wx.buildCardExt({ apiTicket: 't', cardId: 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', allowTicketOnClient: true })).nonce_str;
      window.__done = out;`),
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function assertContract(result) {
  assert.equal(result.fatal, undefined, result.fatal);
  assert.deepEqual(result.failures, []);
  assert.equal(result.beforeInit?.name, 'WxCardError');
  assert.equal(result.beforeInit?.code, 'NOT_INITIALIZED');
  assert.match(result.beforeInit?.message, /await init\(\)/);
  assert.equal(result.shared, true, 'concurrent init() calls share one promise');
  for (const name of ['default', 'init', 'WxCardError', 'buildCardExt', 'verifyCardExt']) assert.ok(result.names.includes(name), name);
}

test('browser, no bundler: `import init, * as wx from "wxcard"` through an import map', async () => {
  assertContract(await runPage(browser.context, `${server.origin}/importmap.html`));
  assert.ok(server.requests.includes('/pkg/dist/wxcard_bg.wasm'), 'the .wasm next to dist/wxcard.js is fetched');
  assert.deepEqual(browser.errors, []);
});

test('browser, no bundler: a relative import of the built package', async () => {
  assertContract(await runPage(browser.context, `${server.origin}/relative.html`));
});

test('browser: a failed init() rejects with INIT_FAILED and the next init() succeeds', async () => {
  const result = await runPage(browser.context, `${server.origin}/retry.html`);
  assert.deepEqual(result.first, { name: 'WxCardError', code: 'INIT_FAILED' });
  assert.equal(result.between, 'NOT_INITIALIZED');
  assert.match(result.after, /^[A-Za-z0-9]{16}$/);
});

test('browser: init() takes the module as bytes, a WebAssembly.Module, a Response or another URL', async () => {
  const result = await runPage(browser.context, `${server.origin}/sources.html`);
  // SHA-1 of "1a": the values ['a', 1] sorted in byte order and concatenated.
  const expected = '9b2c3280ccea0ba408270c45185bfbcd36164237';
  assert.deepEqual(result, { bytes: expected, module: expected, response: expected, wasmUrl: expected });
  assert.ok(server.requests.includes('/elsewhere/module.bin'));
});

test('bundler: a Vite build of a page importing wxcard emits the .wasm and runs', async () => {
  const dir = installedProject('vite-app', { type: 'module' });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), "import init, * as wx from 'wxcard';\nimport { runContract } from './run-contract.js';\nrunContract(init, wx);\n");
  writeFileSync(join(dir, 'run-contract.js'), RUN_CONTRACT);
  writeFileSync(join(dir, 'vite.config.js'), "export default { logLevel: 'warn', optimizeDeps: { exclude: ['wxcard'] }, build: { outDir: 'dist', emptyOutDir: true } };\n");
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir, encoding: 'utf8' });
  assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
  const assets = readdirSync(join(dir, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted (${assets.join(', ')})`);
  const app = await serveStatic({ '/': join(dir, 'dist'), '/favicon.ico': { body: '', type: 'image/x-icon' }, '/contract.mjs': CONTRACT });
  try {
    assertContract(await runPage(browser.context, `${app.origin}/index.html`));
    assert.ok(app.requests.some((r) => r.startsWith('/assets/') && r.endsWith('.wasm')), `the emitted .wasm is fetched (${app.requests.join(', ')})`);
  } finally {
    await app.close();
  }
});
