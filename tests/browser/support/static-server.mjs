// A tiny static file server on 127.0.0.1 for browser tests: URL prefixes map
// to directories or files, `.wasm` is served as application/wasm, and every
// request is recorded.

import { createServer } from 'node:http';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves `routes`: `{ '/pkg/': '/abs/dir', '/page.html': '/abs/file' | { body, type } }`.
 * The longest matching prefix wins; a route ending in `/` serves a directory.
 *
 * @param {Record<string, string | { body: string, type?: string }>} routes
 * @returns {Promise<{ origin: string, requests: string[], close: () => Promise<void> }>}
 */
export async function serveStatic(routes) {
  const requests = [];
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const prefix = prefixes.find((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
    let file;
    let body;
    let type;
    if (prefix !== undefined) {
      const route = routes[prefix];
      if (typeof route === 'object') ({ body, type } = route);
      else if (prefix.endsWith('/')) {
        const base = resolve(route);
        file = resolve(base, '.' + sep + normalize(path.slice(prefix.length)));
        if (!file.startsWith(base)) file = undefined;
        else if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      } else file = route;
    }
    if (body === undefined && (file === undefined || !existsSync(file))) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${path}`);
      return;
    }
    if (body === undefined) body = readFileSync(file);
    res.writeHead(200, { 'content-type': type || TYPES[extname(file || path)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
