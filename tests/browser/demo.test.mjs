// The www-demo page, as served by `xtask serve`, driven in headless Chromium.
// Expected values come from SPEC §1.2 or from the package itself, called inside the page.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchDemoBrowser } from './support/demo-browser.mjs';
import { ROOT, startDemoServer } from './support/demo-server.mjs';

const OFFICIAL_SIGNATURE = 'f137ab68b7f8112d20ee528ab6074564e2796250';
const CARD_ID = 'pjZ8Yt1XGILfi-FUsewpnnolGgZk';
const TICKET = 'ojZ8YtyVyr30HheH3CM73y7h4jJE';
const SHOTS = path.join(ROOT, 'target', 'screenshots');

/** @type {{ url: string, stop: () => Promise<void> }} */
let server;
/** @type {Awaited<ReturnType<typeof launchDemoBrowser>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  server = await startDemoServer();
  browser = await launchDemoBrowser(new URL(server.url).origin);
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Loads the page afresh and waits until every panel is mounted. */
async function open() {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getAttribute('#load-status', 'data-state'), 'ready', (await page.textContent('#load-status')) ?? '');
}

/** Asserts that nothing went wrong on the page so far, then forgets what was seen. */
function assertClean() {
  const seen = browser.problems.splice(0);
  assert.deepEqual(seen, [], 'the page logged errors or made failing/outside requests');
}

/**
 * Calls the package inside the page.
 * @param {string} name
 * @param {unknown[]} args
 */
function callPackage(name, args) {
  return page.evaluate(
    async ([fn, params]) => {
      const wx = await import('/pkg/dist/wxcard.js');
      return /** @type {any} */ (wx)[fn](...params);
    },
    /** @type {[string, unknown[]]} */ ([name, args]),
  );
}

/** The output each input's panel renders into. */
const OUTPUT_OF = [
  [/^#check-/, '#check-out'],
  [/^#build-/, '#build-out'],
  [/^#card-json$/, '#card-problems'],
  [/^#links-/, '#links-out'],
];

/**
 * Replaces a field's content and waits until its panel has recomputed.
 * @param {string} selector
 * @param {string} value
 */
async function setField(selector, value) {
  const output = OUTPUT_OF.find(([pattern]) => /** @type {RegExp} */ (pattern).test(selector))?.[1];
  assert.ok(output, `no output known for ${selector}`);
  await rendered(/** @type {string} */ (output), () => page.fill(selector, value));
}

/**
 * Runs `action` and waits until `output` has rendered again.
 * @param {string} output
 * @param {() => Promise<unknown>} action
 */
async function rendered(output, action) {
  const before = Number(await page.getAttribute(output, 'data-renders'));
  await action();
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-renders')) > n,
    /** @type {[string, number]} */ ([output, before]),
  );
}

test('the official signature is on screen at load, checked and built', async () => {
  await open();
  assert.equal((await page.textContent('#check-signature'))?.trim(), OFFICIAL_SIGNATURE);
  assert.equal((await page.textContent('#check-recomputed'))?.trim(), OFFICIAL_SIGNATURE);
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'true', (await page.textContent('#check-out')) ?? '');
  const built = JSON.parse((await page.textContent('#build-cardext pre')) ?? '');
  assert.equal(built.signature, OFFICIAL_SIGNATURE);
  assert.equal(built.nonce_str, '123');
  assert.equal(built.timestamp, '1404896688');
  assert.match((await page.textContent('#build')) ?? '', /allowTicketOnClient/);
  assertClean();
});

test('editing a field recomputes the payload and the check', async () => {
  await open();
  await setField('#build-code', '1434008072');
  const built = JSON.parse((await page.textContent('#build-cardext pre')) ?? '');
  const expected = await callPackage('cardSignature', [[TICKET, '1404896688', CARD_ID, '1434008072', '123']]);
  assert.notEqual(expected, OFFICIAL_SIGNATURE);
  assert.equal(built.code, '1434008072');
  assert.equal(built.signature, expected);
  const addCard = JSON.parse((await page.textContent('#build-addcard pre')) ?? '');
  assert.deepEqual(addCard.cardList[0], { cardId: CARD_ID, cardExt: JSON.stringify(built) });
  assert.match((await page.textContent('#build-snippet-mp pre')) ?? '', /1434008072/);

  await rendered('#check-out', () => page.click('#build-to-check'));
  assert.deepEqual(JSON.parse(await page.inputValue('#check-cardext')), built);
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'true', 'the built cardExt passes the check');
  assert.equal((await page.textContent('#check-recomputed'))?.trim(), expected);

  await setField('#check-ticket', `${TICKET}x`);
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'false');
  await setField('#check-ticket', '');
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'true');
  assert.equal(await page.$('#check-recomputed'), null, 'no recomputed signature without a ticket');
  assertClean();
});

