// A model of the WeChat mini-program runtime for tests: the real 构建 npm,
// then the package loaded in a Node `vm` context shaped like the device.
//
// 1. `buildMiniprogramProject()` installs the `npm pack` tarball into a
//    scratch mini-program project and runs miniprogram-ci's `packNpmManually`
//    (the devtools' 构建 npm), which copies `miniprogram_dist/` to
//    `miniprogram_npm/wxcard/`.
// 2. `createRuntime(root, options)` makes a `vm` context with no
//    `WebAssembly`, `TextEncoder`, `TextDecoder`, `fetch` or `URL`, and a
//    `WXWebAssembly` whose `instantiate` accepts only a code-package path
//    string ending in `.wasm` / `.wasm.br` (no bytes, no `http:` / `wxfile:`),
//    decompresses `.br`, and resolves to a bare `Instance` or to
//    `{ instance, module }` (`resultShape`). It uses the sandbox's own
//    WebAssembly internally, so every buffer belongs to the sandbox realm.
//    Its CommonJS `require` resolves relative files and bare names through
//    `miniprogram_npm/`, and parses every file with acorn 6 as an ES2018
//    script, as the devtools' packer does (ES modules and newer syntax fail).
// 3. `loadMiniprogram(options)` does both and returns the mini-program's
//    `require('wxcard')`.
//
// Not modelled: iOS engine feature gaps, detach-on-grow, devtools Babel, real `wx` APIs.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { randomFillSync } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import vm from 'node:vm';
import { ROOT } from './pkg.mjs';
import { installedProject } from './pack.mjs';

const rootRequire = createRequire(join(ROOT, 'package.json'));
const acorn = rootRequire('acorn');

/** The variables the mini-program's module wrapper shadows with `undefined`. */
const SHADOWED = ['window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket', 'Reporter', 'webkit', 'WeixinJSCore'];

const projects = new Map();

/**
 * A scratch mini-program project (`scratchDir(name)`) depending on the
 * packed package, after the real 构建 npm. Built once per name and process.
 *
 * @param {string} [name]
 * @param {Record<string, string>} [files] Extra project files (`app.json`, pages, …), path → text.
 * @returns {Promise<string>} The project root (the code-package root).
 */
