// The native page that <web-view> routing targets: the H5 page calls
//   wxcard.navigateToAddCardPage(cardList, { page: '/pages/add-card/index' })
// and this page reads the cards back from its query and calls wx.addCard,
// which a native page can always reach (base library ≥ 1.1.0).
const wxcard = require('wxcard');
const { describe } = require('../../utils/messages');

Page({
  data: { status: '正在领取… (adding)', retry: false, cards: [] },

  async onLoad(query) {
    try {
      await wxcard.init();
      this.cardList = wxcard.readAddCardQuery(query);
    } catch (e) {
      this.setData({ status: describe(e) });
      return;
    }
    await this.add();
  },

  async add() {
    this.setData({ retry: false, status: '正在领取… (adding)' });
    try {
      const { cards } = await wxcard.addCard(this.cardList);
      this.setData({ cards, status: '已领取 (added)' });
      wx.navigateBack({ delta: 1 });
    } catch (e) {
      this.setData({ status: describe(e), retry: e.code === 'CANCELLED' || e.code === 'WX_FAIL' });
    }
  },

  onRetry() {
    return this.add();
  },
});
