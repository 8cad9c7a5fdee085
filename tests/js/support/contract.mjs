// The contract every entry of the package must keep, as a list of checks.
//
// Pure JavaScript with no imports, so the same checks run against Node's
// CJS and ESM entries, the packed tarball, the mini-program sandbox and (as
// text, through page.evaluate) the browser entry. Each check throws on failure.
//
//   for (const [name, check] of contractChecks(wx, { client: false })) test(name, check);

/** The official vector of JS-SDK Appendix 4 (SPEC §9, V-OFFICIAL-CARDEXT). */
export const OFFICIAL = {
  apiTicket: 'ojZ8YtyVyr30HheH3CM73y7h4jJE',
  timestamp: 1404896688,
  cardId: 'pjZ8Yt1XGILfi-FUsewpnnolGgZk',
  code: '1434008071',
  nonceStr: '123',
  signature: 'f137ab68b7f8112d20ee528ab6074564e2796250',
  cardExt: '{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}',
};

/** JS-SDK Appendix 1, the official wx.config example (SPEC §3). */
export const OFFICIAL_CONFIG = {
  jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  appId: 'wxf8b4f85f3a794e77',
  url: 'http://mp.weixin.qq.com?params=value#top',
  timestamp: 1414587457,
  nonceStr: 'Wm3WZYTPz0wzccnW',
  signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};

/** Chinese and astral text that must survive the boundary both ways. */
export const CHINESE = '渠道一·会员日 🎫';

function fail(message) {
  throw new Error(message);
}

function equal(actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Runs `run`, which must throw a WxCardError with `code` (and `field` when given). */
export function throwsCode(wx, run, code, field) {
  let error;
  try {
    run();
  } catch (e) {
    error = e;
  }
  if (error === undefined) fail(`expected WxCardError ${code}, but nothing was thrown`);
  if (!(error instanceof wx.WxCardError)) fail(`expected a WxCardError, got ${Object.prototype.toString.call(error)}: ${String(error)}`);
  // NOTE: the tag check also holds for errors of another realm (the mini-program sandbox).
  if (!(error instanceof Error) && Object.prototype.toString.call(error) !== '[object Error]') fail('a WxCardError must be an Error');
  equal(error.name, 'WxCardError', 'error.name');
  equal(error.code, code, `error.code (${error.message})`);
  if (field !== undefined) equal(error.field, field, 'error.field');
  if (typeof error.message !== 'string' || error.message.length === 0) fail('error.message is empty');
  return error;
}

/** Whether `value` is a plain object of its own realm (no class, no Map). */
export function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto !== null && Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]';
}

function keysOf(value) {
  return Object.keys(value).sort().join(',');
}

/**
 * The checks, as `[name, fn]` pairs.
 *
 * @param {object} wx The package's exports.
 * @param {{ client: boolean }} env `client`: whether this entry refuses tickets
 *   without `allowTicketOnClient` (browsers, mini-programs) or not (Node.js).
 */
