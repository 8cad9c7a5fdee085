// Secrets: no ticket in any error, problem message, result or console line,
// searched over every output of the hostile-input run; and tickets refused on
// clients (browser and mini-program entries) unless `allowTicketOnClient: true`,
// allowed in Node.js.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSAPI_TICKET, TICKET, CARD_ID, APP_ID, outcomeTexts, runTable } from './support/hostile.mjs';
import { loadMiniprogram } from './support/miniprogram.mjs';
import { PKG, loadNode, loadWeb } from './support/pkg.mjs';

const SECRETS = [TICKET, JSAPI_TICKET];
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'];

/** Runs `fn` with every console method recording (and silenced); returns the lines. */
async function withConsoleCaptured(fn) {
  const lines = [];
  const saved = {};
  for (const m of CONSOLE_METHODS) {
    saved[m] = console[m];
    console[m] = (...args) => lines.push(args.map((a) => (typeof a === 'string' ? a : safeInspect(a))).join(' '));
  }
  const onWarning = (w) => lines.push(String(w && w.stack ? w.stack : w));
  process.on('warning', onWarning);
  try {
    await fn();
  } finally {
    for (const m of CONSOLE_METHODS) console[m] = saved[m];
    process.off('warning', onWarning);
  }
  return lines;
}

function safeInspect(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function leaks(texts) {
  return texts.filter((t) => SECRETS.some((s) => t.includes(s)));
}

test('node: no ticket in any error, report, result or console line of the hostile-input run', async () => {
  const api = await loadNode('esm');
  const texts = [];
  let calls = 0;
  const lines = await withConsoleCaptured(async () => {
    await runTable(api, {
      onOutcome: (name, label, o) => {
        calls++;
        for (const t of outcomeTexts(o)) texts.push(`${label} → ${t}`);
      },
    });
  });
  assert.ok(calls > 1000 && texts.length > calls / 2, `searched only ${texts.length} outputs of ${calls} calls`);
  assert.deepEqual(leaks(texts).map((t) => t.slice(0, 200)), []);
  assert.deepEqual(leaks(lines).map((t) => t.slice(0, 200)), []);
});

test('node: a cardExt carrying the ticket is reported without echoing it', async () => {
  const api = await loadNode('esm');
  const cardExt = JSON.stringify({ timestamp: '1404896688', nonce_str: 'a', signature: 'f'.repeat(40), api_ticket: TICKET, extra: TICKET, [TICKET]: 1 });
  const report = api.verifyCardExt(cardExt, { cardId: CARD_ID, apiTicket: TICKET, nowSeconds: 1404896688 });
  assert.equal(report.ok, false);
  assert.ok(report.problems.some((p) => p.code === 'TICKET_LEAKED'));
  assert.deepEqual(leaks([JSON.stringify(report)]), []);
  const diagnosis = api.diagnoseCardExt(cardExt, { cardId: CARD_ID, apiTicket: TICKET });
  assert.deepEqual(leaks([JSON.stringify(diagnosis)]), []);
  const list = api.verifyCardList([{ cardId: CARD_ID, cardExt }], { apiTicket: TICKET });
  assert.deepEqual(leaks([JSON.stringify(list)]), []);
});

test('node: a ticket put where something else belongs is not quoted in the error', async () => {
  const api = await loadNode('esm');
  const calls = [
    () => api.verifyCardExt('{}', { cardId: CARD_ID, apiTicket: TICKET, [TICKET]: 1 }),
    () => api.verifyCardList([], { apiTicket: TICKET, [TICKET]: 1 }),
    () => api.diagnoseCardExt('{}', { cardId: CARD_ID, apiTicket: TICKET, [TICKET]: 1 }),
    () => api.buildCardExt({ cardId: CARD_ID, apiTicket: TICKET, [TICKET]: 1 }),
    () => api.chooseCardParams({ apiTicket: TICKET, appId: TICKET }),
    () => api.jsapiConfig({ jsapiTicket: JSAPI_TICKET, appId: APP_ID, url: JSAPI_TICKET }),
    // Refused by the shim's own reading of the bag, before the module sees it.
    () => api.verifyCardExt('{}', { cardId: CARD_ID, apiTicket: TICKET, [TICKET]: 1n }),
    () => api.verifyCardList([], { apiTicket: TICKET, [TICKET]: () => 1 }),
    () => api.diagnoseCardExt('{}', { cardId: CARD_ID, apiTicket: TICKET, [TICKET]: NaN }),
    () => api.buildCardExt({ cardId: CARD_ID, apiTicket: TICKET, [TICKET]: Symbol('x') }),
    () => api.chooseCardParams({ apiTicket: TICKET, appId: APP_ID, [TICKET]: 1n }),
    () => api.jsapiConfig({ jsapiTicket: JSAPI_TICKET, appId: APP_ID, url: 'https://example.com/', [JSAPI_TICKET]: 1n }),
  ];
  for (const call of calls) {
    let error;
    try {
      call();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof api.WxCardError, String(call));
    assert.deepEqual(leaks([error.message, String(error.field), String(error.stack)]), [], String(call));
  }
});

/** The calls that take a ticket, each with its input (without consent). */
function ticketCalls() {
  const cardExt = '{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}';
  return [
    ['buildCardExt', (wx, c) => wx.buildCardExt({ ...c, apiTicket: TICKET, cardId: CARD_ID, timestamp: 1404896688, nonceStr: 'n' })],
    ['chooseCardParams', (wx, c) => wx.chooseCardParams({ ...c, apiTicket: TICKET, appId: APP_ID, timestamp: 1404896688, nonceStr: 'n' })],
    ['jsapiConfig', (wx, c) => wx.jsapiConfig({ ...c, jsapiTicket: JSAPI_TICKET, appId: APP_ID, url: 'https://example.com/', timestamp: 1404896688, nonceStr: 'n' })],
    ['verifyCardExt', (wx, c) => wx.verifyCardExt(cardExt, { ...c, cardId: CARD_ID, apiTicket: TICKET })],
    ['diagnoseCardExt', (wx, c) => wx.diagnoseCardExt(cardExt, { ...c, cardId: CARD_ID, apiTicket: TICKET })],
    ['verifyCardList', (wx, c) => wx.verifyCardList([{ cardId: CARD_ID, cardExt }], { ...c, apiTicket: TICKET })],
  ];
}

function refusalChecks(name, wx, client) {
  for (const [fn, call] of ticketCalls()) {
    if (client) {
      let error;
      try {
        call(wx, {});
      } catch (e) {
        error = e;
      }
      assert.ok(error, `${name}: ${fn} with a ticket was not refused`);
      assert.equal(error.name, 'WxCardError', `${name}: ${fn}`);
      assert.equal(error.code, 'TICKET_ON_CLIENT', `${name}: ${fn}: ${error.message}`);
      assert.deepEqual(leaks([error.message, String(error.stack)]), []);
    } else {
      assert.doesNotThrow(() => call(wx, {}), `${name}: ${fn} must run in Node.js`);
    }
    assert.doesNotThrow(() => call(wx, { allowTicketOnClient: true }), `${name}: ${fn} with allowTicketOnClient`);
  }
  // Without a ticket, checking a cardExt is a client's own business.
  const report = wx.verifyCardExt('{"timestamp":"1404896688","signature":"' + 'a'.repeat(40) + '"}', { cardId: CARD_ID });
  assert.equal(report.signatureChecked, false);
}

test('node: tickets are allowed without allowTicketOnClient', async () => {
  refusalChecks('node esm', await loadNode('esm'), false);
});

test('browser entry: tickets are refused with TICKET_ON_CLIENT unless allowTicketOnClient is true', async () => {
  const wx = await loadWeb();
  await wx.init({ wasm: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')) });
  refusalChecks('browser', wx, true);
});

test('mini-program entry: tickets are refused with TICKET_ON_CLIENT unless allowTicketOnClient is true', async () => {
  const { wxcard } = await loadMiniprogram();
  await wxcard.init();
  refusalChecks('mini-program', wxcard, true);
});
