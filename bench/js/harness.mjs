// Timing in one process: candidates run in interleaved rounds, so a slow
// phase of the machine hits all of them alike; each round times a batch of
// calls, and the result is the median time per call over the rounds.
//
// Two clocks: the process's CPU time (`process.cpuUsage`, what the reported
// medians use: time spent waiting for a core while other programs run does
// not count) and wall-clock time (reported beside it).

import { performance } from 'node:perf_hooks';

/** A sink the optimiser cannot prove unused. */
export let sink = 0;

function consume(result) {
  sink = (sink + (typeof result === 'string' ? result.length : result && result.ok ? 1 : 2)) | 0;
}

/** The median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU time of this process in nanoseconds. */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
}

function timeBatch(fn, iterations) {
  const cpu = cpuNow();
  const wall = performance.now();
  for (let i = 0; i < iterations; i++) consume(fn());
  const wallNs = (performance.now() - wall) * 1e6;
  return { cpu: (cpuNow() - cpu) / iterations, wall: wallNs / iterations };
}

/**
 * Times every candidate: a warm-up of `warmUpMs`, a batch size giving about
 * `batchMs` of CPU time per batch, then `rounds` interleaved rounds. Returns
 * `{ name: { cpu, wall } }`, medians in nanoseconds per call.
 *
 * @param {Record<string, () => unknown>} candidates
 * @param {{ rounds?: number, batchMs?: number }} [options]
 */
export function compare(candidates, { rounds = 31, batchMs = 20, warmUpMs = 1000 } = {}) {
  const names = Object.keys(candidates);
  const iterations = {};
  for (const name of names) {
    const fn = candidates[name];
    // Warm-up: V8 runs WebAssembly (and JavaScript) in a baseline tier first and
    // optimises hot functions in the background; measure the steady state.
    const until = performance.now() + warmUpMs;
    while (performance.now() < until) timeBatch(fn, 64);
    let n = 16;
    timeBatch(fn, n);
    while (n < 1 << 24) {
      const ns = timeBatch(fn, n).cpu * n;
      if (ns >= batchMs * 1e5) {
        iterations[name] = Math.max(1, Math.round((n * batchMs * 1e6) / ns));
        break;
      }
      n *= 2;
    }
    iterations[name] ??= n;
    timeBatch(fn, iterations[name]);
  }
  const samples = Object.fromEntries(names.map((n) => [n, { cpu: [], wall: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const t = timeBatch(candidates[name], iterations[name]);
      samples[name].cpu.push(t.cpu);
      samples[name].wall.push(t.wall);
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, { cpu: median(samples[n].cpu), wall: median(samples[n].wall) }]),
  );
}

/** Prints one result line for `cargo xtask bench`: `key<TAB>value<TAB>unit`. */
export function emit(key, value, unit) {
  console.log([key, typeof value === 'number' ? Number(value.toPrecision(6)) : value, unit].join('\t'));
}

/** Emits a `compare` result: `key` (CPU time) and `key.wall`. */
export function emitTimes(key, { cpu, wall }, per = 1) {
  emit(key, cpu / per, 'ns');
  emit(key + '.wall', wall / per, 'ns');
}