test('a tampered cardExt shows the mismatch and the diagnosis', async () => {
  await open();
  const tampered = JSON.stringify({ code: '1434008071', timestamp: '1404896688', signature: OFFICIAL_SIGNATURE });
  await setField('#check-cardext', tampered);
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'false');
  assert.match((await page.textContent('#check-recomputed + .badge')) ?? '', /mismatch/);
  assert.equal(await page.getAttribute('#check-cardext', 'aria-invalid'), 'true');
  const expected = await callPackage('diagnoseCardExt', [
    tampered,
    { cardId: CARD_ID, apiTicket: TICKET, allowTicketOnClient: true },
  ]);
  assert.equal(expected.ok, false);
  assert.equal(await page.getAttribute('#check-diagnosis', 'data-ok'), 'false');
  assert.equal((await page.textContent('#check-diagnosis .diag-message'))?.trim(), expected.message);
  if (expected.cause !== null) assert.equal((await page.textContent('#check-diagnosis .diag-cause'))?.trim(), expected.cause);

  const flipped = tampered.replace(OFFICIAL_SIGNATURE, `${OFFICIAL_SIGNATURE.slice(0, -1)}1`);
  await setField('#check-cardext', flipped);
  assert.equal(await page.getAttribute('#check-verdict', 'data-ok'), 'false');
  assert.ok(await page.isVisible('#check-diagnosis'));
  assertClean();
});

test('each mistake example shows its problems, and the diagnosis when the signature does not match', async () => {
  await open();
  const examples = await page.$$eval('[data-example]', (buttons) =>
    buttons.map((b) => /** @type {HTMLElement} */ (b).dataset.example ?? ''),
  );
  assert.ok(examples.length >= 4, `examples: ${examples.join(', ')}`);
  const causes = new Set();
  for (const name of examples.filter((n) => n !== 'official')) {
    await page.click(`[data-example="${name}"]`);
    await page.waitForSelector('#check-verdict[data-ok="false"]');
    const options = {
      cardId: await page.inputValue('#check-cardid'),
      apiTicket: await page.inputValue('#check-ticket'),
      allowTicketOnClient: true,
    };
    const cardExt = await page.inputValue('#check-cardext');
    // Strict freshness is off, so the page checks at the cardExt's own time (when it is whole seconds).
    const timestamp = String(JSON.parse(cardExt).timestamp);
    const at = /^[0-9]{1,10}$/.test(timestamp) ? { nowSeconds: Number(timestamp), maxAgeSeconds: 600 } : {};
    const report = await callPackage('verifyCardExt', [cardExt, { ...options, ...at }]);
    const shown = await page.$$eval('#check-out .problem', (items) => items.map((li) => li.getAttribute('data-code')));
    assert.deepEqual(shown, report.problems.map((/** @type {{ code: string }} */ p) => p.code), name);
    const mismatch = report.problems.some((/** @type {{ code: string, severity: string }} */ p) => p.severity === 'error' && /SIGNATURE/.test(p.code));
    if (!mismatch) {
      assert.equal(await page.$('#check-diagnosis'), null, `${name}: no diagnosis without a signature mismatch`);
      continue;
    }
    const expected = await callPackage('diagnoseCardExt', [cardExt, options]);
    assert.equal(expected.ok, false, name);
    assert.equal((await page.textContent('#check-diagnosis .diag-message'))?.trim(), expected.message, name);
    assert.equal((await page.textContent('#check-diagnosis .diag-cause'))?.trim(), expected.cause ?? '未识别 (unknown)', name);
    causes.add(expected.cause);
  }
  assert.ok(causes.size >= 3, `the examples should show different mistakes, got ${[...causes].join(', ')}`);
  assertClean();
});

