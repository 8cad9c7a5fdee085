// Sample inputs: the official cardExt example (SPEC §1.2) and the common mistakes
// the check panel can load, plus a member-card definition with mini-program links.

/** The official example of the WeChat JS-SDK doc, Appendix 4. */
export const OFFICIAL = Object.freeze({
  apiTicket: 'ojZ8YtyVyr30HheH3CM73y7h4jJE',
  cardId: 'pjZ8Yt1XGILfi-FUsewpnnolGgZk',
  code: '1434008071',
  timestamp: '1404896688',
  nonceStr: '123',
  signature: 'f137ab68b7f8112d20ee528ab6074564e2796250',
});

/** @param {object} value */
const pretty = (value) => JSON.stringify(value, null, 2);

/**
 * Signs the official values with a different timestamp, through the package itself when it can.
 * @param {{ cardSignature?: (values: string[]) => string } | null} api
 * @param {string} timestamp
 */
function signOfficial(api, timestamp) {
  if (!api || typeof api.cardSignature !== 'function') return OFFICIAL.signature;
  try {
    return api.cardSignature([OFFICIAL.apiTicket, timestamp, OFFICIAL.cardId, OFFICIAL.code, OFFICIAL.nonceStr]);
  } catch {
    return OFFICIAL.signature;
  }
}

/**
 * The cardExt texts behind the example buttons of the check panel.
 * @param {{ cardSignature?: (values: string[]) => string } | null} api
 * @returns {Record<string, string>}
 */
export function checkExamples(api) {
  const { code, timestamp, nonceStr, signature } = OFFICIAL;
  const millis = `${timestamp}000`;
  return {
    official: pretty({ code, timestamp, nonce_str: nonceStr, signature }),
    camel: pretty({ code, timestamp, nonceStr, signature }),
    unsent: pretty({ code, timestamp, signature }),
    millis: pretty({ code, timestamp: millis, nonce_str: nonceStr, signature: signOfficial(api, millis) }),
    leak: pretty({ code, timestamp, nonce_str: nonceStr, signature, api_ticket: OFFICIAL.apiTicket }),
  };
}

/** A member card with a custom and a promotion entry that open a mini-program. */
export const MEMBER_CARD = pretty({
  card: {
    card_type: 'MEMBER_CARD',
    member_card: {
      background_pic_url: 'https://mmbiz.qpic.cn/mmbiz/example/0',
      base_info: {
        logo_url: 'https://mmbiz.qpic.cn/mmbiz/example-logo/0',
        brand_name: '示例咖啡',
        code_type: 'CODE_TYPE_QRCODE',
        title: '示例咖啡会员卡',
        color: 'Color010',
        notice: '使用时向店员出示此卡',
        description: '会员卡不可与其他优惠同享',
        date_info: { type: 'DATE_TYPE_PERMANENT' },
        sku: { quantity: 100000 },
        get_limit: 1,
        custom_url_name: '立即使用',
        custom_app_brand_user_name: 'gh_86a091e50ad4@app',
        custom_app_brand_pass: 'API/cardPage',
        custom_url_sub_title: '6个汉字tips',
        promotion_url_name: '更多优惠',
        promotion_app_brand_user_name: 'gh_86a091e50ad4@app',
        promotion_app_brand_pass: 'pages/promo/index',
      },
      prerogative: '会员享受九折优惠',
      supply_bonus: true,
      supply_balance: false,
      auto_activate: true,
    },
  },
});
