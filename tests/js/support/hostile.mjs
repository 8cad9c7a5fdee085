// The shared table of wrong inputs, and the valid calls it is applied to.
//
// Every export of the package gets a valid call (`EXPORTS`); each hostile
// value of `hostileValues()` replaces, in turn, every argument and every field
// of that call. The outcome must be a normal result (some hostile values are
// acceptable for optional fields), a `WxCardError` with a documented code, or
// (for `verifyCardExt`) a report; never a TypeError from the glue, a thrown
// string, a WebAssembly trap or a hang.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A ticket no test output may ever contain: 86 characters, like real ones. */
export const TICKET = 'HoStIlEtIcKeT_' + 'Zq7x-9Kp'.repeat(9);
/** The jsapi ticket of the official vector, also secret in the tests. */
export const JSAPI_TICKET =
  'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';

export const CARD_ID = 'pjZ8Yt1XGILfi-FUsewpnnolGgZk';
export const APP_ID = 'wxf8b4f85f3a794e77';
export const OPENID = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';
const NOW = 1404896688;

/** Codes thrown by the JS shim itself rather than the core. */
const SHIM_CODES = ['NOT_INITIALIZED', 'INIT_FAILED', 'INTERNAL', 'CANCELLED', 'PERMISSION_DENIED', 'UNSUPPORTED', 'TIMEOUT', 'WX_FAIL'];

/**
 * The error codes a call may throw: every `=> "CODE"` arm of `Error::code()`
 * in `src/error.rs` plus the shim's own codes. hostile-inputs.test.mjs checks
 * that the README lists each of them.
 */
export function documentedCodes() {
  const source = readFileSync(`${ROOT}src/error.rs`, 'utf8');
  const codes = new Set(SHIM_CODES);
  for (const m of source.matchAll(/=>\s*"([A-Z][A-Z0-9_]+)"/g)) codes.add(m[1]);
  return codes;
}

