// Where the time of a verifyCardExt call goes: a V8 CPU profile of a child
// process calling it in a loop, its samples split into WebAssembly (the Rust
// code), the package's JavaScript and the built-ins it calls (reading the
// options bag, writing the strings into the module's memory, the clock, the
// wasm-bindgen glue, the report object; on the full path also the strict
// toJson and the report's JSON), garbage collection, and the rest (the loop
// itself, Node.js). The first second (baseline-tier code) is left out.
//
//   node bench/js/profile.mjs      (needs pkg/)
// Prints `key<TAB>percent<TAB>%` lines.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wxcard-profile-'));
try {
  const child = fileURLToPath(new URL('profile-child.mjs', import.meta.url));
  execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, child, '4'], { stdio: 'inherit' });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const counts = { wasm: 0, package_js: 0, gc: 0, other: 0 };
  // Skip the first second: the warm-up, while V8 still runs baseline-tier code.
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (t - profile.startTime < 1e6) return;
    const { url, functionName } = nodes.get(id);
    if (url.startsWith('wasm://')) counts.wasm++;
    else if (functionName === '(garbage collector)') counts.gc++;
    else if (/profile-child|^node:internal\/(modules|bootstrap|main)/.test(url) || /^\((program|idle|root)\)$/.test(functionName)) {
      counts.other++;
    }
    // The package's own code, and the built-ins it calls (TextEncoder, Date.now, memory.buffer, JSON).
    else counts.package_js++;
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [part, n] of Object.entries(counts)) emit(`profile.verify.${part}`, (100 * n) / total, '%');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
