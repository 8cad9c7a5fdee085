// The fast path of verifyCardExt and verifyCardList against the full path.
//
// The package answers a plain options bag (an ordinary object of strings,
// numbers and booleans) and a clean cardExt without the options' JSON; a bag
// with a null prototype always takes the full path (toJson, then every check
// in WebAssembly). The two must give the same report or the same error for
// every input: each call of the corpus runs both ways and is compared, result
// for result (key order included) and error for error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMiniprogram } from './support/miniprogram.mjs';
import { PKG, loadNode, loadWeb } from './support/pkg.mjs';

const TICKET = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';
const LONG_TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
const CARD_ID = 'pjZ8Yt1XGILfi-FUsewpnnolGgZk';
const OTHER_CARD = 'pOther_card-1';
const OPENID = 'oIPmDs3qBfDyBVYuKMBz2NqhPJRo';
const CODE = '1434008071';
const EXAMPLE = '{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}';
const NOW = 1404896700;

/**
 * Runs `fn` with `Date.now` frozen at the time it is called: both paths read
 * the same clock, and a second that ticks between them must not change a
 * message ("… seconds old").
 */
function frozenClock(fn) {
  const saved = Date.now;
  const now = saved.call(Date);
  Date.now = () => now;
  try {
    return fn();
  } finally {
    Date.now = saved;
  }
}

/** The same bag with a null prototype (getters kept as getters): the full path. */
function fullPathBag(bag) {
  if (bag === undefined || bag === null) return Object.create(null);
  if (typeof bag !== 'object' || Object.getPrototypeOf(bag) !== Object.prototype) return bag;
  return Object.create(null, Object.getOwnPropertyDescriptors(bag));
}

function outcome(run) {
  try {
    return { result: JSON.stringify(run()) };
  } catch (e) {
    return {
      error: { isWxCardError: e && e.name === 'WxCardError', name: e && e.name, code: e && e.code, field: e && e.field, message: String(e && e.message) },
    };
  }
}

/** cardExts signed with `ticket` for CARD_ID by the package itself, in several shapes. */
function signedCardExts(wx, ticket, allow) {
  const base = { apiTicket: ticket, cardId: CARD_ID, timestamp: NOW - 5, nonceStr: 'Wm3WZYTPz0wzccnW', ...allow };
  return [
    wx.buildCardExt(base),
    wx.buildCardExt({ ...base, code: CODE }),
    wx.buildCardExt({ ...base, openid: OPENID }),
    wx.buildCardExt({ ...base, code: 'jonyqin_1434008071', openid: OPENID }),
    wx.buildCardExt({ ...base, timestamp: Math.floor(Date.now() / 1000) - 30 }),
  ];
}

/** cardExts the fast path must hand to the full check, and a few it may answer. */
function variants(clean) {
  const parsed = JSON.parse(clean);
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()));
  const sig = parsed.signature;
  return [
    clean,
    reordered,
    ' ' + clean.replaceAll(',', ' ,\n\t').replaceAll(':', ' : ') + ' ',
    clean.replace(sig, sig.toUpperCase()),
    clean.replace(sig, sig.slice(0, 39) + (sig[39] === '0' ? '1' : '0')),
    clean.replace(sig, sig.slice(0, 39)),
    clean.replace(sig, 'z'.repeat(40)),
    clean.replace('"timestamp":"', '"timestamp":"0'),
    clean.replace(/"timestamp":"(\d+)"/, '"timestamp":$1'),
    clean.replace(/"timestamp":"(\d+)"/, '"timestamp":"$1000"'),
    clean.replace(/"timestamp":"(\d+)"/, '"timestamp":"$1.5"'),
    clean.replace('"nonce_str":"W', '"nonce_str":"\\u0057'),
    clean.replace('nonce_str', 'nonceStr'),
    clean.replace('{', '{"card_id":"' + CARD_ID + '",'),
    clean.replace('{', '{"card_id":"' + OTHER_CARD + '",'),
    clean.replace('{', '{"outer_str":"channel",'),
    clean.replace('{', '{"balance":"1",'),
    clean.replace('{', '{"nonce_str":"again",'),
    clean.replace('{', '{"timestamp":"1404896688",'),
    clean.replace('}', ',"x":1}'),
    clean.replace('}', '}x'),
    '\ufeff' + clean,
    clean.replace('Wm3WZYTPz0wzccnW', TICKET),
    clean.replace('Wm3WZYTPz0wzccnW', LONG_TICKET),
    clean.replace('Wm3WZYTPz0wzccnW', '卡券'),
    clean.replace('Wm3WZYTPz0wzccnW', 'p\uD800x'),
    clean.replace('Wm3WZYTPz0wzccnW', ''),
    clean.replace('Wm3WZYTPz0wzccnW', 'a'.repeat(33)),
    JSON.stringify(clean),
    clean.slice(0, -1),
  ];
}

