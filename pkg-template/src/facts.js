// Gathers the host facts that environment detection and card support are
// decided from (the Rust core decides; this file only reads). Reading never
// throws: getters that throw, revoked or hostile Proxies, frozen objects and
// missing globals all read as "not there".

/** Members of `wx` whose presence as functions is reported. */
const PROBED = [
  'addCard', 'openCard', 'chooseCard', 'canIUse',
  'getSystemInfoSync', 'getAppBaseInfo', 'getDeviceInfo', 'getSystemInfo',
  'navigateTo', 'request', 'createCanvas',
  'config', 'ready', 'error', 'checkJsApi',
];

/** Longest string fact kept; user agents are far shorter. */
const MAX_STRING = 1024;

/** `wx` objects already asked `wx.ready(...)`, and whether it has fired. */
const readyProbes = typeof WeakMap === 'function' ? new WeakMap() : null;

function isObjectLike(value) {
  const t = typeof value;
  return (t === 'object' && value !== null) || t === 'function';
}

/** `obj[key]`, or `undefined` when `obj` is not an object or reading throws. */
export function safeGet(obj, key) {
  if (!isObjectLike(obj)) return undefined;
  try {
    return obj[key];
  } catch (e) {
    return undefined;
  }
}

/** Calls `fn` with `thisArg`; `undefined` when it is not a function or throws. */
export function safeCall(fn, thisArg, args) {
  if (typeof fn !== 'function') return undefined;
  try {
    return Reflect.apply(fn, thisArg, args || []);
  } catch (e) {
    return undefined;
  }
}

function str(value) {
  return typeof value === 'string' ? value.slice(0, MAX_STRING) : undefined;
}

function freeVariable(name) {
  // Free variables of the host (a mini-program's `wx` is not always on globalThis).
  try {
    switch (name) {
      case 'wx': return typeof wx !== 'undefined' ? wx : undefined;
      case 'WeixinJSBridge': return typeof WeixinJSBridge !== 'undefined' ? WeixinJSBridge : undefined;
      case 'GameGlobal': return typeof GameGlobal !== 'undefined' ? GameGlobal : undefined;
      default: return undefined;
    }
  } catch (e) {
    return undefined;
  }
}

/**
 * The real global object, or `undefined` when there is none (`globalThis`
 * is missing in old hosts; mini-program free variables are read separately).
 */
export function realGlobals() {
  try {
    if (typeof globalThis === 'object' && globalThis !== null) return globalThis;
  } catch (e) {
    // fall through
  }
  try {
    if (typeof self === 'object' && self !== null) return self;
  } catch (e) {
    // fall through
  }
  return undefined;
}

/**
 * A reader of one global name: `globals[name]`, then `globals.window[name]`;
 * for the real globals also the host's free variables.
 */
function reader(globals, usingReal) {
  const win = safeGet(globals, 'window');
  return function read(name) {
    let value = safeGet(globals, name);
    if (value === undefined && isObjectLike(win) && win !== globals) value = safeGet(win, name);
    if (value === undefined && usingReal) value = freeVariable(name);
    return value;
  };
}

function configState(wx) {
  if (typeof safeGet(wx, 'config') !== 'function') return undefined;
  const ready = safeGet(wx, 'ready');
  if (typeof ready !== 'function' || readyProbes === null) return 'unknown';
  let probe;
  try {
    probe = readyProbes.get(wx);
  } catch (e) {
    return 'unknown';
  }
  if (probe === undefined) {
    // jweixin calls a `ready` callback at once when wx.config has finished and
    // queues it otherwise; the callback only records that it ran.
    probe = { fired: false };
    try {
      readyProbes.set(wx, probe);
    } catch (e) {
      return 'unknown';
    }
    safeCall(ready, wx, [function () { probe.fired = true; }]);
  }
  return probe.fired ? 'ready' : 'pending';
}

function systemInfo(wx) {
  const base = safeCall(safeGet(wx, 'getAppBaseInfo'), wx) || safeCall(safeGet(wx, 'getSystemInfoSync'), wx);
  const device = safeCall(safeGet(wx, 'getDeviceInfo'), wx) || base;
  return {
    sdkVersion: str(safeGet(base, 'SDKVersion')),
    wechatVersion: str(safeGet(base, 'version')),
    platform: str(safeGet(device, 'platform')),
  };
}

function wxFacts(wx) {
  const apis = [];
  for (const name of PROBED) {
    if (typeof safeGet(wx, name) === 'function') apis.push(name);
  }
  const facts = { apis, miniProgram: isObjectLike(safeGet(wx, 'miniProgram')) };
  const jweixin = apis.indexOf('config') !== -1;
  if (!jweixin) Object.assign(facts, systemInfo(wx));
  if (apis.indexOf('canIUse') !== -1) {
    const canIUse = safeGet(wx, 'canIUse');
    const answers = {};
    for (const api of ['addCard', 'openCard']) {
      const answer = safeCall(canIUse, wx, [api]);
      if (typeof answer === 'boolean') answers[api] = answer;
    }
    facts.canIUse = answers;
  }
  const config = configState(wx);
  if (config !== undefined) facts.config = config;
  return facts;
}

/**
 * Reads the host facts from `globals` (default: the real global object).
 *
 * @param {object} [globals] A global object, real or fake: `{ wx, navigator,
 *   window, WeixinJSBridge, __wxjs_environment, GameGlobal, process }`.
 * @param {object} [wxOverride] A `wx` object to use instead of the global one.
 * @returns {object} Facts in the JSON shape the core reads (`HostFacts`).
 */
export function gatherFacts(globals, wxOverride) {
  const usingReal = globals === undefined || globals === null;
  const g = usingReal ? realGlobals() : globals;
  const read = reader(g, usingReal);
  const facts = {};
  let wx = wxOverride;
  if (!isObjectLike(wx)) wx = read('wx');
  if (!isObjectLike(wx)) wx = read('jWeixin');
  if (isObjectLike(wx)) facts.wx = wxFacts(wx);
  const ua = str(safeGet(read('navigator'), 'userAgent'));
  if (ua !== undefined) facts.userAgent = ua;
  const env = str(read('__wxjs_environment'));
  if (env !== undefined) facts.wxjsEnvironment = env;
  facts.weixinJSBridge = isObjectLike(read('WeixinJSBridge'));
  facts.miniGame = isObjectLike(read('GameGlobal'));
  facts.node = typeof safeGet(safeGet(read('process'), 'versions'), 'node') === 'string';
  return facts;
}

/** The `wx` object a wrapper calls: `options.wx`, else the global one. */
export function resolveWx(globals, wxOverride) {
  if (isObjectLike(wxOverride)) return wxOverride;
  const usingReal = globals === undefined || globals === null;
  const read = reader(usingReal ? realGlobals() : globals, usingReal);
  const wx = read('wx');
  return isObjectLike(wx) ? wx : read('jWeixin');
}

/** `document` of the host (for `WeixinJSBridgeReady`), if any. */
export function resolveDocument(globals) {
  const usingReal = globals === undefined || globals === null;
  return reader(usingReal ? realGlobals() : globals, usingReal)('document');
}

/** Whether `WeixinJSBridge` is present now. */
export function hasBridge(globals) {
  const usingReal = globals === undefined || globals === null;
  return isObjectLike(reader(usingReal ? realGlobals() : globals, usingReal)('WeixinJSBridge'));
}
