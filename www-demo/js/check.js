// Panel ①: check a server-issued cardExt with verifyCardExt, and explain a signature
// mismatch with diagnoseCardExt.

import { checkExamples } from './samples.js';
import { announce, attempt, debounce, el, errorBox, missing, missingBox, problemList, severityBadge, show } from './ui.js';
import { parseObject, readTimestamp, signedValues, formatTime } from './cardext-view.js';

/** Option fields of verifyCardExt and the inputs that hold them. */
const OPTION_INPUTS = {
  cardId: 'check-cardid',
  apiTicket: 'check-ticket',
  expectOpenid: 'check-openid',
  expectCode: 'check-code',
  maxAgeSeconds: 'check-maxage',
  nowSeconds: 'check-fresh',
};

/**
 * Wires the check panel.
 * @param {Record<string, any> | null} api the loaded package, or null when it did not load
 */
export function mountCheck(api) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
  const out = $('check-out');
  const inputs = {
    cardExt: $('check-cardext'),
    cardId: $('check-cardid'),
    ticket: $('check-ticket'),
    openid: $('check-openid'),
    code: $('check-code'),
    fresh: $('check-fresh'),
    maxAge: $('check-maxage'),
  };
  const examples = checkExamples(api);
  const load = (/** @type {string} */ name) => {
    const example = examples[name] ?? examples.official;
    inputs.cardExt.value = example.cardExt;
    inputs.cardId.value = example.cardId;
    inputs.ticket.value = example.apiTicket;
  };
  load('official');

  const absent = missing(api, ['verifyCardExt']);
  const run = () => {
    if (absent.length) return show(out, [missingBox(absent)]);
    show(out, render(api, readInputs(inputs), focusField));
  };
  const later = debounce(run, 120);
  for (const input of Object.values(inputs)) input.addEventListener('input', later);
  inputs.fresh.addEventListener('change', run);
  for (const button of document.querySelectorAll('[data-example]')) {
    button.addEventListener('click', () => {
      load(/** @type {HTMLElement} */ (button).dataset.example ?? 'official');
      run();
    });
  }
  run();

  /** @param {string} field */
  function focusField(field) {
    const name = field.replace(/^(options|input)\./, '');
    const id = OPTION_INPUTS[/** @type {keyof typeof OPTION_INPUTS} */ (name)];
    const row = id ? null : out.querySelector(`[data-key="${CSS.escape(cardExtKey(field) ?? '')}"]`);
    const target = /** @type {HTMLElement} */ (id ? $(id) : row ?? inputs.cardExt);
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
  }
}

/**
 * @param {Record<string, HTMLInputElement>} inputs
 */
function readInputs(inputs) {
  return {
    cardExt: inputs.cardExt.value,
    cardId: inputs.cardId.value.trim(),
    ticket: inputs.ticket.value.trim(),
    openid: inputs.openid.value.trim(),
    code: inputs.code.value.trim(),
    strict: inputs.fresh.checked,
    maxAge: Number.parseInt(inputs.maxAge.value, 10),
  };
}

/**
 * The key of the cardExt a problem field points at, or null when it names an option.
 * @param {string} field
 */
function cardExtKey(field) {
  const name = field.replace(/^(options|input)\./, '');
  if (name in OPTION_INPUTS) return null;
  return name.replace(/^cardExt\.?/, '').replace(/^\$\.?/, '') || '';
}

/**
 * Everything the panel shows for one set of inputs.
 * @param {Record<string, any>} api
 * @param {ReturnType<typeof readInputs>} v
 * @param {(field: string) => void} onField
 */
