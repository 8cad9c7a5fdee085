// Type test: every export of index.d.ts, called as the README shows.
// Checked with `tsc --noEmit` (no DOM lib: the declarations must not need one).

import init, * as wx from 'wxcard';
import { WxCardError, type Report, type ErrorCode } from 'wxcard';

async function main(): Promise<void> {
  await init();
  await wx.init({ wasmPath: '/miniprogram_npm/wxcard/wxcard_bg.wasm.br' });
  await wx.default({ wasmUrl: '/pkg/dist/wxcard_bg.wasm' });

  const sig: string = wx.cardSignature(['ticket', 1404896688, null, undefined, 'card']);
  const ext: string = wx.buildCardExt({ apiTicket: 't', cardId: 'c', code: '1', openid: 'o', timestamp: 1, nonceStr: 'n', fixedBeginTimestamp: '2', outerStr: '渠道', allowTicketOnClient: true });
  const list: { cardId: string; cardExt: string }[] = wx.addCardList([{ cardId: 'c', cardExt: ext }, { cardId: 'c', cardExt: { timestamp: '1' } }]);
  const open: { cardId: string; code: string }[] = wx.openCardList([{ cardId: 'c', code: '1' }]);
  const params = wx.chooseCardParams({ apiTicket: 't', appId: 'wx1', shopId: 's', cardType: 'GROUPON', cardId: 'c', timestamp: '1', nonceStr: 'n' });
  const signType: 'SHA1' = params.signType;
  const config = wx.jsapiConfig({ jsapiTicket: 't', appId: 'wx1', url: 'https://a/#x', jsApiList: ['addCard'], timestamp: 1, nonceStr: 'n', debug: false });
  const configSig: string = config.signature;
  const report: Report = wx.verifyCardExt(ext, { cardId: 'c', apiTicket: 't', nowSeconds: 1, maxAgeSeconds: 60, expectOpenid: 'o', expectCode: '1' });
  const severity: 'error' | 'warning' | undefined = report.problems[0]?.severity;
  const diagnosis = wx.diagnoseCardExt(ext, { cardId: 'c', apiTicket: 't' });
  const cause: string | null = diagnosis.cause;
  const reports: Report[] = wx.verifyCardList(list, { nowSeconds: 1 });
  wx.verifyCardList(list);

  const env = wx.detectEnvironment({ navigator: { userAgent: 'x' } });
  const kind: 'miniprogram' | 'minigame' | 'wechat-h5' | 'miniprogram-webview' | 'browser' | 'node' = env.kind;
  const support = wx.cardSupport();
  const supported: boolean = support.addCard.supported && support.openCard.supported && support.chooseCard.supported;
  const order: -1 | 0 | 1 = wx.compareVersion('2.14.0', '2.9.1');

  const added = await wx.addCard(list, { timeoutMs: 1000 });
  const code: string | undefined = added.cards[0]?.code;
  await wx.openCard(open, { wx: {} });
  const chosen: { cardId: string; encryptCode: string }[] = await wx.chooseCard(params);
  const nav: { url: string } = await wx.navigateToAddCardPage(list, { page: '/pages/add-card/index' });
  const back: { cardId: string; cardExt: string }[] = wx.readAddCardQuery({ cards: 'x' });

  const body = wx.withMiniProgramLinks({ card: { card_type: 'MEMBER_CARD' } }, { custom: { userName: 'gh_86a091e50ad4@app', path: 'pages/index', title: '会员' } });
  const problems = wx.validateCardDefinition(JSON.stringify(body));
  const update: object = wx.cardUpdateBody('c', 'MEMBER_CARD', { title: '新' });

  try {
    wx.buildCardExt({ apiTicket: 't', cardId: 'c' });
  } catch (e) {
    if (e instanceof WxCardError) {
      const c: ErrorCode = e.code;
      const f: string | undefined = e.field;
      const m: string | undefined = e.errMsg;
      const n: 'WxCardError' = e.name;
      void [c, f, m, n];
    }
  }
  const made: Error = new WxCardError('WX_FAIL', 'addCard:fail', { errMsg: 'addCard:fail' });

  // @ts-expect-error cardId is required
  wx.verifyCardExt(ext, {});
  // @ts-expect-error a cardList item needs cardExt
  wx.addCardList([{ cardId: 'c' }]);

  void [sig, signType, configSig, severity, cause, reports, kind, supported, order, code, chosen, nav, back, problems, update, made];
}

void main;
