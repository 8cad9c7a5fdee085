// Load time in headless Chromium: import plus init() to the first result, in
// a fresh page for each run (responses are `no-store`, so nothing is cached);
// the median over the runs. Debian's Chromium through playwright-core, with a
// fresh profile directory; the package is served from 127.0.0.1.
//
//   node bench/js/load-browser.mjs [runs]      (default 21; needs pkg/)
// Prints `key<TAB>median<TAB>unit` lines.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { emit, median } from './harness.mjs';
import { PKG } from './inputs.mjs';

const runs = Number(process.argv[2] || 21);
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const headers = { 'cache-control': 'no-store' };
  if (url.pathname === '/') {
    res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end('<!doctype html><title>load</title>');
    return;
  }
  const file = path.join(PKG, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, headers).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = await mkdtemp(path.join(os.tmpdir(), 'wxcard-bench-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ARGS,
});
try {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(origin + '/');
    const ms = await page.evaluate(async (run) => {
      const start = performance.now();
      const wx = await import(`/dist/wxcard.js?run=${run}`);
      await wx.default();
      const signature = wx.cardSignature(['ojZ8YtyVyr30HheH3CM73y7h4jJE', '1404896688', 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', '1434008071', '123']);
      const took = performance.now() - start;
      if (signature !== 'f137ab68b7f8112d20ee528ab6074564e2796250') throw new Error('wrong first result: ' + signature);
      return took;
    }, i);
    times.push(ms);
    await page.close();
  }
  emit('load.browser.import', median(times), 'ms');
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  server.close();
}
