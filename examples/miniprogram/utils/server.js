// Calls to your own server, which holds the card api_ticket: it signs the
// cardExt of each card and decrypts the codes addCard returns. The ticket
// never reaches the mini-program.

function request(path, data) {
  const { server } = getApp().globalData;
  return new Promise((resolve, reject) => {
    wx.request({
      url: server + path,
      method: 'POST',
      data,
      success: (res) => (res.statusCode === 200 ? resolve(res.data) : reject(new Error(path + ': HTTP ' + res.statusCode))),
      fail: (res) => reject(new Error(path + ': ' + res.errMsg)),
    });
  });
}

/** `[{ cardId, cardExt }]`, signed by the server for these card ids. */
function signedCardList(cardIds) {
  return request('/card-list', { cardIds }).then((body) => body.cardList);
}

/** The decrypted code of an encrypted one (`card/code/decrypt` on the server). */
function decryptCode(encryptCode) {
  return request('/decrypt-code', { encryptCode }).then((body) => body.code);
}

module.exports = { signedCardList, decryptCode };