function render(api, v, onField) {
  const parsed = parseObject(v.cardExt);
  const ts = parsed ? readTimestamp(parsed.timestamp) : null;
  const now = Math.floor(Date.now() / 1000);
  const maxAge = Number.isFinite(v.maxAge) && v.maxAge > 0 ? v.maxAge : 600;

  /** @type {Record<string, unknown>} */
  const options = { cardId: v.cardId };
  if (v.ticket) Object.assign(options, { apiTicket: v.ticket, allowTicketOnClient: true });
  if (v.openid) options.expectOpenid = v.openid;
  if (v.code) options.expectCode = v.code;
  if (v.strict) Object.assign(options, { nowSeconds: now, maxAgeSeconds: maxAge });
  else if (ts !== null) Object.assign(options, { nowSeconds: ts, maxAgeSeconds: maxAge });

  const result = attempt(() => api.verifyCardExt(v.cardExt, options));
  markInputs(result.value?.problems ?? [], result.error);
  if (result.error) {
    announce(`verifyCardExt: ${String(/** @type {{ code?: unknown }} */ (result.error).code ?? 'ERROR')}`);
    return [errorBox(result.error, '选项有误 (bad options for verifyCardExt)')];
  }
  const report = result.value;
  const problems = Array.isArray(report.problems) ? report.problems : [];
  const mismatch = problems.some((p) => p.severity === 'error' && /SIGNATURE/.test(p.code));

  const summary = verdict(report, problems);
  announce(summary.textContent ?? '');
  return [
    summary,
    !v.strict && ts !== null ? freshnessNote(ts, now, maxAge) : null,
    problems.length ? el('h3', { text: `问题 (problems): ${problems.length}` }) : null,
    problems.length ? problemList(problems, onField) : null,
    parsed ? fieldTable(parsed, problems) : null,
    parsed ? signatureBox(api, parsed, v) : null,
    v.ticket && mismatch ? diagnosis(api, v) : null,
    !v.ticket && !report.ok
      ? el('p', { class: 'hint', text: '填入 api_ticket 可重新计算签名并诊断 (add the api_ticket to recompute and diagnose the signature).' })
      : null,
  ];
}

/**
 * Marks the option inputs named by problems or by a thrown error as invalid.
 * @param {Array<{ field?: string, severity: string }>} problems
 * @param {unknown} error
 */
function markInputs(problems, error) {
  const bad = new Set();
  for (const p of problems) if (p.field && p.severity === 'error') bad.add(p.field.replace(/^(options|input)\./, ''));
  const thrown = /** @type {{ field?: unknown }} */ (error ?? {}).field;
  if (typeof thrown === 'string') bad.add(thrown.replace(/^(options|input)\./, ''));
  const cardExtBad = [...bad].some((f) => cardExtKey(f) !== null);
  for (const [name, id] of Object.entries(OPTION_INPUTS)) {
    document.getElementById(id)?.setAttribute('aria-invalid', String(bad.has(name)));
  }
  document.getElementById('check-cardext')?.setAttribute('aria-invalid', String(cardExtBad));
}

/**
 * @param {{ ok: boolean, signatureChecked: boolean }} report
 * @param {Array<{ severity: string }>} problems
 */
function verdict(report, problems) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const tail = warnings ? `，${warnings} 个警告 (${warnings} warning${warnings > 1 ? 's' : ''})` : '';
  if (!report.ok) {
    return el('p', { class: 'verdict verdict-bad', id: 'check-verdict', 'data-ok': 'false' }, [
      `✗ 未通过 (failed)：${errors} 个错误 (${errors} error${errors > 1 ? 's' : ''})${tail}`,
    ]);
  }
  if (report.signatureChecked) {
    return el('p', { class: 'verdict verdict-good', id: 'check-verdict', 'data-ok': 'true' }, [
      `✓ 通过 (valid)：签名一致 (signature matches)${tail}`,
    ]);
  }
  return el('p', { class: 'verdict verdict-partial', id: 'check-verdict', 'data-ok': 'true' }, [
    `✓ 结构检查通过 (structure OK)；签名未校验，需要 api_ticket (signature not checked: it needs the api_ticket)${tail}`,
  ]);
}

/**
 * The local freshness reminder shown when strict freshness is off.
 * @param {number} ts
 * @param {number} now
 * @param {number} maxAge
 */
function freshnessNote(ts, now, maxAge) {
  const age = now - ts;
  const stale = Math.abs(age) > maxAge;
  const days = Math.floor(Math.abs(age) / 86400);
  const [zh, en] = days >= 1 ? [`${days} 天`, `${days} days`] : [`${Math.abs(age)} 秒`, `${Math.abs(age)} s`];
  const when = age >= 0 ? `${zh}前 (${en} ago)` : `${zh}后 (${en} in the future)`;
  return el('div', { class: `fresh ${stale ? 'fresh-stale' : ''}`, id: 'check-fresh-note' }, [
    severityBadge(stale ? 'warning' : 'info'),
    el('span', {
      text: ` 时效 (freshness)：timestamp = ${formatTime(ts)}，${when}。${
        stale
          ? `超过 ${maxAge} 秒，仅作提示；勾选“严格检查时效”后按错误处理 (older than maxAgeSeconds; tick strict freshness to treat it as an error).`
          : '在有效期内 (within maxAgeSeconds).'
      }`,
    }),
  ]);
}

/**
 * The parsed cardExt as a key/value table, with the keys that problems name highlighted.
 * @param {Record<string, unknown>} parsed
 * @param {Array<{ code: string, field?: string, severity: string }>} problems
 */