const OTHER_CARD_EXTS = [EXAMPLE, '', '{}', '[]', 'null', '{', 'not json', 1404896688, null, undefined, true, 10n, Symbol('s'), { code: CODE }, [EXAMPLE], 'x'.repeat(70000)];

/** Option bags: each is built fresh per call, so getters count their reads. */
function optionBags(extra) {
  let reads = 0;
  const counted = () => ({
    get cardId() {
      reads++;
      return CARD_ID;
    },
    get apiTicket() {
      reads++;
      return TICKET;
    },
    ...extra,
  });
  const bags = [
    () => ({ cardId: CARD_ID, apiTicket: TICKET, ...extra }),
    () => ({ apiTicket: TICKET, cardId: CARD_ID, ...extra }),
    () => ({ cardId: CARD_ID, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: LONG_TICKET, ...extra }),
    () => ({ cardId: OTHER_CARD, apiTicket: TICKET, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW, maxAgeSeconds: 60, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW, maxAgeSeconds: 0, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW - 100000, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW + 8 * 3600, maxAgeSeconds: 60, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: 600, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: 10 ** 12, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: String(NOW), ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW * 1000, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW + 0.5, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: -1, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: 2 ** 60, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: -1, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: 1.5, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: NaN, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: Infinity, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectCode: CODE, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectCode: 'other', ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectCode: '', ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectOpenid: OPENID, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectOpenid: 'oOther', expectCode: CODE, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, expectCode: null, expectOpenid: undefined, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, other: undefined, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, other: null, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, api_ticket: TICKET, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, maxAge: 5, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: '', ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: ' ' + TICKET, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: 'ticket卡', ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: 'p\uD800x', ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: 5, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: 10n, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: Symbol('t'), ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: () => TICKET, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: { value: TICKET }, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: [TICKET], ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: new Date(0), ...extra }),
    () => ({ cardId: '', apiTicket: TICKET, ...extra }),
    () => ({ cardId: null, apiTicket: TICKET, ...extra }),
    () => ({ apiTicket: TICKET, ...extra }),
    () => ({ cardId: 'p 1', apiTicket: TICKET, ...extra }),
    () => ({ cardId: 'p'.repeat(33), apiTicket: TICKET, ...extra }),
    () => ({ cardId: 'p卡', apiTicket: TICKET, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, allowTicketOnClient: true, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, allowTicketOnClient: false, ...extra }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, allowTicketOnClient: 'yes', ...extra }),
    () => ({ cardId: CARD_ID, allowTicketOnClient: true, ...extra }),
    () => ({
      cardId: CARD_ID,
      get apiTicket() {
        throw new Error('hostile getter');
      },
      nowSeconds: 10n,
    }),
    () => ({ cardId: CARD_ID, nowSeconds: 10n, get apiTicket() { throw new Error('never read'); } }),
    counted,
    () => undefined,
    () => null,
    () => 'options',
    () => [CARD_ID, TICKET],
    () => new Map([['cardId', CARD_ID]]),
    () => new Proxy({ cardId: CARD_ID, apiTicket: TICKET }, {}),
  ];
  return { bags, reads: () => reads };
}

/** Runs every (cardExt, options) pair through both paths; returns how many outcomes were clean reports. */
function differential(wx, label, cardExts, extra) {
  return frozenClock(() => differentialAt(wx, label, cardExts, extra));
}

function differentialAt(wx, label, cardExts, extra) {
  let clean = 0;
  let compared = 0;
  for (const cardExt of cardExts) {
    const { bags, reads } = optionBags(extra);
    for (const [i, bag] of bags.entries()) {
      const before = reads();
      const fast = outcome(() => wx.verifyCardExt(cardExt, bag()));
      const fastReads = reads() - before;
      const full = outcome(() => wx.verifyCardExt(cardExt, fullPathBag(bag())));
      const where = `${label}: cardExt ${typeof cardExt === 'string' ? JSON.stringify(cardExt.slice(0, 160)) : typeof cardExt}, bag #${i}`;
      assert.deepEqual(fast, full, where);
      assert.equal(reads() - before - fastReads, fastReads, `${where}: getters read as often on both paths`);
      if (fast.result && JSON.parse(fast.result).ok) clean++;
      compared++;
    }
  }
  assert.ok(compared > 1000, `${label}: ${compared} comparisons`);
  return clean;
}

