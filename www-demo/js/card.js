// Panel ④: a card create body with live validateCardDefinition problems, and a form
// that adds mini-program links with withMiniProgramLinks.

import { MEMBER_CARD } from './samples.js';
import { diffJson } from './json-diff.js';
import { announce, attempt, codeBlock, debounce, el, errorBox, missing, missingBox, problemList, show } from './ui.js';

/** @param {string} id */
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/**
 * Wires the card definition panel.
 * @param {Record<string, any> | null} api
 */
export function mountCard(api) {
  const editor = $('card-json');
  const problemsOut = $('card-problems');
  const linksOut = $('links-out');
  const form = /** @type {HTMLFormElement} */ (document.getElementById('links-form'));
  editor.value = MEMBER_CARD;
  $('links-slot').value = 'center';
  $('links-username').value = 'gh_86a091e50ad4@app';
  $('links-path').value = 'pages/member/index';
  $('links-title').value = '会员中心';
  $('links-subtitle').value = '查看积分';

  const validate = () => {
    const absent = missing(api, ['validateCardDefinition']);
    if (absent.length || !api) return show(problemsOut, [missingBox(absent)]);
    show(problemsOut, renderProblems(api, editor.value, (field) => focusPath(editor, field)));
  };
  /** @type {{ value?: unknown, error?: unknown, before?: unknown }} */
  let linked = {};
  const preview = () => {
    const absent = missing(api, ['withMiniProgramLinks']);
    if (absent.length || !api) return show(linksOut, [missingBox(absent)]);
    const result = applyLinks(api, editor.value);
    linked = result;
    markLinkInputs(result.error);
    show(linksOut, result.error ? [errorBox(result.error, 'withMiniProgramLinks 失败 (failed)')] : linksResult(result));
  };
  const laterValidate = debounce(validate, 200);
  const laterPreview = debounce(preview, 200);
  editor.addEventListener('input', () => {
    laterValidate();
    laterPreview();
  });
  for (const id of ['links-slot', 'links-username', 'links-path', 'links-title', 'links-subtitle']) {
    $(id).addEventListener('input', laterPreview);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    preview();
    if (linked.value !== undefined) {
      editor.value = JSON.stringify(linked.value, null, 2);
      validate();
      preview();
    }
  });
  validate();
  preview();
}

/**
 * @param {Record<string, any>} api
 * @param {string} text
 * @param {(field: string) => void} onField
 */
function renderProblems(api, text, onField) {
  const result = attempt(() => api.validateCardDefinition(text));
  $('card-json').setAttribute('aria-invalid', String(Boolean(result.error)));
  if (result.error) return [errorBox(result.error, '无法检查 (validateCardDefinition failed)')];
  const problems = Array.isArray(result.value) ? result.value : [];
  const errors = problems.filter((p) => p.severity === 'error').length;
  $('card-json').setAttribute('aria-invalid', String(errors > 0));
  announce(`validateCardDefinition: ${errors} errors, ${problems.length - errors} warnings`);
  if (!problems.length) {
    return [el('p', { class: 'verdict verdict-good', id: 'card-verdict', text: '✓ 没有发现问题 (no problems found)' })];
  }
  return [
    el('p', {
      class: `verdict ${errors ? 'verdict-bad' : 'verdict-partial'}`,
      id: 'card-verdict',
      text: `${errors} 个错误 (errors)，${problems.length - errors} 个警告 (warnings)`,
    }),
    problemList(problems, onField),
  ];
}

/**
 * withMiniProgramLinks applied to the editor's JSON with the form's link.
 * @param {Record<string, any>} api
 * @param {string} text
 */
function applyLinks(api, text) {
  let card;
  try {
    card = JSON.parse(text);
  } catch (err) {
    return { error: { code: 'INVALID_JSON', field: 'card', message: `卡券 JSON 无法解析 (the card JSON does not parse): ${/** @type {Error} */ (err).message}` } };
  }
  /** @type {Record<string, string>} */
  const link = { userName: $('links-username').value.trim(), path: $('links-path').value.trim() };
  const title = $('links-title').value.trim();
  const subTitle = $('links-subtitle').value.trim();
  if (title) link.title = title;
  if (subTitle) link.subTitle = subTitle;
  return { ...attempt(() => api.withMiniProgramLinks(card, { [$('links-slot').value]: link })), before: card };
}

/**
 * The fields withMiniProgramLinks changed, then the whole result.
 * @param {{ value?: unknown, error?: unknown, before?: unknown }} result
 */
function linksResult(result) {
  const changes = diffJson(result.before, result.value);
  const labels = { added: '新增 added', changed: '修改 changed', removed: '删除 removed' };
  const rows = changes.map((c) =>
    el('tr', { class: c.kind === 'removed' ? 'row-warning' : '', 'data-path': c.path }, [
      el('td', {}, [el('span', { class: `badge ${c.kind === 'removed' ? 'badge-warning' : 'badge-ok'}`, text: labels[c.kind] })]),
      el('td', {}, [
        el('code', { class: 'value path', text: c.path }),
        el('div', {}, [el('code', { class: 'value', text: c.value })]),
      ]),
    ]),
  );
  return [
    el('div', { class: 'table-wrap', id: 'links-changes' }, [
      el('table', { class: 'fields' }, [
        el('caption', { text: changes.length ? `变更的字段 (changed fields): ${changes.length}` : '没有变化 (nothing changed)' }),
        el('tbody', {}, rows),
      ]),
    ]),
    el('details', { class: 'more' }, [
      el('summary', { text: '完整结果 (the whole result)' }),
      codeBlock('withMiniProgramLinks 结果 (result)', JSON.stringify(result.value, null, 2), 'links-result'),
    ]),
  ];
}

/**
 * Marks the link input a WxCardError names as invalid.
 * @param {unknown} error
 */
function markLinkInputs(error) {
  const field = String(/** @type {{ field?: unknown }} */ (error ?? {}).field ?? '');
  const inputs = { userName: 'links-username', path: 'links-path', title: 'links-title', subTitle: 'links-subtitle' };
  for (const [name, id] of Object.entries(inputs)) {
    $(id).setAttribute('aria-invalid', String(field === name || field.endsWith(`.${name}`)));
  }
}

/**
 * Selects the last key of a problem's field path (such as `card.member_card.base_info.title`) in the editor.
 * @param {HTMLTextAreaElement | HTMLInputElement} editor
 * @param {string} field
 */
function focusPath(editor, field) {
  const key = field.split('.').pop() ?? '';
  const at = key ? editor.value.indexOf(`"${key}"`) : -1;
  editor.focus();
  if (at >= 0) editor.setSelectionRange(at, at + key.length + 2);
}
