// Starts the demo server (`xtask serve`) on a free port and stops it again.
// `WXCARD_XTASK` may name a built xtask binary; otherwise `cargo run -p xtask -- serve` is used.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The package directory the server serves as `/pkg`. */
export const PKG_DIR = process.env.WXCARD_PKG ? path.resolve(process.env.WXCARD_PKG) : path.join(ROOT, 'pkg');

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts the demo server and resolves once it prints its URL.
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startDemoServer({ timeoutMs = 240_000 } = {}) {
  const entry = path.join(PKG_DIR, 'dist', 'wxcard.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} does not exist: build the package first (cargo xtask build)`);
  }
  const port = await freePort();
  const xtask = process.env.WXCARD_XTASK;
  const [command, args] = xtask
    ? [xtask, ['serve']]
    : [process.env.CARGO || 'cargo', ['run', '--quiet', '--package', 'xtask', '--', 'serve']];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), WXCARD_PKG: PKG_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo server printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = output.match(/https?:\/\/(?:127\.0\.0\.1|localhost):\d+\/?/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0].endsWith('/') ? match[0] : `${match[0]}/`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited with ${code} before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await exited;
    },
  };
}
