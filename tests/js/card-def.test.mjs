// withMiniProgramLinks, validateCardDefinition and cardUpdateBody against the
// built package, through every entry: Node ESM and CJS, the browser entry
// (initialised with the module's bytes) and the mini-program after 构建 npm.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKG, loadNode, loadWeb } from './support/pkg.mjs';
import { loadMiniprogram } from './support/miniprogram.mjs';

const BACKENDS = {
  'node esm': () => loadNode('esm'),
  'node cjs': () => loadNode('cjs'),
  web: async () => {
    const wx = await loadWeb();
    await wx.init({ wasm: readFileSync(join(PKG, 'dist', 'wxcard_bg.wasm')) });
    return wx;
  },
  'mini-program': async () => {
    const { wxcard } = await loadMiniprogram();
    await wxcard.init();
    return wxcard;
  },
};

/** A value as plain JSON data: results from the mini-program sandbox belong to another realm. */
const plain = (value) => JSON.parse(JSON.stringify(value));
const GH = 'gh_86a091e50ad4@app';

// The example of the seed document, 小程序&卡券打通 §3.1.
const seedExample = () => ({
  card: {
    card_type: 'MEMBER_CARD',
    member_card: {
      base_info: {
        custom_url_name: '立即使用',
        custom_url: 'http://www.qq.com',
        custom_app_brand_user_name: 'gh_86a091e50ad4@app',
        custom_app_brand_pass: 'API/cardPage',
        custom_url_sub_title: '6个汉字tips',
        promotion_url_name: '更多优惠',
        promotion_url: 'http://www.qq.com',
        promotion_app_brand_user_name: 'gh_86a091e50ad4@app',
        promotion_app_brand_pass: 'API/cardPage',
      },
    },
  },
});

const member = (baseInfo) => ({ card: { card_type: 'MEMBER_CARD', member_card: { base_info: baseInfo } } });
const summary = (problems) => plain(problems).map((p) => [p.code, p.field, p.severity]);

function throwsWx(wx, fn, code, field) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof wx.WxCardError, `not a WxCardError: ${e}`);
    assert.equal(e.name, 'WxCardError');
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    assert.ok(e.message.startsWith(field), e.message);
    return true;
  });
}

