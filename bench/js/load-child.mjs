// One cold load, in a fresh process: import (or require) the package, await
// init(), compute the first signature. Prints the milliseconds it took:
// wall-clock, then the CPU time of the process (all its threads).
//
//   node bench/js/load-child.mjs <entry file> <import|require>
//   node bench/js/load-child.mjs <.wasm file> compile     (compiling the module alone)
//   node bench/js/load-child.mjs <.mjs file> baseline     (importing an empty module)
//   node bench/js/load-child.mjs node:crypto builtin      (importing a Node.js built-in module)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [file, how] = process.argv.slice(2);
if (how === 'compile') {
  const bytes = readFileSync(file);
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  new WebAssembly.Module(bytes);
  report(start, cpu);
  process.exit(0);
}

function report(start, cpu) {
  const used = process.cpuUsage(cpu);
  console.log((performance.now() - start).toFixed(4), ((used.user + used.system) / 1000).toFixed(4));
}

if (how === 'baseline' || how === 'builtin') {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await import(how === 'builtin' ? file : pathToFileURL(file).href);
  report(start, cpu);
  process.exit(0);
}

const [start, cpu] = [performance.now(), process.cpuUsage()];
const wx = how === 'require' ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href);
await wx.init();
const signature = wx.cardSignature(['ojZ8YtyVyr30HheH3CM73y7h4jJE', '1404896688', 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', '1434008071', '123']);
if (signature !== 'f137ab68b7f8112d20ee528ab6074564e2796250') throw new Error('wrong first result: ' + signature);
report(start, cpu);
