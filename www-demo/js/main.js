// Loads the built package from /pkg and mounts the four panels. A missing package or
// a missing export shows a notice in place; nothing here lets an exception reach the console.

import { mountBuild } from './build.js';
import { mountCard } from './card.js';
import { mountCheck } from './check.js';
import { mountEnv } from './env.js';
import { el, errorBox, show } from './ui.js';

const PACKAGE_URL = '/pkg/dist/wxcard.js';

/** Imports and initialises the package; resolves to null (with a notice) when it cannot. */
async function loadPackage() {
  const status = /** @type {HTMLElement} */ (document.getElementById('load-status'));
  try {
    const mod = await import(PACKAGE_URL);
    if (typeof mod.default === 'function') await mod.default();
    const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && k !== 'default');
    status.textContent = `wxcard 已加载 (loaded): ${names.length} 个导出函数 (exports)`;
    status.dataset.state = 'ready';
    return mod;
  } catch (err) {
    status.dataset.state = 'failed';
    document.body.dataset.pkg = 'failed';
    show(status, [
      errorBox(err, '无法加载 wxcard (could not load the package)'),
      el('p', {}, ['请先构建：', el('code', { text: 'cargo xtask demo' }), ' (build the package first; it is served from /pkg/)']),
    ]);
    return null;
  }
}

/**
 * Mounts one panel; a failure shows in that panel's output instead of breaking the page.
 * @param {string} outputId
 * @param {(api: Record<string, any> | null) => void} mount
 * @param {Record<string, any> | null} api
 */
function mountSafely(outputId, mount, api) {
  try {
    mount(api);
  } catch (err) {
    const out = document.getElementById(outputId);
    if (out) show(out, [errorBox(err, '此面板出错 (this panel failed)')]);
  }
}

const api = await loadPackage();
mountSafely('check-out', mountCheck, api);
mountSafely('build-out', mountBuild, api);
mountSafely('env-out', mountEnv, api);
mountSafely('card-problems', mountCard, api);
document.body.dataset.ready = 'true';