function deepArray(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function deepObject(depth) {
  let v = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function throwingProxy() {
  const boom = () => {
    throw new Error('hostile getter');
  };
  return new Proxy(
    {},
    { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom },
  );
}

let cached;

/**
 * The hostile values, built once: `[{ name, value }]`.
 * Large values (8 MB strings, 100,000-deep nesting) are shared between calls.
 */
export function hostileValues() {
  if (cached) return cached;
  const big = 'a'.repeat(8 * 1024 * 1024);
  const bigCjk = '卡'.repeat((8 * 1024 * 1024) / 3);
  const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObjJson = '{"a":'.repeat(100_000) + '{}' + '}'.repeat(100_000);
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwingGetter = {
    get cardId() {
      throw new Error('hostile getter');
    },
  };
  const nullProto = Object.create(null);
  nullProto.cardId = CARD_ID;
  cached = [
    { name: 'undefined', value: undefined },
    { name: 'null', value: null },
    { name: 'NaN', value: NaN },
    { name: 'Infinity', value: Infinity },
    { name: '-Infinity', value: -Infinity },
    { name: '2**60', value: 2 ** 60 },
    { name: '-1', value: -1 },
    { name: '-0', value: -0 },
    { name: '1.5', value: 1.5 },
    { name: 'true', value: true },
    { name: '10n', value: 10n },
    { name: 'symbol', value: Symbol('hostile') },
    { name: 'function', value: function hostile() {} },
    { name: 'Uint8Array', value: new Uint8Array([1, 2, 3]) },
    { name: 'Uint32Array', value: new Uint32Array([4, 5]) },
    { name: 'Date', value: new Date(0) },
    { name: 'Map', value: new Map([['cardId', CARD_ID]]) },
    { name: 'throwing Proxy', value: throwingProxy() },
    { name: '__proto__ key', value: JSON.parse('{"__proto__":{"polluted":true},"cardId":"x"}') },
    { name: 'Object.create(null)', value: nullProto },
    { name: 'empty object', value: {} },
    { name: 'empty array', value: [] },
    { name: 'array of hostiles', value: [undefined, null, NaN, 10n] },
    { name: 'sparse array of length 2**32-1', value: sparse },
    { name: 'revoked Proxy', value: revoked.proxy },
    { name: 'throwing getter', value: throwingGetter },
    { name: 'empty string', value: '' },
    { name: 'whitespace string', value: ' \t\n' },
    { name: '8 MB string', value: big },
    { name: '8 MB CJK string', value: bigCjk },
    { name: 'lone high surrogate', value: 'p\uD800x' },
    { name: 'lone low surrogate', value: '\uDC00' },
    { name: 'NUL and controls', value: 'a\u0000b\u001b' },
    { name: 'non-hex signature', value: 'z'.repeat(40) },
    { name: 'short signature', value: 'f137ab68' },
    { name: 'JSON nested 100,000 deep (array)', value: deepJson },
    { name: 'JSON nested 100,000 deep (object)', value: deepObjJson },
    { name: 'array nested 100,000 deep', value: deepArray(100_000) },
    { name: 'object nested 100,000 deep', value: deepObject(100_000) },
    { name: 'double-encoded JSON', value: JSON.stringify(JSON.stringify({ timestamp: '1' })) },
    { name: 'ms timestamp string', value: '1404896688000' },
  ];
  return cached;
}

// Entries that refuse tickets on clients get `allowTicketOnClient: true` in
// every valid call, so the table reaches past the refusal.
let consent = {};

/** A signed cardExt for CARD_ID made with the package itself. */
function cardExtOf(api) {
  return api.buildCardExt({
    ...consent,
    apiTicket: TICKET,
    cardId: CARD_ID,
    code: '1434008071',
    timestamp: NOW,
    nonceStr: 'abc123',
  });
}

const fakeWx = () => ({
  addCard: (o) => o.fail && o.fail({ errMsg: 'addCard:fail cancel' }),
  openCard: (o) => o.fail && o.fail({ errMsg: 'openCard:fail cancel' }),
  canIUse: () => true,
  getSystemInfoSync: () => ({ SDKVersion: '2.30.0', version: '8.0.40', platform: 'devtools' }),
  miniProgram: { navigateTo: (o) => o.success && o.success({}) },
});

/**
 * The valid call of every export, and the fields the hostile table replaces.
 * `args(api)` builds fresh arguments; `fields` are paths into them, `[i]` for
 * the whole i-th argument and `[i, key, ...]` for a nested field.
 * `async: true` means the export returns a promise.
 */
export const EXPORTS = {
  cardSignature: {
    args: () => [[TICKET, NOW, CARD_ID, '1434008071', null, undefined]],
    fields: [[0], [0, 0], [0, 1], [0, 2]],
  },
  buildCardExt: {
    args: () => [
      {
        ...consent,
        apiTicket: TICKET,
        cardId: CARD_ID,
        code: '1434008071',
        openid: OPENID,
        timestamp: NOW,
        nonceStr: 'abc123',
        fixedBeginTimestamp: NOW,
        outerStr: 'channel',
      },
    ],
    fields: [[0], ...['apiTicket', 'cardId', 'code', 'openid', 'timestamp', 'nonceStr', 'fixedBeginTimestamp', 'outerStr', 'allowTicketOnClient'].map((k) => [0, k])],
  },
  addCardList: {
    args: (api) => [[{ cardId: CARD_ID, cardExt: cardExtOf(api) }]],
    fields: [[0], [0, 0], [0, 0, 'cardId'], [0, 0, 'cardExt']],
  },
  openCardList: {
    args: () => [[{ cardId: CARD_ID, code: '1434008071' }]],
    fields: [[0], [0, 0], [0, 0, 'cardId'], [0, 0, 'code']],
  },
  chooseCardParams: {
    args: () => [
      { ...consent, apiTicket: TICKET, appId: APP_ID, shopId: '123', cardType: 'GROUPON', cardId: CARD_ID, timestamp: NOW, nonceStr: 'abc123' },
    ],
    fields: [[0], ...['apiTicket', 'appId', 'shopId', 'cardType', 'cardId', 'timestamp', 'nonceStr', 'allowTicketOnClient'].map((k) => [0, k])],
  },
  jsapiConfig: {
    args: () => [
      {
        ...consent,
        jsapiTicket: JSAPI_TICKET,
        appId: APP_ID,
        url: 'http://mp.weixin.qq.com?params=value#frag',
        jsApiList: ['addCard'],
        timestamp: 1414587457,
        nonceStr: 'Wm3WZYTPz0wzccnW',
        debug: false,
      },
    ],
    fields: [[0], ...['jsapiTicket', 'appId', 'url', 'jsApiList', 'timestamp', 'nonceStr', 'debug', 'allowTicketOnClient'].map((k) => [0, k])],
  },
  verifyCardExt: {
    report: true,
    args: (api) => [cardExtOf(api), { ...consent, cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW, maxAgeSeconds: 600, expectCode: '1434008071' }],
    // A bad cardExt string (argument 0) is a problem in the report; bad options throw.
    reportFields: [[0]],
    fields: [[1], ...['cardId', 'apiTicket', 'nowSeconds', 'maxAgeSeconds', 'expectOpenid', 'expectCode', 'allowTicketOnClient'].map((k) => [1, k])],
  },
  diagnoseCardExt: {
    args: (api) => [cardExtOf(api), { ...consent, cardId: CARD_ID, apiTicket: TICKET }],
    fields: [[0], [1], [1, 'cardId'], [1, 'apiTicket'], [1, 'allowTicketOnClient']],
  },
  verifyCardList: {
    args: (api) => [[{ cardId: CARD_ID, cardExt: cardExtOf(api) }], { ...consent, apiTicket: TICKET, nowSeconds: NOW }],
    fields: [[0], [0, 0], [0, 0, 'cardId'], [0, 0, 'cardExt'], [1], ...['apiTicket', 'nowSeconds', 'maxAgeSeconds', 'expectOpenid', 'expectCode', 'allowTicketOnClient'].map((k) => [1, k])],
  },
  detectEnvironment: {
    args: () => [{ wx: fakeWx() }],
    fields: [[0], [0, 'wx'], [0, 'navigator'], [0, 'window'], [0, 'WeixinJSBridge'], [0, '__wxjs_environment']],
  },
  cardSupport: {
    args: () => [{ wx: fakeWx() }],
    fields: [[0], [0, 'wx'], [0, 'navigator'], [0, '__wxjs_environment']],
  },
  compareVersion: {
    args: () => ['2.13.0', '2.9.1'],
    fields: [[0], [1]],
  },
  withMiniProgramLinks: {
    args: () => [
      { card: { card_type: 'MEMBER_CARD', member_card: { base_info: { title: '会员卡' } } } },
      { custom: { userName: 'gh_86a091e50ad4@app', path: 'pages/index/index', title: '立即使用' } },
    ],
    fields: [[0], [0, 'card'], [1], [1, 'custom'], [1, 'center'], [1, 'promotion'], [1, 'activate'], ...['userName', 'path', 'title', 'subTitle'].map((k) => [1, 'custom', k])],
  },
  validateCardDefinition: {
    args: () => [{ card: { card_type: 'MEMBER_CARD', member_card: { base_info: { title: '会员卡' } } } }],
    fields: [[0], [0, 'card'], [0, 'card', 'card_type']],
  },
  cardUpdateBody: {
    args: () => [CARD_ID, 'MEMBER_CARD', { custom_app_brand_user_name: 'gh_86a091e50ad4@app' }],
    fields: [[0], [1], [2]],
  },
  readAddCardQuery: {
    args: () => [{ cardList: encodeURIComponent(JSON.stringify([{ cardId: CARD_ID, cardExt: '{}' }])) }],
    fields: [[0], [0, 'cardList']],
  },
  addCard: {
    async: true,
    args: (api) => [[{ cardId: CARD_ID, cardExt: cardExtOf(api) }], { wx: fakeWx(), timeoutMs: 50 }],
    fields: [[0], [0, 0], [0, 0, 'cardId'], [0, 0, 'cardExt'], [1], [1, 'wx'], [1, 'globals'], [1, 'timeoutMs']],
  },
  openCard: {
    async: true,
    args: () => [[{ cardId: CARD_ID, code: '1434008071' }], { wx: fakeWx(), timeoutMs: 50 }],
    fields: [[0], [0, 0], [0, 0, 'cardId'], [0, 0, 'code'], [1], [1, 'wx'], [1, 'globals'], [1, 'timeoutMs']],
  },
  chooseCard: {
    async: true,
    args: () => [{ shopId: '1', cardType: 'GROUPON', cardId: CARD_ID, timestamp: NOW, nonceStr: 'a', signType: 'SHA1', cardSign: 'f137ab68b7f8112d20ee528ab6074564e2796250' }, { wx: fakeWx(), timeoutMs: 50 }],
    fields: [[0], ...['shopId', 'cardType', 'cardId', 'timestamp', 'nonceStr', 'signType', 'cardSign'].map((k) => [0, k]), [1], [1, 'wx'], [1, 'globals'], [1, 'timeoutMs']],
  },
  navigateToAddCardPage: {
    async: true,
    args: (api) => [[{ cardId: CARD_ID, cardExt: cardExtOf(api) }], { page: '/pages/add-card/index', wx: fakeWx() }],
    fields: [[0], [0, 0, 'cardId'], [0, 0, 'cardExt'], [1], [1, 'page'], [1, 'wx'], [1, 'globals'], [1, 'timeoutMs']],
  },
};

/** `args` with the value at `path` replaced by `value` (a fresh copy each time). */
export function replaceAt(args, path, value) {
  if (path.length === 1) {
    const out = [...args];
    out[path[0]] = value;
    return out;
  }
  let parent = args;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path[path.length - 1]] = value;
  return args;
}

/**
 * The outcome of one call: `{ kind: 'value' | 'error' | 'bad', value?, error?, why? }`.
 * `bad` is every outcome the table forbids. Synchronous exports that throw and
 * async exports that reject are both errors. A call that takes longer than
 * `maxMs` is `bad` (a near-hang).
 */
export async function outcome(fn, args, { codes, async = false, maxMs = 5000, WxCardError } = {}) {
  const start = performance.now();
  let result;
  try {
    result = fn(...args);
    if (async || (result && typeof result.then === 'function')) result = await result;
  } catch (error) {
    const ms = performance.now() - start;
    if (ms > maxMs) return { kind: 'bad', error, why: `took ${Math.round(ms)} ms` };
    return classifyError(error, codes, WxCardError);
  }
  const ms = performance.now() - start;
  if (ms > maxMs) return { kind: 'bad', value: result, why: `took ${Math.round(ms)} ms` };
  return { kind: 'value', value: result };
}

// NOTE: tag checks rather than `instanceof Error`, so errors of another realm
// (the mini-program sandbox) are recognised.
function isError(value) {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

function classifyError(error, codes, WxCardError) {
  if (!isError(error)) return { kind: 'bad', error, why: `threw a non-Error ${typeof error}` };
  if (error.name === 'RuntimeError' || (typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError)) {
    return { kind: 'bad', error, why: `wasm trap: ${error.message}` };
  }
  if (error.name !== 'WxCardError') return { kind: 'bad', error, why: `${error.name}: ${error.message}` };
  // INTERNAL is how the shim reports a trap or a broken module: documented, but never acceptable here.
  if (error.code === 'INTERNAL') return { kind: 'bad', error, why: `INTERNAL: ${error.message}` };
  if (WxCardError && !(error instanceof WxCardError)) return { kind: 'bad', error, why: 'not an instance of the exported WxCardError' };
  if (typeof error.code !== 'string' || !codes.has(error.code)) {
    return { kind: 'bad', error, why: `undocumented code ${String(error.code)}` };
  }
  if (typeof error.message !== 'string' || error.message.length === 0) return { kind: 'bad', error, why: 'empty message' };
  return { kind: 'error', error };
}

/** Whether `value` is a well-formed verifyCardExt report. */
export function isReport(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.ok === 'boolean' &&
    typeof value.signatureChecked === 'boolean' &&
    Array.isArray(value.problems) &&
    value.problems.every((p) => typeof p.code === 'string' && (p.severity === 'error' || p.severity === 'warning') && typeof p.message === 'string') &&
    value.ok === !value.problems.some((p) => p.severity === 'error')
  );
}

/** Every text an outcome exposes: messages, codes, fields, stacks, results. */
export function outcomeTexts(o) {
  const texts = [];
  const e = o.error;
  if (e !== undefined) {
    try {
      texts.push(String(e));
    } catch {
      texts.push('<unprintable>');
    }
    if (e && typeof e === 'object') {
      for (const key of ['message', 'code', 'field', 'stack', 'errMsg', 'reason']) {
        if (typeof e[key] === 'string') texts.push(e[key]);
      }
      if (e.cause !== undefined) texts.push(String(e.cause?.message ?? e.cause));
    }
  }
  if (o.value !== undefined) {
    try {
      texts.push(typeof o.value === 'string' ? o.value : JSON.stringify(o.value) ?? '');
    } catch {
      texts.push(String(o.value));
    }
  }
  return texts;
}

/**
 * Runs the whole table over `api`; calls `onOutcome(exportName, label, outcome)`
 * for every call and returns the list of forbidden outcomes as strings.
 * `client: true` (browser and mini-program entries) adds
 * `allowTicketOnClient: true` to the valid calls that carry a ticket.
 */
export async function runTable(api, { onOutcome = () => {}, only, client = false } = {}) {
  consent = client ? { allowTicketOnClient: true } : {};
  const codes = documentedCodes();
  const failures = [];
  const values = hostileValues();
  for (const [name, spec] of Object.entries(EXPORTS)) {
    if (only && !only.includes(name)) continue;
    const fn = api[name];
    if (typeof fn !== 'function') {
      failures.push(`${name}: not exported`);
      continue;
    }
    const cases = [
      ...spec.fields.map((path) => ({ path, report: false })),
      ...(spec.reportFields ?? []).map((path) => ({ path, report: true })),
    ];
    for (const { path, report } of cases) {
      for (const { name: valueName, value } of values) {
        let args;
        try {
          args = replaceAt(spec.args(api), path, value);
        } catch {
          continue; // the path runs through a value the hostile one replaced
        }
        const label = `${name} ${JSON.stringify(path)} = ${valueName}`;
        const o = await outcome(fn, args, { codes, async: spec.async, WxCardError: api.WxCardError });
        onOutcome(name, label, o);
        if (o.kind === 'bad') failures.push(`${label}: ${o.why}`);
        // A cardExt of the wrong JS type may be INVALID_TYPE; any string must give a report.
        else if (report && typeof value === 'string' && !(o.kind === 'value' && isReport(o.value))) {
          failures.push(`${label}: expected a report, got ${o.kind === 'error' ? `${o.error.code}` : JSON.stringify(o.value)}`);
        }
      }
    }
  }
  return failures;
}
