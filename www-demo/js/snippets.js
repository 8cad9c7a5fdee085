// Copyable code for a mini-program page and an H5 page that use a cardList built
// on the server. The payload is shown inline so the snippet runs as it stands.

/**
 * @param {unknown} value
 * @param {number} indent spaces before every line after the first
 */
function literal(value, indent) {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/**
 * A mini-program page that adds the card and opens it, with wxcard after 构建 npm.
 * @param {Array<{ cardId: string, cardExt: string }>} cardList
 */
export function miniProgramSnippet(cardList) {
  return `// pages/card/card.js — 小程序页面 (mini-program page), after 构建 npm
const wxcard = require('wxcard')

Page({
  async onAddCard() {
    await wxcard.init()
    // 生产环境：从你的服务器取 cardList（服务器上调用 buildCardExt）
    // In production, fetch this cardList from your server (buildCardExt runs there).
    const cardList = ${literal(cardList, 4)}
    try {
      const { cards } = await wxcard.addCard(cardList)
      // cards[i].code 是加密的：先在服务器解密，再用于 openCard
      // cards[i].code is encrypted: decrypt it on the server before openCard.
      console.log(cards)
    } catch (err) {
      if (err.code === 'CANCELLED') return // 用户取消 (the user backed out)
      wx.showToast({ title: err.code, icon: 'none' })
    }
  },
})
`;
}

/**
 * An H5 page (official-account web page) that configures the JS-SDK and adds the card.
 * @param {Array<{ cardId: string, cardExt: string }>} cardList
 * @param {object | null} chooseParams
 */
export function h5Snippet(cardList, chooseParams) {
  const choose = chooseParams
    ? `

    // chooseCard（仅 H5 / H5 only）：参数同样由服务器生成 (built on the server too)
    const chosen = await wxcard.chooseCard(${literal(chooseParams, 4)})
    console.log(chosen) // [{ cardId, encryptCode }]`
    : '';
  return `<!-- H5 页面 (H5 page in WeChat) -->
<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script>
<script type="module">
  // 有打包器 (bundler): 'wxcard'；无打包器 (no bundler): 包内 dist/wxcard.js 的路径 (its path)
  import init, * as wxcard from 'wxcard'
  await init()

  // wx.config 的签名用 jsapi_ticket，在服务器上计算 (jsapiConfig runs on the server)
  const url = location.href.split('#')[0]
  wx.config(await (await fetch('/api/jsapi-config?url=' + encodeURIComponent(url))).json())

  wx.ready(async () => {
    // 从服务器取 cardList (fetch it from your server in production)
    const cardList = ${literal(cardList, 4)}
    try {
      const { cards } = await wxcard.addCard(cardList)
      console.log(cards)
    } catch (err) {
      // CANCELLED / PERMISSION_DENIED / UNSUPPORTED / TIMEOUT / WX_FAIL
      console.warn(err.code, err.message)
    }${choose}
  })
</script>
`;
}
