// Adds cards with wxcard.addCard and opens one with wxcard.openCard.
const wxcard = require('wxcard');
const server = require('../../utils/server');
const { describe } = require('../../utils/messages');

/** The cards this page offers; ids of cards created by your official account. */
const CARD_IDS = ['pFS7Fjg8kV1IdDz01r4SQwMkuCKc'];

Page({
  data: { support: null, added: [], busy: false, message: '' },

  async onLoad() {
    try {
      await wxcard.init();
      this.setData({ support: wxcard.cardSupport() });
    } catch (e) {
      this.setData({ message: describe(e) });
    }
  },

  async onAddCard() {
    this.setData({ busy: true, message: '' });
    try {
      const cardList = await server.signedCardList(CARD_IDS);
      const { cards } = await wxcard.addCard(cardList);
      this.setData({ added: cards, message: '已领取 ' + cards.filter((c) => c.isSuccess).length + ' 张' });
    } catch (e) {
      this.setData({ message: describe(e) });
    } finally {
      this.setData({ busy: false });
    }
  },

  async onOpenCard() {
    const card = this.data.added.find((c) => c.isSuccess && c.code);
    if (!card) return;
    this.setData({ busy: true, message: '' });
    try {
      // addCard returns an encrypted code; openCard needs it decrypted (server side).
      const code = await server.decryptCode(card.code);
      await wxcard.openCard([{ cardId: card.cardId, code }]);
    } catch (e) {
      this.setData({ message: describe(e) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