export async function buildMiniprogramProject(name = 'miniprogram', files = {}) {
  if (projects.has(name)) return projects.get(name);
  const built = (async () => {
    const root = installedProject(name, {});
    const defaults = {
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'project.config.json': JSON.stringify({ compileType: 'miniprogram', libVersion: '3.0.0', setting: { es6: false } }),
      'pages/index/index.js': "const wxcard = require('wxcard');\nmodule.exports = wxcard;\n",
    };
    for (const [path, text] of Object.entries({ ...defaults, ...files })) {
      const file = join(root, path);
      rootRequire('node:fs').mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const ci = rootRequire('miniprogram-ci');
    const result = await ci.packNpmManually({ packageJsonPath: join(root, 'package.json'), miniprogramNpmDistDir: root });
    if (result.miniProgramPackNum < 1) throw new Error(`构建 npm found no mini-program package: ${JSON.stringify(result)}`);
    return root;
  })();
  projects.set(name, built);
  return built;
}

/** A default `wx` with `getRandomValues`, answering asynchronously like the real one. */
export function fakeWx(extra = {}) {
  return {
    getRandomValues({ length, success, complete }) {
      setTimeout(() => {
        const randomValues = randomFillSync(new Uint8Array(length)).buffer;
        if (success) success({ randomValues, errMsg: 'getRandomValues:ok' });
        if (complete) complete({ errMsg: 'getRandomValues:ok' });
      }, 0);
    },
    ...extra,
  };
}

// The WXWebAssembly object, defined inside the sandbox realm.
const WXWASM_SOURCE = `(function (WA, readPackageFile, record, shape) {
  function instantiate(path, imports) {
    record(path);
    return new Promise(function (resolve, reject) {
      if (typeof path !== 'string') {
        reject(new TypeError('WXWebAssembly.instantiate: the first argument must be a code-package path string'));
        return;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
        reject(new Error('not support wxfile: or http: path: ' + path));
        return;
      }
      if (!/\\.wasm(\\.br)?$/.test(path)) {
        reject(new Error('WXWebAssembly.instantiate: only .wasm and .wasm.br files: ' + path));
        return;
      }
      var bytes;
      try {
        bytes = new Uint8Array(readPackageFile(path));
      } catch (e) {
        reject(new Error(String(e && e.message)));
        return;
      }
      WA.instantiate(bytes, imports).then(function (r) {
        resolve(shape === 'object' ? { instance: r.instance, module: r.module } : r.instance);
      }, reject);
    });
  }
  return {
    instantiate: instantiate,
    Memory: WA.Memory,
    Table: WA.Table,
    Global: WA.Global,
    Instance: WA.Instance,
    CompileError: WA.CompileError,
    LinkError: WA.LinkError,
    RuntimeError: WA.RuntimeError,
  };
})`;

/**
 * A mini-program runtime over the code package at `root`.
 *
 * @param {string} root The code-package root (with `miniprogram_npm/`).
 * @param {object} [options]
 * @param {'instance' | 'object'} [options.resultShape] What `WXWebAssembly.instantiate` resolves to. Default `'instance'` (the typings).
 * @param {object | null} [options.wx] The global `wx` (default {@link fakeWx}); `null` for none.
 * @param {boolean} [options.withoutWXWebAssembly] Leave `WXWebAssembly` out (base library < 2.13.0).
 * @param {boolean} [options.withoutWeakRefs] Also remove `FinalizationRegistry` and `WeakRef`.
 * @param {boolean} [options.withoutGlobalThis] Also remove `globalThis` (unconfirmed in WeChat's runtimes).
 * @param {object} [options.globals] More globals to define.
 */
export function createRuntime(root, options = {}) {
  const shape = options.resultShape || 'instance';
  const context = vm.createContext({});
  const sandboxWebAssembly = vm.runInContext('WebAssembly', context);
  vm.runInContext('delete globalThis.WebAssembly; delete globalThis.TextEncoder; delete globalThis.TextDecoder; delete globalThis.fetch; delete globalThis.URL;', context);
  if (options.withoutWeakRefs) vm.runInContext('delete globalThis.FinalizationRegistry; delete globalThis.WeakRef;', context);

  const wasmCalls = [];
  const readPackageFile = (path) => {
    const file = resolve(root, '.' + sep + normalize(path.replace(/^\/+/, '')));
    if (relative(root, file).startsWith('..')) throw new Error(`outside the code package: ${path}`);
    if (!existsSync(file)) throw new Error(`no such file in the code package: ${path}`);
    const bytes = readFileSync(file);
    return path.endsWith('.br') ? brotliDecompressSync(bytes) : bytes;
  };
  const globals = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    ...(options.wx === null ? {} : { wx: options.wx || fakeWx() }),
    ...(options.globals || {}),
  };
  if (!options.withoutWXWebAssembly) {
    globals.WXWebAssembly = vm.runInContext(WXWASM_SOURCE, context)(sandboxWebAssembly, readPackageFile, (p) => wasmCalls.push(p), shape);
  }
  for (const [name, value] of Object.entries(globals)) context[name] = value;
  if (options.withoutGlobalThis) vm.runInContext('delete globalThis.globalThis;', context);

  const cache = new Map();
  function load(file) {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    if (file.endsWith('.json')) {
      module.exports = JSON.parse(readFileSync(file, 'utf8'));
      return module.exports;
    }
    const source = readFileSync(file, 'utf8');
    try {
      acorn.parse(source, { ecmaVersion: 9, sourceType: 'script' });
    } catch (e) {
      cache.delete(file);
      throw new Error(`构建 npm / the runtime would reject ${relative(root, file)}: acorn 6 (ES2018 script): ${e.message}`);
    }
    const wrapper = vm.runInContext(`(function (require, module, exports, ${SHADOWED.join(', ')}) {${source}\n})`, context, { filename: file });
    wrapper.call(module.exports, makeRequire(dirname(file)), module, module.exports);
    return module.exports;
  }
  function resolveFile(fromDir, spec) {
    const base = spec.startsWith('.') || spec.startsWith('/') ? resolve(spec.startsWith('/') ? root : fromDir, spec.replace(/^\/+/, '')) : join(root, 'miniprogram_npm', spec);
    for (const candidate of [base, base + '.js', base + '.json', join(base, 'index.js')]) {
      if (existsSync(candidate) && !rootRequire('node:fs').statSync(candidate).isDirectory()) return candidate;
    }
    throw new Error(`module not found in the mini-program: ${spec} (from ${relative(root, fromDir) || '.'})`);
  }
  function makeRequire(fromDir) {
    return (spec) => load(resolveFile(fromDir, spec));
  }

  return {
    context,
    root,
    /** `require(spec)` as the file `pages/index/index.js` would call it. */
    require: makeRequire(join(root, 'pages', 'index')),
    /** The paths `WXWebAssembly.instantiate` was called with. */
    wasmCalls,
    /** Evaluates an expression in the sandbox, e.g. `typeof WebAssembly`. */
    evaluate: (code) => vm.runInContext(code, context),
  };
}

/**
 * The mini-program's `require('wxcard')` in a fresh runtime, after 构建 npm.
 *
 * @param {Parameters<typeof createRuntime>[1]} [options]
 * @returns {Promise<{ wxcard: object, runtime: ReturnType<typeof createRuntime> }>}
 */
export async function loadMiniprogram(options = {}) {
  const runtime = createRuntime(await buildMiniprogramProject(), options);
  return { wxcard: runtime.require('wxcard'), runtime };
}