test('nonceStr instead of nonce_str is named, with its row highlighted', async () => {
  await open();
  await page.focus('[data-example="camel"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#check-verdict[data-ok="false"]');
  const problems = await page.$$eval('#check-out .problem', (items) => items.map((li) => li.textContent ?? ''));
  assert.ok(
    problems.some((text) => text.includes('nonceStr') && text.includes('nonce_str')),
    `no problem names nonceStr and nonce_str:\n${problems.join('\n')}`,
  );
  const row = await page.getAttribute('#check-fields tr[data-key="nonceStr"]', 'class');
  assert.match(row ?? '', /row-(error|warning)/);
  assertClean();
});

test('the simulator switches environments', async () => {
  await open();
  assert.equal((await page.textContent('#env-kind'))?.trim(), 'browser');
  const cases = [
    ['#env-miniprogram', 'miniprogram', 'OK'],
    ['#env-miniprogram-old', 'miniprogram', 'SDK_TOO_OLD'],
    ['#env-wechat-h5', 'wechat-h5', 'OK'],
    ['#env-wechat-h5-nobridge', 'wechat-h5', 'BRIDGE_NOT_READY'],
    ['#env-webview', 'miniprogram-webview', null],
    ['#env-other-browser', 'browser', 'NOT_WECHAT'],
  ];
  for (const [radio, kind, addCardReason] of cases) {
    await page.check(/** @type {string} */ (radio));
    await page.waitForFunction((k) => document.querySelector('#env-kind')?.textContent === k, kind);
    const reason = (await page.textContent('#env-support tr[data-api="addCard"] .reason'))?.trim();
    if (addCardReason) assert.equal(reason, addCardReason);
    else assert.match(reason ?? '', /^[A-Z_]+$/);
  }
  await page.focus('#env-real');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#env-kind')?.textContent === 'miniprogram');
  assertClean();
});

test('card definition problems are live and links are applied', async () => {
  await open();
  const editor = (await page.inputValue('#card-json')) ?? '';
  const broken = editor.replace('"custom_app_brand_user_name": "gh_86a091e50ad4@app"', '"custom_app_brand_user_name": "wx0123456789abcdef"');
  assert.notEqual(broken, editor);
  await setField('#card-json', broken);
  const problems = await page.$$eval('#card-problems .problem', (items) => items.map((li) => li.getAttribute('data-field') ?? ''));
  assert.ok(problems.some((f) => f.includes('custom_app_brand_user_name')), `problems: ${problems.join(', ')}`);

  await setField('#card-json', editor);
  await page.selectOption('#links-slot', 'center');
  await setField('#links-username', 'gh_86a091e50ad4@app');
  await rendered('#card-problems', () => page.click('#links-apply'));
  const card = JSON.parse(await page.inputValue('#card-json'));
  const baseInfo = card.card.member_card.base_info;
  assert.equal(baseInfo.center_app_brand_user_name, 'gh_86a091e50ad4@app');
  assert.equal(baseInfo.custom_app_brand_pass, 'API/cardPage', 'existing links are kept');

  await setField('#links-username', 'wx0123456789abcdef');
  assert.ok(await page.isVisible('#links-out .error-box'));
  assert.match((await page.textContent('#links-out .error-box .badge')) ?? '', /^[A-Z_]+$/);
  assert.equal(await page.getAttribute('#links-username', 'aria-invalid'), 'true');
  assertClean();
});

