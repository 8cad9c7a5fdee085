// Small DOM helpers shared by the panels: element building, debouncing,
// readable error and problem rendering, copy buttons.

/**
 * Builds an element. `props` may hold `class`, `text`, `html`-free attributes and `on*` handlers.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Calls `fn` once input has paused for `ms` milliseconds.
 * @param {() => void} fn
 * @param {number} [ms]
 */
export function debounce(fn, ms = 150) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

/**
 * A readable block for a thrown value: the WxCardError code and field when present, the message, never a stack.
 * @param {unknown} err
 * @param {string} [context] what was being done, in Chinese and English
 */
export function errorBox(err, context) {
  const e = /** @type {{ code?: unknown, field?: unknown, message?: unknown, name?: unknown }} */ (
    err && typeof err === 'object' ? err : { message: String(err) }
  );
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'ERROR';
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  return el('div', { class: 'error-box', role: 'alert', 'data-code': code }, [
    context ? el('p', { class: 'error-context', text: context }) : null,
    el('p', {}, [
      el('span', { class: 'badge badge-error', text: code }),
      typeof e.field === 'string' && e.field ? el('code', { class: 'field-name', text: e.field }) : null,
    ]),
    el('p', { class: 'error-message', text: message }),
  ]);
}

/**
 * The notice shown in a panel whose functions are not in this build of the package.
 * @param {string[]} names
 */
export function missingBox(names) {
  if (document.body.dataset.pkg === 'failed') {
    return el('div', { class: 'missing-box', role: 'status', 'data-missing': names.join(' ') }, [
      el('p', { text: 'wxcard 未加载，此功能不可用 (the package did not load; see the notice at the top).' }),
    ]);
  }
  return el('div', { class: 'missing-box', role: 'status', 'data-missing': names.join(' ') }, [
    el('p', {}, [
      '当前构建的 wxcard 尚未提供 ',
      ...names.flatMap((n, i) => [i ? '、' : '', el('code', { text: n })]),
      '，此功能暂不可用。',
    ]),
    el('p', { class: 'en', text: `Not in this build of the package yet: ${names.join(', ')}.` }),
  ]);
}

/**
 * The names in `names` that `api` does not export as functions.
 * @param {Record<string, unknown> | null} api
 * @param {string[]} names
 */
export function missing(api, names) {
  return names.filter((n) => !api || typeof api[n] !== 'function');
}

/**
 * Runs `fn`, returning `{ value }` or `{ error }`; never throws.
 * @template T
 * @param {() => T} fn
 * @returns {{ value?: T, error?: unknown }}
 */
export function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/**
 * A severity badge with its Chinese and English label.
 * @param {string} severity `error`, `warning` or anything else for `info`
 */
export function severityBadge(severity) {
  const labels = { error: '错误 error', warning: '警告 warning', info: '提示 info' };
  const known = severity === 'error' || severity === 'warning' ? severity : 'info';
  return el('span', { class: `badge badge-${known}`, text: labels[known] });
}

/**
 * A list of `Problem`s (`{ code, field?, severity, message }`).
 * @param {Array<{ code: string, field?: string, severity: string, message: string }>} problems
 * @param {(field: string) => void} [onField] called when the user activates a problem's field
 */
export function problemList(problems, onField) {
  return el(
    'ul',
    { class: 'problems' },
    problems.map((p) =>
      el('li', { class: `problem problem-${p.severity}`, 'data-code': p.code, 'data-field': p.field }, [
        el('div', { class: 'problem-head' }, [
          severityBadge(p.severity),
          el('code', { class: 'problem-code', text: p.code }),
          p.field
            ? onField
              ? el('button', {
                  type: 'button',
                  class: 'linkish field-name',
                  text: p.field,
                  title: '定位到该字段 (show this field)',
                  onclick: () => onField(p.field ?? ''),
                })
              : el('code', { class: 'field-name', text: p.field })
            : null,
        ]),
        el('p', { class: 'problem-message', text: p.message }),
      ]),
    ),
  );
}

/**
 * A titled, copyable code block.
 * @param {string} title
 * @param {string} text
 * @param {string} [id] id of the block, for tests and anchors
 */
export function codeBlock(title, text, id) {
  const pre = el('pre', { class: 'code', tabindex: '0', 'aria-label': title }, [el('code', { text })]);
  const status = el('span', { class: 'copy-status', role: 'status' });
  const button = el('button', {
    type: 'button',
    class: 'copy',
    text: '复制 (copy)',
    onclick: async () => {
      status.textContent = (await copyText(text)) ? '已复制 copied' : '请手动选择复制 (select and copy manually)';
    },
  });
  return el('div', { class: 'block', id }, [el('div', { class: 'block-head' }, [el('h4', { text: title }), button, status]), pre]);
}

/** @param {string} text */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Pending announcement, so that a burst of recomputations is read out once. */
let announceTimer = 0;

/**
 * Tells screen-reader users the outcome of a recomputation, through one polite live region.
 * @param {string} text
 */
export function announce(text) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const live = document.getElementById('live');
    if (live) live.textContent = text;
  }, 600);
}

/**
 * Replaces the children of `target` with `nodes`, counting renders in `data-renders`
 * so that automated tests can wait for a recomputation.
 * @param {HTMLElement} target
 * @param {Array<Node | null | undefined | false>} nodes
 */
export function show(target, nodes) {
  target.dataset.renders = String(Number(target.dataset.renders ?? 0) + 1);
  target.replaceChildren(.../** @type {Node[]} */ (nodes.filter((n) => n)));
}
