// Load time in Node.js: import (or require) plus init() to the first result,
// each in a fresh child process; the median over the runs.
//
//   node bench/js/load-node.mjs [runs]      (default 31; needs pkg/)
// Prints `key<TAB>median<TAB>unit` lines: wall-clock, and `.cpu` keys for the
// CPU time of the child process.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emit, median } from './harness.mjs';
import { PKG } from './inputs.mjs';

const runs = Number(process.argv[2] || 31);
const child = fileURLToPath(new URL('load-child.mjs', import.meta.url));
const entries = [
  ['import', PKG + 'dist/wxcard.node.mjs'],
  ['require', PKG + 'dist/wxcard.node.cjs'],
  ['compile', PKG + 'dist/wxcard_bg.wasm'],
  ['baseline', fileURLToPath(new URL('empty-module.mjs', import.meta.url))],
  ['builtin', 'node:crypto'],
];
for (const [how, file] of entries) {
  const [wall, cpu] = [[], []];
  try {
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [child, file, how], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const [w, c] = out.trim().split(' ').map(Number);
      wall.push(w);
      cpu.push(c);
    }
    const key = how === 'builtin' ? 'load.node.node_crypto' : `load.node.${how}`;
    emit(key, median(wall), 'ms');
    emit(`${key}.cpu`, median(cpu), 'ms');
  } catch (e) {
    const reason = String(e.stderr || e.message).split('\n').find((l) => /^\w*Error\b/.test(l)) || 'the child process failed';
    console.error(`${how} ${file}: ${reason.slice(0, 300)}`);
    emit(`load.node.${how}`, 'failed', reason.slice(0, 200).replaceAll('\t', ' '));
  }
}