for (const [backend, load] of Object.entries(BACKENDS)) {
  describe(backend, () => {
    let wx;
    before(async () => {
      wx = await load();
    });

  test('the seed example validates from an object and from a string', () => {
    assert.deepEqual(plain(wx.validateCardDefinition(seedExample())), []);
    assert.deepEqual(plain(wx.validateCardDefinition(JSON.stringify(seedExample(), null, 2))), []);
  });

  test('the seed example round-trips through withMiniProgramLinks unchanged', () => {
    const card = seedExample();
    const out = wx.withMiniProgramLinks(card, {
      custom: { userName: GH, path: 'API/cardPage', title: '立即使用', subTitle: '6个汉字tips' },
      promotion: { userName: GH, path: 'API/cardPage', title: '更多优惠' },
    });
    assert.deepEqual(plain(out), seedExample());
    assert.equal(JSON.stringify(out), JSON.stringify(seedExample()), 'the keys keep their order');
    assert.notEqual(out, card);
  });

  test('withMiniProgramLinks reads the card once: a getter that throws on a second read does not matter', () => {
    const card = seedExample();
    let reads = 0;
    Object.defineProperty(card, 'card', {
      enumerable: true,
      get() {
        reads += 1;
        if (reads > 1) throw new Error('read twice');
        return seedExample().card;
      },
    });
    const out = wx.withMiniProgramLinks(card, { custom: { userName: GH, path: 'API/cardPage' } });
    assert.equal(reads, 1);
    assert.equal(JSON.stringify(out), JSON.stringify(seedExample()), 'the keys keep their order');
  });

  test('links are written beside the H5 fields, and the input is not modified', () => {
    const card = member({ title: '会员卡', custom_url: 'http://www.qq.com', center_url: 'http://www.qq.com' });
    const before = structuredClone(card);
    const out = wx.withMiniProgramLinks(card, {
      custom: { userName: GH, path: 'pages/use/use', subTitle: '小提示' },
      center: { userName: GH, path: '/pages/pay/pay?from=card', title: '快速买单', subTitle: '八个汉字的提示语' },
      activate: { userName: GH, path: 'pages/activate/activate' },
    });
    assert.deepEqual(card, before);
    const base = out.card.member_card.base_info;
    assert.equal(base.custom_url, 'http://www.qq.com');
    assert.equal(base.custom_app_brand_user_name, GH);
    assert.equal(base.custom_app_brand_pass, 'pages/use/use');
    assert.equal(base.custom_url_sub_title, '小提示');
    assert.equal(base.center_title, '快速买单');
    assert.equal(base.center_sub_title, '八个汉字的提示语');
    assert.equal(base.center_app_brand_pass, '/pages/pay/pay?from=card');
    assert.deepEqual(Object.keys(base), [
      'title',
      'custom_url',
      'center_url',
      'center_app_brand_pass',
      'center_app_brand_user_name',
      'center_sub_title',
      'center_title',
      'custom_app_brand_pass',
      'custom_app_brand_user_name',
      'custom_url_sub_title',
    ]);
    assert.deepEqual(Object.keys(out.card.member_card), ['base_info', 'activate_app_brand_pass', 'activate_app_brand_user_name']);
    assert.equal(out.card.member_card.activate_app_brand_user_name, GH);
    assert.equal(out.card.member_card.activate_app_brand_pass, 'pages/activate/activate');
    assert.deepEqual(plain(wx.validateCardDefinition(out)), []);
  });

  test('bad links throw WxCardError naming the field', () => {
    const card = seedExample();
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { custom: { userName: 'wx8d8a3ef51ac0a2e4', path: 'p' } }), 'APP_ID_AS_USER_NAME', 'links.custom.userName');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { custom: { userName: 'gh_86a091e50ad4', path: 'p' } }), 'INVALID_USER_NAME', 'links.custom.userName');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { promotion: { userName: GH, path: '' } }), 'MISSING_FIELD', 'links.promotion.path');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { promotion: { userName: GH } }), 'MISSING_FIELD', 'links.promotion.path');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { custom: { userName: GH, path: 'p', title: '马上去使用吧' } }), 'TOO_LONG', 'links.custom.title');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { custom: { user_name: GH, path: 'p' } }), 'SNAKE_CASE_KEY', 'links.custom.user_name');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { promo: { userName: GH, path: 'p' } }), 'UNKNOWN_FIELD', 'links.promo');
    throwsWx(wx, () => wx.withMiniProgramLinks(card, { custom: { userName: 10n, path: 'p' } }), 'INVALID_TYPE', 'links.custom.userName');
    throwsWx(wx, () => wx.withMiniProgramLinks({ card: { card_type: 'VIP' } }, {}), 'UNKNOWN_CARD_TYPE', 'card.card_type');
    const groupon = { card: { card_type: 'GROUPON', groupon: { base_info: {} } } };
    throwsWx(wx, () => wx.withMiniProgramLinks(groupon, { activate: { userName: GH, path: 'p' } }), 'INVALID_VALUE', 'links.activate');
  });

  test('validateCardDefinition names every mistake with its field path', () => {
    const base = 'card.member_card.base_info';
    const problems = wx.validateCardDefinition(
      member({
        custom_url_name: '马上去使用吧', // 15 bytes is 5 Chinese characters; this is 6
        custom_app_brand_user_name: 'wx8d8a3ef51ac0a2e4',
        promotion_app_brand_pass: 'pages/more/more',
        center_url: 'http://www.qq.com',
      }),
    );
    assert.deepEqual(summary(problems), [
      ['TOO_LONG', `${base}.custom_url_name`, 'error'],
      ['H5_LINK_WITHOUT_MINI_PROGRAM', `${base}.center_url`, 'warning'],
      ['APP_ID_AS_USER_NAME', `${base}.custom_app_brand_user_name`, 'error'],
      ['UNPAIRED_FIELD', `${base}.custom_app_brand_pass`, 'error'],
      ['UNPAIRED_FIELD', `${base}.promotion_app_brand_user_name`, 'error'],
    ]);
    for (const p of problems) assert.ok(p.message.startsWith(p.field), p.message);
  });

  test('label limits are UTF-8 bytes: at, below and above with Chinese text', () => {
    for (const [key, limit] of [['custom_url_name', 15], ['center_sub_title', 24], ['title', 27], ['notice', 48]]) {
      const at = '券'.repeat(limit / 3);
      assert.deepEqual(plain(wx.validateCardDefinition(member({ [key]: at.slice(1) }))), [], key);
      assert.deepEqual(plain(wx.validateCardDefinition(member({ [key]: at }))), [], key);
      assert.deepEqual(summary(wx.validateCardDefinition(member({ [key]: at + '!' }))), [
        ['TOO_LONG', `card.member_card.base_info.${key}`, 'error'],
      ]);
    }
  });

  test('coupon types that can no longer be created are a warning', () => {
    const problems = wx.validateCardDefinition({ card: { card_type: 'CASH', cash: { base_info: { title: '代金券' } } } });
    assert.deepEqual(summary(problems), [['COUPON_CREATION_DISCONTINUED', 'card.card_type', 'warning']]);
  });

  test('validateCardDefinition reports bad text instead of throwing', () => {
    assert.deepEqual(summary(wx.validateCardDefinition('{"card": ')), [['INVALID_JSON', 'card', 'error']]);
    assert.deepEqual(summary(wx.validateCardDefinition(JSON.stringify(JSON.stringify(seedExample())))), [['DOUBLE_ENCODED', 'card', 'error']]);
    assert.deepEqual(summary(wx.validateCardDefinition([])), [['INVALID_TYPE', 'card', 'error']]);
  });

  test('cardUpdateBody builds the card/update body and names bad fields', () => {
    const id = 'pbLatjtZ7v1BG_ZnTjbW85GYc_E8';
    const patch = { custom_app_brand_user_name: GH, custom_app_brand_pass: 'API/cardPage' };
    assert.deepEqual(plain(wx.cardUpdateBody(id, 'MEMBER_CARD', patch)), { card_id: id, member_card: { base_info: patch } });
    throwsWx(wx, () => wx.cardUpdateBody(id, 'member_card', patch), 'UNKNOWN_CARD_TYPE', 'cardType');
    throwsWx(wx, () => wx.cardUpdateBody(42, 'MEMBER_CARD', patch), 'INVALID_TYPE', 'cardId');
    throwsWx(wx, () => wx.cardUpdateBody('', 'MEMBER_CARD', patch), 'MISSING_FIELD', 'cardId');
    throwsWx(wx, () => wx.cardUpdateBody(id, 'MEMBER_CARD', { custom_app_brand_user_name: GH }), 'UNPAIRED_FIELD', 'baseInfoPatch.custom_app_brand_pass');
    throwsWx(wx, () => wx.cardUpdateBody(id, 'MEMBER_CARD', { base_info: patch }), 'INVALID_VALUE', 'baseInfoPatch.base_info');
    throwsWx(wx, () => wx.cardUpdateBody(id, 'MEMBER_CARD', { title: Symbol('t') }), 'INVALID_TYPE', 'baseInfoPatch.title');
  });

  test('the three functions are exported', () => {
    for (const name of ['withMiniProgramLinks', 'validateCardDefinition', 'cardUpdateBody']) {
      assert.equal(typeof wx[name], 'function', name);
    }
  });

  test('the README example', () => {
    // Mirrors README.md, "Card definitions with mini-program links".
    const body = {
      card: {
        card_type: 'MEMBER_CARD',
        member_card: { base_info: { title: '会员卡', custom_url_name: '立即使用', custom_url: 'https://shop.example.com/card' } },
      },
    };
    const withLinks = wx.withMiniProgramLinks(body, {
      custom: { userName: 'gh_86a091e50ad4@app', path: 'pages/card/card', subTitle: '6个汉字tips' },
      activate: { userName: 'gh_86a091e50ad4@app', path: 'pages/activate/activate' },
    });
    assert.deepEqual(plain(wx.validateCardDefinition(withLinks)), []);
    const mistakes = wx.validateCardDefinition(
      wx.cardUpdateBody('pbLatjtZ7v1BG_ZnTjbW85GYc_E8', 'MEMBER_CARD', { center_url: 'https://shop.example.com/pay' }),
    );
    assert.deepEqual(summary(mistakes), [['H5_LINK_WITHOUT_MINI_PROGRAM', 'member_card.base_info.center_url', 'warning']]);
  });
  });
}
