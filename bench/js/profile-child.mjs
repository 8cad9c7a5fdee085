// Calls verifyCardExt through the package for a few seconds after a warm-up,
// for a V8 CPU profile of where a call's time goes (run by profile.mjs).

import { pathToFileURL } from 'node:url';
import { CARD_EXT, CARD_ID, PKG, TICKET } from './inputs.mjs';

const wx = await import(pathToFileURL(PKG + 'dist/wxcard.node.mjs').href);
const options = { cardId: CARD_ID, apiTicket: TICKET };
const seconds = Number(process.argv[2] || 3);
let ok = 0;
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  for (let i = 0; i < 1000; i++) ok += wx.verifyCardExt(CARD_EXT, options).ok ? 1 : 0;
}
if (ok === 0) throw new Error('no verification succeeded');