/**
 * Where `run` read the clock: `'js'` (the fast path, which answered),
 * `'wasm'` (the full path alone) or `'js+wasm'` (the fast path, then the full path).
 */
function clockReads(run) {
  const saved = Date.now;
  const stacks = [];
  Date.now = function now() {
    stacks.push(new Error().stack);
    return saved.call(Date);
  };
  try {
    run();
  } finally {
    Date.now = saved;
  }
  return stacks.map((s) => (s.includes('wasm-function') ? 'wasm' : 'js')).join('+');
}

for (const kind of ['esm', 'cjs']) {
  test(`node ${kind}: verifyCardExt's fast path gives the full path's reports and errors`, async () => {
    const wx = await loadNode(kind);
    const cardExts = [...signedCardExts(wx, TICKET).flatMap(variants), ...signedCardExts(wx, LONG_TICKET).slice(0, 2), ...OTHER_CARD_EXTS];
    const clean = differential(wx, `node ${kind}`, cardExts, {});
    assert.ok(clean > 100, `only ${clean} clean reports: the corpus barely reaches the fast path`);
  });
}

test('node: the corpus reaches both paths (the clock is read in JavaScript on the fast path only)', async () => {
  const wx = await loadNode('esm');
  const [clean] = signedCardExts(wx, TICKET);
  const options = { cardId: CARD_ID, apiTicket: TICKET };
  assert.equal(clockReads(() => wx.verifyCardExt(clean, options)), 'js', 'a clean cardExt takes the fast path');
  assert.equal(clockReads(() => wx.verifyCardExt(clean, fullPathBag(options))), 'wasm', 'a null-prototype bag takes the full path');
  const tampered = clean.replace(/"signature":"(\w)/, (m, c) => '"signature":"' + (c === '0' ? '1' : '0'));
  assert.equal(clockReads(() => wx.verifyCardExt(tampered, options)), 'js+wasm', 'a wrong signature is handed to the full path');
  const items = [{ cardId: CARD_ID, cardExt: clean }];
  assert.equal(clockReads(() => wx.verifyCardList(items, { apiTicket: TICKET })), 'js', 'a clean list takes the fast path');
  assert.equal(clockReads(() => wx.verifyCardList(items, fullPathBag({ apiTicket: TICKET }))), 'wasm');
  assert.equal(clockReads(() => wx.verifyCardList([...items, { cardId: CARD_ID, cardExt: tampered }], { apiTicket: TICKET })), 'js+wasm');
  // The clock the fast path reads is the one the full path reads.
  const saved = Date.now;
  try {
    const fresh = JSON.parse(clean).timestamp * 1000;
    for (const ms of [fresh + 1000, fresh + 3600e3, fresh - 400e3, NaN, -5]) {
      Date.now = () => ms;
      const bag = { cardId: CARD_ID, apiTicket: TICKET, maxAgeSeconds: 600 };
      assert.deepEqual(wx.verifyCardExt(clean, bag), wx.verifyCardExt(clean, fullPathBag(bag)), `Date.now() = ${ms}`);
    }
  } finally {
    Date.now = saved;
  }
});

/** Lists for verifyCardList, built fresh per call. */
function lists(wx, allow) {
  const signed = signedCardExts(wx, TICKET, allow);
  const item = (cardExt, cardId = CARD_ID) => ({ cardId, cardExt });
  const many = () => signed.map((e) => item(e));
  let reads = 0;
  return {
    reads: () => reads,
    lists: [
      () => many(),
      () => [],
      () => [...many(), ...many(), ...many()],
      () => signed.map((e) => ({ cardExt: e, cardId: CARD_ID })),
      () => [...many(), item(signed[0].replace('"signature":"', '"signature":"F'))],
      () => [...many(), item(signed[0].replace(/"signature":"(\w)/, (m, c) => '"signature":"' + (c === '0' ? '1' : '0')))],
      () => [item(signed[0], OTHER_CARD), ...many()],
      () => [...many(), item(signed[0], '')],
      () => [...many(), item(signed[0], 'p 1')],
      () => [...many(), { ...item(signed[0]), extra: 1 }],
      () => [...many(), { ...item(signed[0]), extra: undefined }],
      () => [...many(), { card_id: CARD_ID, card_ext: signed[0] }],
      () => [...many(), { cardId: CARD_ID }],
      () => [...many(), { cardId: CARD_ID, cardExt: JSON.parse(signed[0]) }],
      () => [...many(), { cardId: CARD_ID, cardExt: 5 }],
      () => [...many(), { cardId: 5, cardExt: signed[0] }],
      () => [...many(), { cardId: CARD_ID, cardExt: 10n }],
      () => [...many(), { cardId: CARD_ID, cardExt: 'p\uD800x' }],
      () => [...many(), 'string item', null, undefined, 7, [CARD_ID]],
      () => [...many(), new Map()],
      () => [...many(), Object.assign(Object.create(null), item(signed[0]))],
      () => [
        ...many(),
        {
          cardId: CARD_ID,
          get cardExt() {
            reads++;
            return signed[1];
          },
        },
      ],
      () => [
        {
          get cardId() {
            throw new Error('hostile getter');
          },
          cardExt: signed[0],
        },
      ],
      () => [{ cardId: CARD_ID, cardExt: 10n }, { get cardId() { throw new Error('not read'); }, cardExt: '' }],
      () => {
        const cyclic = [...many()];
        cyclic.push(cyclic);
        return cyclic;
      },
      () => {
        const cyclic = item(signed[0]);
        cyclic.cardExt = { self: cyclic };
        return [cyclic];
      },
      () => {
        const sparse = [...many()];
        sparse.length = 8;
        return sparse;
      },
      () => {
        const huge = [];
        huge.length = 2 ** 32 - 1;
        return huge;
      },
      () => new Proxy([...many()], {}),
      () => ({ 0: item(signed[0]), length: 1 }),
      () => 'not a list',
      () => undefined,
      () => [...many(), item('x'.repeat(70000))],
      () => [...many(), item('卡券')],
    ],
  };
}

function listDifferential(wx, label, allow) {
  return frozenClock(() => listDifferentialAt(wx, label, allow));
}

function listDifferentialAt(wx, label, allow) {
  let clean = 0;
  let compared = 0;
  const { bags } = optionBags({});
  const listBags = [
    () => undefined,
    () => ({ apiTicket: TICKET }),
    () => ({ apiTicket: TICKET, cardId: OTHER_CARD }),
    () => ({ apiTicket: TICKET, cardId: 'p 1' }),
    () => ({ apiTicket: TICKET, nowSeconds: NOW, maxAgeSeconds: 60 }),
    () => ({ apiTicket: TICKET, expectCode: CODE }),
    () => ({ apiTicket: TICKET, allowTicketOnClient: true }),
    () => ({ allowTicketOnClient: true }),
    () => ({}),
    ...bags,
  ];
  const { lists: makers, reads } = lists(wx, allow);
  for (const [l, list] of makers.entries()) {
    for (const [b, bag] of listBags.entries()) {
      const before = reads();
      const fast = outcome(() => wx.verifyCardList(list(), bag()));
      const fastReads = reads() - before;
      const full = outcome(() => wx.verifyCardList(list(), fullPathBag(bag())));
      const where = `${label}: list #${l}, bag #${b}`;
      assert.deepEqual(fast, full, where);
      assert.equal(reads() - before - fastReads, fastReads, `${where}: getters read as often on both paths`);
      if (fast.result && JSON.parse(fast.result).every?.((r) => r.ok)) clean++;
      compared++;
    }
  }
  assert.ok(compared > 1000, `${label}: ${compared} comparisons`);
  return clean;
}

test("node: verifyCardList's fast path gives the full path's reports and errors", async () => {
  const wx = await loadNode('esm');
  const clean = listDifferential(wx, 'node');
  assert.ok(clean > 20, `only ${clean} clean lists`);
});

test('browser entry (a client): the same, tickets refused unless allowTicketOnClient: true', async () => {
  const wx = await loadWeb();
  await wx.init({ wasm: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')) });
  const allow = { allowTicketOnClient: true };
  const cardExts = [...signedCardExts(wx, TICKET, allow).flatMap(variants).slice(0, 40), ...OTHER_CARD_EXTS.slice(0, 8)];
  assert.ok(differential(wx, 'web', cardExts, {}) > 10);
  assert.ok(differential(wx, 'web, allowed', cardExts, allow) > 50);
  listDifferential(wx, 'web', allow);
  const [clean] = signedCardExts(wx, TICKET, allow);
  assert.throws(() => wx.verifyCardExt(clean, { cardId: CARD_ID, apiTicket: TICKET }), { code: 'TICKET_ON_CLIENT' });
  assert.throws(() => wx.verifyCardList([{ cardId: CARD_ID, cardExt: clean }], { apiTicket: TICKET }), { code: 'TICKET_ON_CLIENT' });
  assert.deepEqual(wx.verifyCardExt(clean, { cardId: CARD_ID, apiTicket: TICKET, ...allow }), { ok: true, signatureChecked: true, problems: [] });
  assert.deepEqual(wx.verifyCardExt(clean, { cardId: CARD_ID }), { ok: true, signatureChecked: false, problems: [] });
});

test('mini-program entry (a client, no TextEncoder): bags of its own realm take the fast path alike', async () => {
  const { wxcard, runtime } = await loadMiniprogram();
  await wxcard.init();
  const allow = { allowTicketOnClient: true };
  const signed = signedCardExts(wxcard, TICKET, allow);
  const json = (run) => JSON.stringify(outcome(run));
  const bags = [
    `{ cardId: ${JSON.stringify(CARD_ID)}, apiTicket: ${JSON.stringify(TICKET)} }`,
    `{ cardId: ${JSON.stringify(CARD_ID)}, apiTicket: ${JSON.stringify(TICKET)}, allowTicketOnClient: true }`,
    `{ cardId: ${JSON.stringify(CARD_ID)}, apiTicket: ${JSON.stringify(TICKET)}, allowTicketOnClient: true, expectCode: ${JSON.stringify(CODE)} }`,
    `{ cardId: ${JSON.stringify(CARD_ID)} }`,
  ];
  let clean = 0;
  const saved = Date.now;
  const frozen = saved.call(Date);
  Date.now = () => frozen;
  runtime.evaluate(`Date.now = () => ${frozen}`);
  for (const cardExt of [...signed.flatMap(variants), EXAMPLE]) {
    for (const source of bags) {
      const bag = () => runtime.evaluate(`(${source})`);
      const fast = json(() => wxcard.verifyCardExt(cardExt, bag()));
      assert.equal(fast, json(() => wxcard.verifyCardExt(cardExt, runtime.evaluate(`Object.assign(Object.create(null), ${source})`))), `${cardExt} ${source}`);
      if (fast.includes('\\"ok\\":true')) clean++;
    }
  }
  Date.now = saved;
  assert.ok(clean > 50, `only ${clean} clean reports`);
  const items = runtime.evaluate(`[${signed.map((e) => `{ cardId: ${JSON.stringify(CARD_ID)}, cardExt: ${JSON.stringify(e)} }`).join(',')}]`);
  const listBag = runtime.evaluate(`({ apiTicket: ${JSON.stringify(TICKET)}, allowTicketOnClient: true })`);
  assert.equal(JSON.stringify(wxcard.verifyCardList(items, listBag)), JSON.stringify(signed.map(() => ({ ok: true, signatureChecked: true, problems: [] }))));
  assert.throws(() => wxcard.verifyCardExt(signed[0], runtime.evaluate(`(${bags[0]})`)), (e) => e.code === 'TICKET_ON_CLIENT');
});

/** buildCardExt inputs, built fresh per call; `reads()` counts getter reads. */
function buildInputs(allow) {
  let reads = 0;
  const base = { apiTicket: TICKET, cardId: CARD_ID, timestamp: NOW, nonceStr: 'Wm3WZYTPz0wzccnW', ...allow };
  const inputs = [
    () => ({ ...base }),
    () => ({ ...base, code: CODE }),
    () => ({ ...base, code: CODE, openid: OPENID, outerStr: 'channel', fixedBeginTimestamp: NOW + 60 }),
    () => ({ ...base, outerStr: '渠道一' }),
    () => ({ ...base, code: '', openid: null, outerStr: undefined }),
    () => ({ ...base, apiTicket: LONG_TICKET }),
    () => ({ ...base, timestamp: undefined }),
    () => ({ ...base, timestamp: String(NOW) }),
    () => ({ ...base, timestamp: NOW * 1000 }),
    () => ({ ...base, timestamp: NOW + 0.5 }),
    () => ({ ...base, timestamp: -1 }),
    () => ({ ...base, timestamp: 10n }),
    () => ({ ...base, fixedBeginTimestamp: 1e13 }),
    () => ({ ...base, code: 'bad code!' }),
    () => ({ ...base, code: 'c'.repeat(21) }),
    () => ({ ...base, nonceStr: 'n'.repeat(33) }),
    () => ({ ...base, nonceStr: 'p\uD800x' }),
    () => ({ ...base, nonceStr: 5 }),
    () => ({ ...base, cardId: 'p 1' }),
    () => ({ ...base, cardId: '' }),
    () => ({ ...base, apiTicket: '' }),
    () => ({ ...base, apiTicket: ' ' + TICKET }),
    () => ({ ...base, apiTicket: undefined }),
    () => ({ ...base, api_ticket: TICKET }),
    () => ({ ...base, extra: null }),
    () => ({ ...base, extra: undefined }),
    () => ({ ...base, allowTicketOnClient: 'yes' }),
    () => ({ ...base, code: { value: CODE } }),
    () => ({
      ...base,
      get code() {
        reads++;
        return CODE;
      },
    }),
    () => ({
      ...base,
      get openid() {
        throw new Error('hostile getter');
      },
    }),
    () => undefined,
    () => null,
    () => [TICKET, CARD_ID],
    () => 'input',
  ];
  return { inputs, reads: () => reads };
}

function buildDifferential(wx, label, allow) {
  const saved = Date.now;
  Date.now = () => (NOW + 7) * 1000;
  let built = 0;
  try {
    const { inputs, reads } = buildInputs(allow);
    for (const [i, input] of inputs.entries()) {
      const before = reads();
      const fast = outcome(() => wx.buildCardExt(input()));
      const fastReads = reads() - before;
      // No bag at all takes the full path as it is (`null` to the module, not `{}`).
      const full = outcome(() => wx.buildCardExt(input() == null ? input() : fullPathBag(input())));
      assert.deepEqual(fast, full, `${label}: input #${i}`);
      assert.equal(reads() - before - fastReads, fastReads, `${label}: input #${i}: getters read as often`);
      if (fast.result) built++;
    }
  } finally {
    Date.now = saved;
  }
  return built;
}

test("buildCardExt's fast path gives the full path's cardExts and errors (Node, browser)", async () => {
  const node = await loadNode('esm');
  assert.ok(buildDifferential(node, 'node', {}) >= 8);
  const web = await loadWeb();
  await web.init({ wasm: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')) });
  assert.ok(buildDifferential(web, 'web, allowed', { allowTicketOnClient: true }) >= 8);
  assert.equal(buildDifferential(web, 'web', {}), 0, 'a ticket on a client is refused on both paths');
  // Without a nonce, both paths draw one: same shape, a signature that verifies.
  const input = { apiTicket: TICKET, cardId: CARD_ID, code: CODE };
  const built = JSON.parse(node.buildCardExt(input));
  assert.deepEqual(Object.keys(built), Object.keys(JSON.parse(node.buildCardExt(fullPathBag(input)))));
  assert.match(built.nonce_str, /^[A-Za-z0-9]{16,32}$/);
  assert.ok(node.verifyCardExt(JSON.stringify(built), { cardId: CARD_ID, apiTicket: TICKET }).ok);
});

test('node: random one-character edits of clean cardExts give the same report on both paths', async () => {
  const wx = await loadNode('esm');
  // A small seeded generator (xorshift32), so a failure can be replayed.
  let seed = 0x9e3779b9;
  const next = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const alphabet = '{}[]:,"\\ \t\n0123456789abcdefABCDEF_-xyz卡\u0000\uD800';
  const bases = signedCardExts(wx, TICKET);
  const bags = [
    () => ({ cardId: CARD_ID, apiTicket: TICKET }),
    () => ({ cardId: CARD_ID, apiTicket: TICKET, nowSeconds: NOW, maxAgeSeconds: 600, expectCode: CODE }),
    () => ({ cardId: CARD_ID }),
  ];
  let clean = 0;
  frozenClock(() => {
    for (let i = 0; i < 3000; i++) {
      const base = bases[next(bases.length)];
      const at = next(base.length + 1);
      const edit = next(3);
      const c = alphabet[next(alphabet.length)];
      const text = edit === 0 ? base.slice(0, at) + c + base.slice(at) : edit === 1 ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + c + base.slice(at + 1);
      const bag = bags[next(bags.length)];
      const fast = outcome(() => wx.verifyCardExt(text, bag()));
      assert.deepEqual(fast, outcome(() => wx.verifyCardExt(text, fullPathBag(bag()))), JSON.stringify(text));
      if (fast.result && JSON.parse(fast.result).ok) clean++;
    }
  });
  assert.ok(clean > 100, `only ${clean} edits stayed clean`);
});
