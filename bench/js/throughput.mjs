// Throughput in one Node.js process, same inputs for every candidate:
//   verifyCardExt with the ticket: the package vs the same check in JavaScript
//   over js-sha1, crypto-js and node:crypto; verifyCardList on 64 items vs 64
//   single calls; buildCardExt: the package vs the JavaScript builders.
//
//   node bench/js/throughput.mjs      (needs pkg/: cargo xtask build)
// Prints `key<TAB>median<TAB>unit` lines (CPU time; `.wall` keys: wall-clock
// time); progress goes to stderr.

import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { compare, emitTimes } from './harness.mjs';
import { BUILD_INPUT, CARD_EXT, CARD_ID, CARD_LIST, LIST_LEN, PKG, TICKET } from './inputs.mjs';
import * as reference from './reference.mjs';
// The package's strict input conversion, from the source it is bundled from.
import { toJson } from '../../pkg-template/src/errors.js';

const wx = await import(pathToFileURL(PKG + 'dist/wxcard.node.mjs').href);
await wx.init();
const libraries = Object.keys(reference.SHA1);

// Every candidate must give the same answer before its speed means anything.
const options = { cardId: CARD_ID, apiTicket: TICKET };
const report = wx.verifyCardExt(CARD_EXT, options);
assert.equal(report.ok, true, JSON.stringify(report));
assert.equal(report.signatureChecked, true);
for (const lib of libraries) {
  assert.equal(reference.verifyCardExt(reference.SHA1[lib], CARD_EXT, CARD_ID, TICKET), true, lib);
  const tampered = CARD_EXT.replace('"123"', '"124"');
  assert.equal(reference.verifyCardExt(reference.SHA1[lib], tampered, CARD_ID, TICKET), false, lib);
  assert.equal(reference.buildCardExt(reference.SHA1[lib], BUILD_INPUT), wx.buildCardExt(BUILD_INPUT), lib);
}
const reports = wx.verifyCardList(CARD_LIST, { apiTicket: TICKET });
assert.equal(reports.length, LIST_LEN);
assert.ok(reports.every((r) => r.ok && r.signatureChecked));

console.error('verifyCardExt with the ticket…');
const verify = compare({
  wxcard: () => wx.verifyCardExt(CARD_EXT, options),
  ...Object.fromEntries(
    libraries.map((lib) => [lib, () => reference.verifyCardExt(reference.SHA1[lib], CARD_EXT, CARD_ID, TICKET)]),
  ),
});
for (const [name, t] of Object.entries(verify)) emitTimes(`node.verify.${name}`, t);

console.error('fixed costs: the cheapest call through the package, the options through toJson…');
const fixed = compare({
  compareVersion: () => wx.compareVersion('2.5.0', '2.10.1'),
  toJson: () => toJson(options, '', 'options'),
});
emitTimes('node.call.compareVersion', fixed.compareVersion);
emitTimes('node.call.toJson_options', fixed.toJson);

console.error('verifyCardList (64) vs 64 single calls…');
const listOptions = { apiTicket: TICKET };
const batch = compare({
  list: () => wx.verifyCardList(CARD_LIST, listOptions),
  single: () => {
    let ok = true;
    for (const item of CARD_LIST) ok = wx.verifyCardExt(item.cardExt, { cardId: item.cardId, apiTicket: TICKET }).ok && ok;
    return ok;
  },
});
emitTimes('node.verify_list_64.per_item', batch.list, LIST_LEN);
emitTimes('node.verify_single_64.per_item', batch.single, LIST_LEN);

console.error('buildCardExt…');
const build = compare({
  wxcard: () => wx.buildCardExt(BUILD_INPUT),
  ...Object.fromEntries(libraries.map((lib) => [lib, () => reference.buildCardExt(reference.SHA1[lib], BUILD_INPUT)])),
});
for (const [name, t] of Object.entries(build)) emitTimes(`node.build.${name}`, t);