export function contractChecks(wx, env) {
  const consent = env.client ? { allowTicketOnClient: true } : {};
  const official = { apiTicket: OFFICIAL.apiTicket, cardId: OFFICIAL.cardId, code: OFFICIAL.code, timestamp: OFFICIAL.timestamp, nonceStr: OFFICIAL.nonceStr };
  return [
    ['cardSignature reproduces the official vector, integers as decimal strings', () => {
      equal(wx.cardSignature([OFFICIAL.apiTicket, OFFICIAL.timestamp, OFFICIAL.cardId, OFFICIAL.code, OFFICIAL.nonceStr]), OFFICIAL.signature, 'signature');
      equal(wx.cardSignature([OFFICIAL.nonceStr, null, '', undefined, OFFICIAL.code, OFFICIAL.cardId, String(OFFICIAL.timestamp), OFFICIAL.apiTicket]), OFFICIAL.signature, 'order and empties');
      throwsCode(wx, () => wx.cardSignature([1.5]), 'INVALID_VALUE', 'values[0]');
    }],
    ['buildCardExt emits the official cardExt exactly', () => {
      equal(wx.buildCardExt({ ...official, ...consent }), OFFICIAL.cardExt, 'cardExt');
    }],
    [env.client ? 'tickets are refused on this client without allowTicketOnClient' : 'tickets are allowed in Node.js without allowTicketOnClient', () => {
      if (env.client) {
        throwsCode(wx, () => wx.buildCardExt(official), 'TICKET_ON_CLIENT', 'apiTicket');
        throwsCode(wx, () => wx.jsapiConfig({ ...OFFICIAL_CONFIG, signature: undefined }), 'TICKET_ON_CLIENT', 'jsapiTicket');
        throwsCode(wx, () => wx.diagnoseCardExt(OFFICIAL.cardExt, { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket }), 'TICKET_ON_CLIENT');
      } else {
        equal(wx.buildCardExt(official), OFFICIAL.cardExt, 'cardExt');
      }
    }],
    ['buildCardExt fills a fresh nonce and the current time, and the result verifies', () => {
      const a = JSON.parse(wx.buildCardExt({ apiTicket: OFFICIAL.apiTicket, cardId: OFFICIAL.cardId, ...consent }));
      const b = JSON.parse(wx.buildCardExt({ apiTicket: OFFICIAL.apiTicket, cardId: OFFICIAL.cardId, ...consent }));
      if (!/^[A-Za-z0-9]{1,32}$/.test(a.nonce_str)) fail(`nonce_str ${a.nonce_str}`);
      if (a.nonce_str === b.nonce_str) fail('two nonces are equal');
      equal(typeof a.timestamp, 'string', 'timestamp type');
      const now = Math.floor(Date.now() / 1000);
      if (Math.abs(Number(a.timestamp) - now) > 300) fail(`timestamp ${a.timestamp} is not now (${now})`);
      const report = wx.verifyCardExt(JSON.stringify(a), { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, ...consent });
      equal(report.ok, true, `report.ok ${JSON.stringify(report.problems)}`);
      equal(report.signatureChecked, true, 'signatureChecked');
    }],
    ['Chinese text crosses the boundary both ways', () => {
      const ext = wx.buildCardExt({ ...official, outerStr: CHINESE, ...consent });
      equal(JSON.parse(ext).outer_str, CHINESE, 'outer_str out of wasm');
      const list = wx.addCardList([{ cardId: OFFICIAL.cardId, cardExt: JSON.parse(ext) }]);
      equal(JSON.parse(list[0].cardExt).outer_str, CHINESE, 'outer_str through addCardList');
      const e = throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, 备注: CHINESE }), 'UNKNOWN_FIELD');
      equal(e.field, '备注', 'a Chinese field name in the error');
      if (e.message.indexOf('备注') === -1) fail(`message lacks the Chinese field: ${e.message}`);
    }],
    ['results are plain objects and arrays with the documented keys', () => {
      const params = wx.chooseCardParams({ apiTicket: OFFICIAL.apiTicket, appId: OFFICIAL_CONFIG.appId, timestamp: 1404896688, nonceStr: 'n', ...consent });
      if (!isPlainObject(params)) fail('chooseCardParams result is not a plain object');
      equal(keysOf(params), 'cardId,cardSign,cardType,nonceStr,shopId,signType,timestamp', 'chooseCardParams keys');
      equal(params.signType, 'SHA1', 'signType');
      const config = wx.jsapiConfig({ jsapiTicket: OFFICIAL_CONFIG.jsapiTicket, appId: OFFICIAL_CONFIG.appId, url: OFFICIAL_CONFIG.url, timestamp: OFFICIAL_CONFIG.timestamp, nonceStr: OFFICIAL_CONFIG.nonceStr, ...consent });
      if (!isPlainObject(config)) fail('jsapiConfig result is not a plain object');
      equal(config.signature, OFFICIAL_CONFIG.signature, 'wx.config signature');
      equal(keysOf(config), 'appId,debug,jsApiList,nonceStr,signature,timestamp', 'jsapiConfig keys');
      if (!Array.isArray(config.jsApiList)) fail('jsApiList is not an array');
      const list = wx.addCardList([{ cardId: OFFICIAL.cardId, cardExt: OFFICIAL.cardExt }]);
      if (!Array.isArray(list) || !isPlainObject(list[0])) fail('addCardList result shape');
      equal(keysOf(list[0]), 'cardExt,cardId', 'addCardList item keys');
      const report = wx.verifyCardExt(OFFICIAL.cardExt, { cardId: OFFICIAL.cardId, nowSeconds: OFFICIAL.timestamp });
      if (!isPlainObject(report) || !Array.isArray(report.problems)) fail('report shape');
      equal(keysOf(report), 'ok,problems,signatureChecked', 'report keys');
    }],
    ['a bad cardExt is a report, not an exception', () => {
      const tampered = OFFICIAL.cardExt.replace('"123"', '"124"');
      const report = wx.verifyCardExt(tampered, { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, nowSeconds: OFFICIAL.timestamp, ...consent });
      equal(report.ok, false, 'ok');
      const p = report.problems.find((x) => x.severity === 'error');
      if (!p || typeof p.code !== 'string' || typeof p.message !== 'string') fail(`problems ${JSON.stringify(report.problems)}`);
      const garbage = wx.verifyCardExt('not json {', { cardId: OFFICIAL.cardId });
      equal(garbage.ok, false, 'ok for garbage');
      const reports = wx.verifyCardList([{ cardId: OFFICIAL.cardId, cardExt: OFFICIAL.cardExt }, { cardId: OFFICIAL.cardId, cardExt: tampered }], { apiTicket: OFFICIAL.apiTicket, nowSeconds: OFFICIAL.timestamp, ...consent });
      equal(reports.length, 2, 'one report per item');
      equal(reports[0].ok, true, 'first item ok');
      equal(reports[1].ok, false, 'second item not ok');
    }],
    ['diagnoseCardExt names a known mistake', () => {
      const upper = OFFICIAL.cardExt.replace(OFFICIAL.signature, OFFICIAL.signature.toUpperCase());
      const fine = wx.diagnoseCardExt(OFFICIAL.cardExt, { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, ...consent });
      equal(fine.ok, true, 'the official cardExt is fine');
      equal(fine.cause, null, 'no cause');
      const d = wx.diagnoseCardExt(upper.replace('"123"', '"1234"'), { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, ...consent });
      equal(d.ok, false, 'a tampered cardExt is not fine');
      if (typeof d.cause !== 'string' || typeof d.message !== 'string') fail(`diagnosis ${JSON.stringify(d)}`);
    }],
    ['wrong JS types are WxCardError INVALID_TYPE naming the field', () => {
      for (const bad of [undefined, null, 5, 'x', {}, true]) throwsCode(wx, () => wx.cardSignature(bad), 'INVALID_TYPE', 'values');
      throwsCode(wx, () => wx.buildCardExt(5), 'INVALID_TYPE', 'input');
      throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, apiTicket: 5 }), 'INVALID_TYPE', 'apiTicket');
      throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, cardId: 10n }), 'INVALID_TYPE', 'cardId');
      throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, code: Symbol('x') }), 'INVALID_TYPE', 'code');
      throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, timestamp: NaN }), 'INVALID_TYPE', 'timestamp');
      throwsCode(wx, () => wx.addCardList([{ cardId: OFFICIAL.cardId, cardExt: () => 1 }]), 'INVALID_TYPE', 'cardList[0].cardExt');
      // A cardExt of the wrong type is a problem in the report, not a throw (API.md).
      for (const [bad, code] of [[42, 'INVALID_TYPE'], [undefined, 'MISSING_FIELD'], [{ timestamp: '1' }, 'INVALID_TYPE']]) {
        const report = wx.verifyCardExt(bad, { cardId: OFFICIAL.cardId });
        equal(report.ok, false, `verifyCardExt(${typeof bad}).ok`);
        equal(report.problems[0].code, code, `verifyCardExt(${typeof bad}) first problem`);
        equal(report.problems[0].field, 'cardExt', `verifyCardExt(${typeof bad}) field`);
      }
      throwsCode(wx, () => wx.diagnoseCardExt({}, { cardId: OFFICIAL.cardId, apiTicket: OFFICIAL.apiTicket, ...consent }), 'INVALID_TYPE', 'cardExt');
      const cyclic = { cardId: OFFICIAL.cardId };
      cyclic.cardExt = cyclic;
      throwsCode(wx, () => wx.addCardList([cyclic]), 'INVALID_TYPE', 'cardList[0].cardExt');
      const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
      throwsCode(wx, () => wx.buildCardExt(trap), 'INVALID_TYPE', 'input');
    }],
    ['domain errors keep their codes across the boundary', () => {
      throwsCode(wx, () => wx.buildCardExt({ cardId: OFFICIAL.cardId, ...consent }), 'MISSING_FIELD', 'apiTicket');
      throwsCode(wx, () => wx.buildCardExt({ ...official, ...consent, timestamp: 1404896688123 }), 'INVALID_TIMESTAMP', 'timestamp');
      throwsCode(wx, () => wx.addCardList([{ cardId: OFFICIAL.cardId, cardExt: JSON.stringify(OFFICIAL.cardExt) }]), 'DOUBLE_ENCODED');
      throwsCode(wx, () => wx.addCardList([{ cardId: OFFICIAL.cardId, cardExt: { timestamp: '1404896688', nonceStr: '123', signature: OFFICIAL.signature } }]), 'CAMEL_CASE_KEY');
      throwsCode(wx, () => wx.verifyCardExt(OFFICIAL.cardExt, {}), 'MISSING_FIELD', 'cardId');
    }],
    ['the module keeps working after a run of errors', () => {
      for (let i = 0; i < 200; i++) {
        try {
          wx.buildCardExt({ apiTicket: i });
        } catch (e) {
          if (!(e instanceof wx.WxCardError)) throw e;
        }
      }
      equal(wx.buildCardExt({ ...official, ...consent }), OFFICIAL.cardExt, 'cardExt after errors');
    }],
  ];
}
