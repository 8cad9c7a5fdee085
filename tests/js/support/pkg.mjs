// Where the built package is, and loading it through each of its entries.
//
// Tests run against the BUILT package: `WXCARD_PKG` (default `<repo>/pkg`).
// Import `loadNode('cjs' | 'esm')`, `loadWeb()` or, for the mini-program,
// `loadMiniprogram()` from `./miniprogram.mjs`.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built package directory (`WXCARD_PKG`, default `<repo>/pkg`). */
export const PKG = resolve(process.env.WXCARD_PKG || join(ROOT, 'pkg'));

/** Fails with a clear message when the package has not been built. */
export function requirePkg() {
  if (!existsSync(join(PKG, 'package.json'))) {
    throw new Error(`no built package at ${PKG}: run \`cargo xtask build\` (or set WXCARD_PKG)`);
  }
  return PKG;
}

let runDir;

/**
 * A scratch directory `target/js-tests/run-<pid>/<name>`. Each test process
 * has its own run directory (test files run in parallel), removed when the
 * process exits unless `WXCARD_KEEP_SCRATCH` is set.
 */
export function scratchDir(name) {
  if (runDir === undefined) {
    runDir = join(ROOT, 'target', 'js-tests', `run-${process.pid}`);
    rmSync(runDir, { recursive: true, force: true });
    if (!process.env.WXCARD_KEEP_SCRATCH) process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
  }
  const dir = join(runDir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The package as Node.js loads it: `'cjs'` through `require` of
 * `dist/wxcard.node.cjs`, `'esm'` through `import` of `dist/wxcard.node.mjs`.
 */
export async function loadNode(kind) {
  requirePkg();
  if (kind === 'cjs') return createRequire(import.meta.url)(join(PKG, 'dist', 'wxcard.node.cjs'));
  return import(pathToFileURL(join(PKG, 'dist', 'wxcard.node.mjs')).href);
}

/** The browser/bundler entry loaded in Node (it has fetch-free `init({ wasm })`). */
export async function loadWeb() {
  requirePkg();
  return import(pathToFileURL(join(PKG, 'dist', 'wxcard.js')).href);
}
