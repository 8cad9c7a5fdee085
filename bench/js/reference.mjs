// The cardExt check and builder as people write them in JavaScript today,
// over a SHA-1 hex function: parse the JSON, collect and sort the values,
// hash, compare. One implementation, three hash libraries.

import { createHash } from 'node:crypto';
import CryptoJS from 'crypto-js';
import jsSha1 from 'js-sha1';

/** SHA-1 hex of a string, per library. */
export const SHA1 = {
  'js-sha1': (text) => jsSha1(text),
  'crypto-js': (text) => CryptoJS.SHA1(text).toString(CryptoJS.enc.Hex),
  'node:crypto': (text) => createHash('sha1').update(text).digest('hex'),
};

const SIGNED_KEYS = ['code', 'openid', 'nonce_str'];

/**
 * Whether `cardExt` carries the right signature for `cardId` under `ticket`.
 * @param {(text: string) => string} sha1
 */
export function verifyCardExt(sha1, cardExt, cardId, ticket) {
  const ext = JSON.parse(cardExt);
  const values = [ticket, String(ext.timestamp), cardId];
  for (const key of SIGNED_KEYS) {
    const value = ext[key];
    if (value !== undefined && value !== null && value !== '') values.push(String(value));
  }
  values.sort();
  return typeof ext.signature === 'string' && sha1(values.join('')) === ext.signature.toLowerCase();
}

/**
 * The signed cardExt JSON string for one card.
 * @param {(text: string) => string} sha1
 */
export function buildCardExt(sha1, { apiTicket, cardId, code, openid, timestamp, nonceStr }) {
  const ts = String(timestamp);
  const values = [apiTicket, ts, cardId];
  for (const value of [code, openid, nonceStr]) if (value) values.push(value);
  values.sort();
  const ext = {};
  if (code) ext.code = code;
  if (openid) ext.openid = openid;
  ext.timestamp = ts;
  ext.nonce_str = nonceStr;
  ext.signature = sha1(values.join(''));
  return JSON.stringify(ext);
}
