// Type test: the output of addCardList / openCardList goes straight into the
// mini-program's wx.addCard / wx.openCard, as typed by miniprogram-api-typings.

import * as wxcard from 'wxcard';

async function addAndOpen(cardExt: string): Promise<void> {
  await wxcard.init();
  const cardList = wxcard.addCardList([{ cardId: 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', cardExt }]);
  wx.addCard({
    cardList,
    success(res) {
      const first = res.cardList[0];
      if (first && first.isSuccess) {
        wx.openCard({ cardList: wxcard.openCardList([{ cardId: first.cardId, code: 'decrypted-on-server' }]) });
      }
    },
  });
}

void addAndOpen;
