// Reading a cardExt for display: tolerant parsing, its timestamp, and the values
// WeChat signs (JS-SDK doc, Appendix 4), labelled and with the ticket masked.

/**
 * The cardExt text as a JSON object, or null when it is not one.
 * @param {string} text
 * @returns {Record<string, unknown> | null}
 */
export function parseObject(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Whole Unix seconds from a cardExt `timestamp` (digit string or integer), else null.
 * @param {unknown} value
 */
export function readTimestamp(value) {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^[0-9]{1,10}$/.test(value)) return Number(value);
  return null;
}

/**
 * A Unix time in China Standard Time, the zone WeChat's docs use.
 * @param {number} seconds
 */
export function formatTime(seconds) {
  try {
    const text = new Date(seconds * 1000).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    return `${seconds} (${text} UTC+8)`;
  } catch {
    return String(seconds);
  }
}

/**
 * A ticket shortened for display.
 * @param {string} ticket
 */
export function maskTicket(ticket) {
  if (ticket.length <= 8) return '•'.repeat(ticket.length);
  return `${ticket.slice(0, 4)}…${ticket.slice(-3)}`;
}

/**
 * The signed values of a cardExt with their labels, sorted as WeChat sorts them.
 * Integers become decimal strings; other non-string values are passed through so that
 * cardSignature reports them.
 * @param {Record<string, unknown>} parsed
 * @param {string} cardId
 * @param {string} ticket
 * @returns {Array<{ label: string, value: unknown, shown: string }>}
 */
export function signedValues(parsed, cardId, ticket) {
  /** @type {Array<{ label: string, value: unknown, shown: string }>} */
  const values = [
    { label: 'api_ticket', value: ticket, shown: maskTicket(ticket) },
    { label: 'card_id', value: cardId, shown: cardId },
  ];
  for (const key of ['timestamp', 'code', 'openid', 'nonce_str']) {
    const value = parsed[key];
    if (value === undefined || value === null || value === '') continue;
    const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    values.push({ label: `cardExt.${key}`, value: text, shown: typeof text === 'string' ? text : JSON.stringify(text) });
  }
  return values
    .filter((x) => x.value !== '')
    .sort((a, b) => {
      const x = String(a.value);
      const y = String(b.value);
      return x < y ? -1 : x > y ? 1 : 0;
    });
}