function fieldTable(parsed, problems) {
  const byKey = new Map();
  for (const p of problems) {
    const key = p.field ? cardExtKey(p.field) : null;
    if (key === null) continue;
    const top = key.split(/[.[]/)[0];
    if (!byKey.has(top)) byKey.set(top, []);
    byKey.get(top).push(p);
  }
  const rows = Object.entries(parsed).map(([key, value]) => {
    const found = byKey.get(key) ?? [];
    const level = found.some((p) => p.severity === 'error') ? 'error' : found.length ? 'warning' : '';
    return el('tr', { class: level ? `row-${level}` : '', 'data-key': key, tabindex: level ? '-1' : null }, [
      el('th', { scope: 'row' }, [el('code', { text: key })]),
      el('td', {}, [
        el('code', { class: 'value', text: typeof value === 'string' ? value : JSON.stringify(value) }),
        found.length
          ? el('div', { class: 'codes' }, found.map((p) => el('span', { class: `badge badge-${p.severity}`, text: p.code })))
          : null,
      ]),
    ]);
  });
  return el('div', { class: 'table-wrap' }, [
    el('table', { class: 'fields', id: 'check-fields' }, [
      el('caption', { text: 'cardExt 字段 (fields)' }),
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: '键 key' }), el('th', { scope: 'col', text: '值 value' })])]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/**
 * The signature carried by the cardExt and, with a ticket, the one recomputed from its values.
 * @param {Record<string, any>} api
 * @param {Record<string, unknown>} parsed
 * @param {ReturnType<typeof readInputs>} v
 */
function signatureBox(api, parsed, v) {
  const given = typeof parsed.signature === 'string' ? parsed.signature : null;
  const items = [
    el('div', { class: 'kv' }, [
      el('span', { class: 'k', text: 'cardExt.signature' }),
      el('code', { class: 'v', id: 'check-signature', text: given ?? '（缺失 missing）' }),
    ]),
  ];
  if (v.ticket && typeof api.cardSignature === 'function') {
    const values = signedValues(parsed, v.cardId, v.ticket);
    const computed = attempt(() => api.cardSignature(values.map((x) => x.value)));
    if (typeof computed.value === 'string') {
      const same = given !== null && given.toLowerCase() === computed.value;
      items.push(
        el('div', { class: 'kv' }, [
          el('span', { class: 'k', text: '重新计算 (recomputed)' }),
          el('code', { class: `v ${same ? 'ok' : 'bad'}`, id: 'check-recomputed', text: computed.value }),
          el('span', { class: `badge ${same ? 'badge-ok' : 'badge-error'}`, text: same ? '一致 match' : '不一致 mismatch' }),
        ]),
        el('p', { class: 'hint', text: '参与签名的值，按字节序排序后直接拼接 (signed values, byte-order sorted, concatenated):' }),
        el(
          'ol',
          { class: 'sorted' },
          values.map((x) => el('li', {}, [el('code', { text: x.shown }), el('span', { class: 'en', text: ` ← ${x.label}` })])),
        ),
      );
    }
  }
  return el('div', { class: 'sig' }, [el('h3', { text: '签名 (signature)' }), ...items]);
}

/**
 * The diagnoseCardExt verdict for a cardExt whose signature does not match.
 * @param {Record<string, any>} api
 * @param {ReturnType<typeof readInputs>} v
 */
function diagnosis(api, v) {
  const head = el('h3', { text: '诊断 (diagnosis)' });
  const absent = missing(api, ['diagnoseCardExt']);
  if (absent.length) return el('div', { class: 'diag', id: 'check-diagnosis' }, [head, missingBox(absent)]);
  const result = attempt(() =>
    api.diagnoseCardExt(v.cardExt, { cardId: v.cardId, apiTicket: v.ticket, allowTicketOnClient: true }),
  );
  if (result.error) return el('div', { class: 'diag', id: 'check-diagnosis' }, [head, errorBox(result.error, 'diagnoseCardExt')]);
  const d = result.value;
  if (d.ok) {
    return el('div', { class: 'diag', id: 'check-diagnosis', 'data-ok': 'true' }, [
      head,
      el('p', { class: 'diag-message', text: d.message || '签名本身一致，问题在别处 (the signature itself matches).' }),
    ]);
  }
  return el('div', { class: 'diag diag-bad', id: 'check-diagnosis', 'data-ok': 'false' }, [
    head,
    el('p', {}, [
      el('span', { class: 'k', text: '原因 (cause): ' }),
      el('code', { class: 'diag-cause', text: d.cause ?? '未识别 (unknown)' }),
    ]),
    el('p', { class: 'diag-message', text: d.message }),
  ]);
}
