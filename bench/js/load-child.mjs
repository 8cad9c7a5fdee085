// One cold load, in a fresh process: import (or require) the package, await
// init(), compute the first signature. Prints the milliseconds it took:
// wall-clock, then the CPU time of the process (all its threads).
//
//   node bench/js/load-child.mjs <entry file> <import|require>
//   node bench/js/load-child.mjs <.wasm file> compile     (compiling the module alone)
//   node bench/js/load-child.mjs <.mjs file> baseline     (importing an empty module)
//   node bench/js/load-child.mjs node:crypto builtin      (importing a Node.js built-in module)

// NOTE: nothing is imported before the clock starts that the package might import itself: a
// static `import … from 'node:fs'` here would build the ES module wrapper of `fs` (~1.5 ms)
// outside the measured time. `performance` and `process` are globals.

const [file, how] = process.argv.slice(2);
if (how === 'compile') {
  const { readFileSync } = await import('node:fs');
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

// A CommonJS program has `require` before it starts; an ES module program imports by URL.
const load = how === 'require' ? (await import('node:module')).createRequire(import.meta.url) : null;
const href = how === 'require' || how === 'builtin' ? file : (await import('node:url')).pathToFileURL(file).href;

if (how === 'baseline' || how === 'builtin') {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await import(href);
  report(start, cpu);
  process.exit(0);
}

const [start, cpu] = [performance.now(), process.cpuUsage()];
const wx = how === 'require' ? load(file) : await import(href);
await wx.init();
const signature = wx.cardSignature(['ojZ8YtyVyr30HheH3CM73y7h4jJE', '1404896688', 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', '1434008071', '123']);
if (signature !== 'f137ab68b7f8112d20ee528ab6074564e2796250') throw new Error('wrong first result: ' + signature);
report(start, cpu);