test('a function missing from the package is named in its panel; the rest still works', async () => {
  await open();
  const names = await page.evaluate(async () => Object.keys(await import('/pkg/dist/wxcard.js')));
  const dropped = ['diagnoseCardExt', 'validateCardDefinition', 'cardSupport'];
  for (const name of dropped) assert.ok(names.includes(name), `the package should export ${name}`);
  const kept = names.filter((n) => n !== 'default' && !dropped.includes(n));
  const source = [
    "import * as real from '/pkg/dist/wxcard.js?complete';",
    'export default real.default;',
    ...kept.map((n) => `export const ${n} = real.${n};`),
  ].join('\n');
  const partial = await browser.context.newPage();
  try {
    await partial.route(
      (url) => url.pathname === '/pkg/dist/wxcard.js' && url.search === '',
      (route) => route.fulfill({ contentType: 'text/javascript', body: source }),
    );
    await partial.goto(server.url);
    await partial.waitForSelector('body[data-ready="true"]');
    assert.equal((await partial.textContent('#check-signature'))?.trim(), OFFICIAL_SIGNATURE);
    assert.match((await partial.getAttribute('#card-problems .missing-box', 'data-missing')) ?? '', /validateCardDefinition/);
    assert.match((await partial.getAttribute('#env-out .missing-box', 'data-missing')) ?? '', /cardSupport/);
    await partial.click('[data-example="camel"]');
    await partial.waitForSelector('#check-verdict[data-ok="false"]');
    assert.match((await partial.getAttribute('#check-diagnosis .missing-box', 'data-missing')) ?? '', /diagnoseCardExt/);
  } finally {
    await partial.close();
  }
  assertClean();
});

test('every control is labelled', async () => {
  await open();
  const unlabelled = await page.$$eval('input, textarea, select', (controls) =>
    controls
      .filter((c) => !(/** @type {HTMLInputElement} */ (c).labels?.length) && !c.getAttribute('aria-label'))
      .map((c) => c.id || c.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const active = document.activeElement;
      const style = active ? getComputedStyle(active) : null;
      return { tag: active?.tagName, outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '' };
    });
    assert.notEqual(focus.tag, 'BODY', 'Tab moves the focus onto the page');
    assert.match(focus.outline, /^solid [1-9]/, `focus is visible on ${focus.tag}`);
  }
  assertClean();
});

test('a package that fails to load is reported on the page, not left blank', async () => {
  const broken = await browser.context.newPage();
  try {
    await broken.route(
      (url) => url.pathname === '/pkg/dist/wxcard.js',
      (route) => route.fulfill({ contentType: 'text/javascript', body: "throw new Error('wasm failed to instantiate');" }),
    );
    await broken.goto(server.url);
    await broken.waitForSelector('body[data-ready="true"]');
    assert.equal(await broken.getAttribute('#load-status', 'data-state'), 'failed');
    assert.match((await broken.textContent('#load-status')) ?? '', /wasm failed to instantiate/);
    for (const id of ['#check-out', '#build-out', '#env-out', '#card-problems']) {
      assert.ok(((await broken.textContent(id)) ?? '').trim().length > 0, `${id} is not blank`);
    }
  } finally {
    await broken.close();
  }
  assertClean();
});

test('screenshots at desktop and phone width; no horizontal scroll at 390 px', async () => {
  await mkdir(SHOTS, { recursive: true });
  await open();
  await page.screenshot({ path: path.join(SHOTS, 'demo-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('[data-example="camel"]');
  await page.waitForSelector('#check-verdict[data-ok="false"]');
  await page.check('#env-webview');
  await page.waitForFunction(() => document.querySelector('#env-kind')?.textContent === 'miniprogram-webview');
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(widths.scroll <= widths.client, `page scrolls sideways at 390 px: ${widths.scroll} > ${widths.client}`);
  await page.screenshot({ path: path.join(SHOTS, 'demo-phone.png'), fullPage: true });
  assertClean();
});
