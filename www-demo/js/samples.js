// Sample inputs: the official cardExt example (JS-SDK doc, Appendix 4) and the common mistakes
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
 * The vector of a case-insensitive sort: these values sorted ignoring case sign to
 * `d8fb…`, while WeChat's byte-order sort gives `cbf801ab888bedddf46ef2d03c04b7057c10da0c`.
 */
const CASE_VECTOR = Object.freeze({
  apiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  timestamp: '1414587457',
  nonceStr: 'Wm3WZYTPz0wzccnW',
  caseInsensitiveSignature: 'd8fb7d2e97dd61d2066f75fe6027a4bba8689e76',
});

/**
 * Signs `values` through the package itself, or gives `fallback` when it cannot.
 * @param {{ cardSignature?: (values: string[]) => string } | null} api
 * @param {string[]} values
 * @param {string} fallback
 */
function sign(api, values, fallback) {
  if (!api || typeof api.cardSignature !== 'function') return fallback;
  try {
    return api.cardSignature(values);
  } catch {
    return fallback;
  }
}

/**
 * The inputs behind the example buttons of the check panel, each a common mistake.
 * @param {{ cardSignature?: (values: string[]) => string } | null} api
 * @returns {Record<string, { cardExt: string, cardId: string, apiTicket: string }>}
 */
export function checkExamples(api) {
  const { apiTicket, cardId, code, timestamp, nonceStr, signature } = OFFICIAL;
  const millis = `${timestamp}000`;
  const official = (/** @type {object} */ cardExt) => ({ cardExt: pretty(cardExt), cardId, apiTicket });
  return {
    official: official({ code, timestamp, nonce_str: nonceStr, signature }),
    camel: official({ code, timestamp, nonceStr, signature }),
    unsigned: official({
      code,
      timestamp,
      nonce_str: nonceStr,
      signature: sign(api, [apiTicket, timestamp, cardId, code], signature),
    }),
    caseSort: {
      cardExt: pretty({
        timestamp: CASE_VECTOR.timestamp,
        nonce_str: CASE_VECTOR.nonceStr,
        signature: CASE_VECTOR.caseInsensitiveSignature,
      }),
      cardId,
      apiTicket: CASE_VECTOR.apiTicket,
    },
    millis: official({
      code,
      timestamp: millis,
      nonce_str: nonceStr,
      signature: sign(api, [apiTicket, millis, cardId, code, nonceStr], signature),
    }),
    leak: official({ code, timestamp, nonce_str: nonceStr, signature, api_ticket: apiTicket }),
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
