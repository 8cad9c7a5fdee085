// Panel ②: build a signed cardExt and the ready addCard / openCard / chooseCard
// parameters, with code snippets for a mini-program page and an H5 page.

import { OFFICIAL } from './samples.js';
import { announce, attempt, codeBlock, debounce, el, errorBox, missing, missingBox, show } from './ui.js';
import { miniProgramSnippet, h5Snippet } from './snippets.js';

const FIELDS = {
  apiTicket: 'build-ticket',
  cardId: 'build-cardid',
  code: 'build-code',
  openid: 'build-openid',
  timestamp: 'build-timestamp',
  nonceStr: 'build-nonce',
  outerStr: 'build-outer',
  fixedBeginTimestamp: 'build-fixed',
  appId: 'build-appid',
  shopId: 'build-shopid',
  cardType: 'build-cardtype',
};

/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/**
 * A random alphanumeric nonce from the browser's CSPRNG.
 * @param {number} [length]
 */
function randomNonce(length = 16) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Wires the build panel.
 * @param {Record<string, any> | null} api
 */
export function mountBuild(api) {
  const out = /** @type {HTMLElement} */ (document.getElementById('build-out'));
  input(FIELDS.apiTicket).value = OFFICIAL.apiTicket;
  input(FIELDS.cardId).value = OFFICIAL.cardId;
  input(FIELDS.code).value = OFFICIAL.code;
  input(FIELDS.timestamp).value = OFFICIAL.timestamp;
  input(FIELDS.nonceStr).value = OFFICIAL.nonceStr;
  input(FIELDS.appId).value = 'wx0123456789abcdef';

  const run = () => {
    const absent = missing(api, ['buildCardExt']);
    if (absent.length || !api) return show(out, [missingBox(absent)]);
    show(out, render(api, read()));
  };
  const later = debounce(run, 150);
  for (const id of Object.values(FIELDS)) input(id).addEventListener('input', later);
  input('build-now').addEventListener('click', () => {
    input(FIELDS.timestamp).value = String(Math.floor(Date.now() / 1000));
    run();
  });
  input('build-random').addEventListener('click', () => {
    input(FIELDS.nonceStr).value = randomNonce();
    run();
  });
  run();
}

/** The non-empty field values, trimmed. */
function read() {
  /** @type {Record<string, string>} */
  const v = {};
  for (const [name, id] of Object.entries(FIELDS)) {
    const value = input(id).value.trim();
    if (value) v[name] = value;
  }
  return v;
}

/**
 * Marks the input named by a WxCardError field as invalid, and clears the others.
 * @param {unknown[]} errors
 */
function markInvalid(errors) {
  const bad = new Set(
    errors.map((e) => /** @type {{ field?: unknown }} */ (e ?? {}).field).filter((f) => typeof f === 'string'),
  );
  for (const [name, id] of Object.entries(FIELDS)) {
    const hit = [...bad].some((f) => f === name || String(f).endsWith(`.${name}`));
    input(id).setAttribute('aria-invalid', String(hit));
  }
}

/**
 * @param {Record<string, any>} api
 * @param {Record<string, string>} v
 */
function render(api, v) {
  const { appId, shopId, cardType, ...extInput } = v;
  const built = attempt(() => api.buildCardExt({ ...extInput, allowTicketOnClient: true }));
  const errors = [built.error];
  const nodes = [];
  if (built.error) {
    announce(`buildCardExt: ${String(/** @type {{ code?: unknown }} */ (built.error).code ?? 'ERROR')}`);
    nodes.push(errorBox(built.error, '无法生成 cardExt (buildCardExt failed)'));
    markInvalid(errors);
    return nodes;
  }
  const cardExt = /** @type {string} */ (built.value);
  announce('已生成 cardExt (cardExt built)');
  nodes.push(
    codeBlock('cardExt (JSON 字符串 / string)', cardExt, 'build-cardext'),
    el('button', {
      type: 'button',
      id: 'build-to-check',
      class: 'to-check',
      text: '在 ① 中校验这个 cardExt (check it in ①)',
      onclick: () => sendToCheck(cardExt, v.cardId ?? '', v.apiTicket ?? ''),
    }),
  );

  const addParams = section(api, ['addCardList'], () => ({
    cardList: api.addCardList([{ cardId: v.cardId, cardExt }]),
  }));
  nodes.push(paramsBlock('wx.addCard 参数 (parameters)', addParams, 'build-addcard'));

  const openParams = v.code
    ? section(api, ['openCardList'], () => ({ cardList: api.openCardList([{ cardId: v.cardId, code: v.code }]) }))
    : { note: 'openCard 需要解密后的 code；此卡未填 code (openCard needs a decrypted code; none given).' };
  nodes.push(paramsBlock('wx.openCard 参数 (parameters)', openParams, 'build-opencard'));

  const chooseParams = appId
    ? section(api, ['chooseCardParams'], () =>
        api.chooseCardParams(
          compact({
            apiTicket: v.apiTicket,
            appId,
            shopId,
            cardType,
            cardId: v.cardId,
            timestamp: v.timestamp,
            nonceStr: v.nonceStr,
            allowTicketOnClient: true,
          }),
        ),
      )
    : { note: 'chooseCard 需要 appId（与 wx.config 相同）(chooseCard needs the wx.config appId).' };
  nodes.push(paramsBlock('wx.chooseCard 参数 (parameters, H5)', chooseParams, 'build-choosecard'));
  errors.push(addParams.error, openParams.error, chooseParams.error);
  markInvalid(errors);

  const cardList = addParams.value?.cardList ?? [{ cardId: v.cardId, cardExt }];
  nodes.push(
    el('h3', { text: '代码片段 (snippets)' }),
    codeBlock('小程序页面 (mini-program page)', miniProgramSnippet(cardList), 'build-snippet-mp'),
    codeBlock('H5 页面 (H5 page, JS-SDK)', h5Snippet(cardList, chooseParams.value ?? null), 'build-snippet-h5'),
  );
  return nodes;
}

/**
 * Puts a built cardExt into the check panel and moves there.
 * @param {string} cardExt
 * @param {string} cardId
 * @param {string} apiTicket
 */
function sendToCheck(cardExt, cardId, apiTicket) {
  const target = input('check-cardext');
  target.value = JSON.stringify(JSON.parse(cardExt), null, 2);
  input('check-cardid').value = cardId;
  input('check-ticket').value = apiTicket;
  target.dispatchEvent(new Event('input', { bubbles: true }));
  document.getElementById('check')?.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/**
 * A copy of `obj` without its undefined members.
 * @param {Record<string, unknown>} obj
 */
function compact(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined));
}

/**
 * Runs one output's computation, or reports that its functions are missing.
 * @param {Record<string, any>} api
 * @param {string[]} names
 * @param {() => unknown} fn
 * @returns {{ value?: any, error?: unknown, missing?: string[], note?: string }}
 */
function section(api, names, fn) {
  const absent = missing(api, names);
  return absent.length ? { missing: absent } : attempt(fn);
}

/**
 * @param {string} title
 * @param {{ value?: unknown, error?: unknown, missing?: string[], note?: string }} result
 * @param {string} id
 */
function paramsBlock(title, result, id) {
  if (result.missing) return el('div', { class: 'block', id }, [el('h4', { text: title }), missingBox(result.missing)]);
  if (result.note) return el('div', { class: 'block', id }, [el('h4', { text: title }), el('p', { class: 'hint', text: result.note })]);
  if (result.error) return el('div', { class: 'block', id }, [el('h4', { text: title }), errorBox(result.error)]);
  return codeBlock(title, JSON.stringify(result.value, null, 2), id);
}
