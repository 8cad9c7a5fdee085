/**
 * wxcard — WeChat card & coupon (卡券) payloads: signatures, `cardExt`
 * building, verification and diagnosis, environment detection and promise
 * wrappers, over one WebAssembly module.
 *
 * Node.js: ready at once (`init()` is a resolved no-op). Browsers and
 * bundlers: `await init()` first. Mini-programs (after 构建 npm):
 * `await require('wxcard').init()`. Every failure is a {@link WxCardError}.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/**
 * Options of {@link init}. Each environment reads only its own fields: URL
 * (`wasmUrl`, a string, `URL` or `Request`) and `wasm` in browsers, `wasmPath`
 * in mini-programs.
 */
export interface InitOptions {
  /**
   * Browsers and bundlers: where to fetch `wxcard_bg.wasm`. Default: next to
   * the package's `dist/wxcard.js`, as `new URL('wxcard_bg.wasm', import.meta.url)`.
   */
  wasmUrl?: string | { readonly href: string } | { readonly url: string };
  /**
   * Browsers and bundlers: the module itself instead of `wasmUrl`: its bytes
   * (`ArrayBuffer` / typed array), a `WebAssembly.Module`, a `Response` or a
   * promise of one. (Typed structurally, so the declarations need no DOM lib.)
   */
  wasm?: ArrayBuffer | ArrayBufferView | object;
  /**
   * Mini-programs: the code-package path of the module for `WXWebAssembly.instantiate`.
   * Default `/miniprogram_npm/wxcard/wxcard_bg.wasm.br` (base library ≥ 2.14.0 for `.wasm.br`).
   */
  wasmPath?: string;
}

/**
 * Loads the WebAssembly module. Idempotent: concurrent and repeated calls share
 * one promise, and after a failed load the next call tries again. In Node.js it
 * is a resolved no-op. Any other export called before it has resolved throws
 * `NOT_INITIALIZED`.
 *
 * @param options Where the module is (browsers: `wasmUrl` / `wasm`; mini-programs: `wasmPath`).
 * @returns Resolves when every export is usable.
 * @throws {WxCardError} (rejects) `INIT_FAILED` when the module cannot be loaded,
 *   `UNSUPPORTED` when there is no `WebAssembly` / `WXWebAssembly`.
 * @example
 * import init, * as wx from 'wxcard';
 * await init();
 */
export function init(options?: InitOptions): Promise<void>;
export default init;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Codes thrown by the Rust core (see the README's "Error codes"). */
export type CoreErrorCode =
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'MISSING_FIELD'
  | 'TOO_LONG'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_JSON'
  | 'DOUBLE_ENCODED'
  | 'CAMEL_CASE_KEY'
  | 'SNAKE_CASE_KEY'
  | 'UNKNOWN_FIELD'
  | 'MALFORMED_SIGNATURE'
  | 'TICKET_LEAKED'
  | 'ENCRYPTED_CODE'
  | 'NO_RANDOM_SOURCE'
  | 'NO_CLOCK'
  | 'TICKET_ON_CLIENT'
  | 'PAYLOAD_TOO_LONG'
  | 'UNKNOWN_CARD_TYPE'
  | 'CARD_TYPE_MISMATCH'
  | 'INVALID_USER_NAME'
  | 'APP_ID_AS_USER_NAME'
  | 'UNPAIRED_FIELD'
  | 'SECRET_LEAKED';

/** Codes of the JS package itself: loading and calling WeChat. */
export type JsErrorCode =
  | 'NOT_INITIALIZED'
  | 'INIT_FAILED'
  | 'UNSUPPORTED'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'PERMISSION_DENIED'
  | 'WX_FAIL'
  | 'INTERNAL';

/** Every error code; other strings may be added in later versions. */
export type ErrorCode = CoreErrorCode | JsErrorCode | (string & {});

/**
 * The one error class of wxcard: every failure of every export is a
 * `WxCardError` (`instanceof Error`, `name === 'WxCardError'`) with a stable
 * {@link WxCardError.code}. Messages never contain a ticket.
 *
 * @example
 * try { wx.addCardList(list) } catch (e) {
 *   if (e instanceof wx.WxCardError) console.log(e.code, e.field)
 * }
 */
export class WxCardError extends Error {
  /**
   * @param code A stable code.
   * @param message What was wrong, naming the field.
   * @param details The field at fault, WeChat's `errMsg`, the support reason, the cause.
   */
  constructor(code: ErrorCode, message: string, details?: { field?: string; errMsg?: string; reason?: string; cause?: unknown });
  /** Always `'WxCardError'`. */
  readonly name: 'WxCardError';
  /** The stable code, e.g. `'INVALID_TYPE'`, `'CANCELLED'`. */
  readonly code: ErrorCode;
  /** The input field at fault, as a path such as `'cardList[0].cardExt'`, when there is one. */
  readonly field?: string;
  /** `WX_FAIL` (and other wrapper errors): WeChat's original `errMsg`. */
  readonly errMsg?: string;
  /** `UNSUPPORTED`: the {@link SupportReason} (or `'NO_WEBASSEMBLY'` from `init`). */
  readonly reason?: string;
  /** The underlying error, when there is one (e.g. a failed fetch in `init`). */
  readonly cause?: unknown;
}

// ---------------------------------------------------------------------------
// Signatures and payloads
// ---------------------------------------------------------------------------

/**
 * Consent to use a ticket in a browser or mini-program. Tickets are server
 * secrets: signing with one on a client throws `TICKET_ON_CLIENT` unless this
 * is `true` (for demo pages, tests and developer tools). Ignored in Node.js.
 */
export interface TicketConsent {
  /** Allow the ticket on a client (browser / mini-program). Default `false`. */
  allowTicketOnClient?: boolean;
}

/**
 * WeChat's card signature: null, undefined and empty values are dropped,
 * integers become decimal strings, the rest are sorted in byte order,
 * concatenated, hashed with SHA-1 and printed as lowercase hex.
 *
 * @param values The values to sign, e.g. `[apiTicket, timestamp, cardId, code, nonceStr]`.
 * @returns 40 lowercase hex digits.
 * @throws {WxCardError} `INVALID_VALUE` for a number with a fraction, `INVALID_TYPE` for other types.
 * @example
 * wx.cardSignature(['ojZ8YtyVyr30HheH3CM73y7h4jJE', 1404896688, 'pjZ8Yt1XGILfi-FUsewpnnolGgZk', '1434008071', '123'])
 * // 'f137ab68b7f8112d20ee528ab6074564e2796250'
 */
export function cardSignature(values: ReadonlyArray<string | number | null | undefined>): string;

/** The input of {@link buildCardExt}: one card to sign. */
export interface CardExtInput extends TicketConsent {
  /** The card `api_ticket` (`type=wx_card`) of the official account that owns the card. Signed, never emitted. */
  apiTicket: string;
  /** The card id. Signed, but passed beside the cardExt (`cardId`), never inside it. */
  cardId: string;
  /** The decrypted code, only for custom-code cards (`use_custom_code`); ≤ 20 characters. Signed. */
  code?: string;
  /** The user's openid, only for cards bound to a user (`bind_openid`). Signed. */
  openid?: string;
  /** Unix seconds (integer or string of digits). Default: now. Milliseconds and fractions are `INVALID_TIMESTAMP`. */
  timestamp?: number | string;
  /** The nonce (≤ 32 characters). Default: a fresh random alphanumeric string. */
  nonceStr?: string;
  /** Start of validity for `DATE_TYPE_FIX_TERM` cards, Unix seconds (not signed). */
  fixedBeginTimestamp?: number | string;
  /** A channel value returned in the card-received event (not signed). */
  outerStr?: string;
}

/**
 * The signed `cardExt` JSON string for one card, as `wx.addCard` wants it:
 * `timestamp` as a string of digits, snake_case keys, no ticket, no `card_id`.
 *
 * @param input The card and ticket.
 * @returns The cardExt JSON string.
 * @throws {WxCardError} `TICKET_ON_CLIENT` (a client without consent), `MISSING_FIELD`,
 *   `INVALID_TYPE`, `TOO_LONG`, `INVALID_TIMESTAMP`, `NO_RANDOM_SOURCE`, …
 */
export function buildCardExt(input: CardExtInput): string;

/** One item of `wx.addCard`'s `cardList`, as given. */
export interface AddCardListInput {
  /** The card id. */
  cardId: string;
  /** The signed cardExt: its JSON string, or the object (serialised for you). */
  cardExt: string | Record<string, unknown>;
}

/** One item of `wx.addCard`'s `cardList`, validated. */
export interface AddCardListItem {
  /** The card id. */
  cardId: string;
  /** The cardExt JSON string. */
  cardExt: string;
}

/**
 * Validates and normalises the `cardList` of `wx.addCard`. An object cardExt
 * is serialised; a double-encoded string, camelCase keys such as `nonceStr`,
 * a float or millisecond timestamp, a malformed signature or a ticket inside
 * cardExt is an error with its own code.
 *
 * @param items The card list.
 * @returns The list to pass to `wx.addCard({ cardList })`.
 * @throws {WxCardError} `DOUBLE_ENCODED`, `CAMEL_CASE_KEY`, `INVALID_TIMESTAMP`, `MALFORMED_SIGNATURE`, `TICKET_LEAKED`, …
 */
export function addCardList(items: ReadonlyArray<AddCardListInput>): AddCardListItem[];

/** One item of `wx.openCard`'s `cardList`. */
export interface OpenCardListItem {
  /** The card id. */
  cardId: string;
  /** The **decrypted** code of the user's card. */
  code: string;
}

/**
 * Validates the `cardList` of `wx.openCard`. A code that looks like the
 * encrypted code returned by `addCard` is `ENCRYPTED_CODE`: decrypt it on the
 * server (`card/code/decrypt`) first.
 *
 * @param items The card list.
 * @returns The list to pass to `wx.openCard({ cardList })`.
 * @throws {WxCardError} `ENCRYPTED_CODE`, `MISSING_FIELD`, `INVALID_TYPE`, …
 */
export function openCardList(items: ReadonlyArray<OpenCardListItem>): OpenCardListItem[];

/** The input of {@link chooseCardParams}. */
export interface ChooseCardInput extends TicketConsent {
  /** The card `api_ticket` (`type=wx_card`). */
  apiTicket: string;
  /** The appId given to `wx.config`; it is signed. */
  appId: string;
  /** Only cards usable at this store. */
  shopId?: string;
  /** Only cards of this type, e.g. `'GROUPON'`. */
  cardType?: string;
  /** Only this card. */
  cardId?: string;
  /** Unix seconds. Default: now. */
  timestamp?: number | string;
  /** The nonce. Default: a fresh random one. */
  nonceStr?: string;
}

/** The signed parameters of `wx.chooseCard` (spread them into its argument). */
export interface ChooseCardParams {
  /** The store filter, or `''`. */
  shopId: string;
  /** The card type filter, or `''`. */
  cardType: string;
  /** The card filter, or `''`. */
  cardId: string;
  /** The signed Unix seconds, as a string of digits. */
  timestamp: string;
  /** The signed nonce. */
  nonceStr: string;
  /** Always `'SHA1'`. */
  signType: 'SHA1';
  /** The card signature. */
  cardSign: string;
}

/**
 * The signed parameters of `wx.chooseCard` (H5 JS-SDK only).
 *
 * @param input The ticket, appId and filters.
 * @returns `{ shopId, cardType, cardId, timestamp, nonceStr, signType, cardSign }`.
 * @throws {WxCardError} `TICKET_ON_CLIENT`, `MISSING_FIELD`, `TOO_LONG`, …
 */
export function chooseCardParams(input: ChooseCardInput): ChooseCardParams;

/** The input of {@link jsapiConfig}. */
export interface JsapiConfigInput extends TicketConsent {
  /** The `jsapi_ticket` of the official account. */
  jsapiTicket: string;
  /** The official account's appId. */
  appId: string;
  /** The full URL of the page; signed without its `#fragment`. */
  url: string;
  /** The APIs to enable. Default `['addCard', 'openCard', 'chooseCard']`. */
  jsApiList?: string[];
  /** Unix seconds. Default: now. */
  timestamp?: number | string;
  /** The nonce. Default: a fresh random one. */
  nonceStr?: string;
  /** `wx.config`'s debug mode. Default `false`. */
  debug?: boolean;
}

/** The argument of `wx.config`. */
export interface JsapiConfig {
  /** `wx.config`'s debug mode. */
  debug: boolean;
  /** The appId. */
  appId: string;
  /** The signed Unix seconds. */
  timestamp: number;
  /** The signed nonce. */
  nonceStr: string;
  /** 40 lowercase hex digits. */
  signature: string;
  /** The APIs to enable (a fresh array: jweixin rewrites it in place). */
  jsApiList: string[];
}

/**
 * The signed argument of `wx.config` (JS-SDK); the url is signed without its `#fragment`.
 *
 * @param input The ticket, appId and page URL.
 * @returns `{ debug, appId, timestamp, nonceStr, signature, jsApiList }`.
 * @throws {WxCardError} `TICKET_ON_CLIENT`, `MISSING_FIELD`, `INVALID_VALUE`, …
 */
export function jsapiConfig(input: JsapiConfigInput): JsapiConfig;

// ---------------------------------------------------------------------------
// Checking a server-issued cardExt
// ---------------------------------------------------------------------------

/** How bad a {@link Problem} is. */
export type Severity = 'error' | 'warning';

/** One finding of a check. */
export interface Problem {
  /** A stable code, such as `'SIGNATURE_MISMATCH'` or `'EXPIRED'`. */
  code: string;
  /** The path of the field at fault, when there is one. */
  field?: string;
  /** `'error'`: WeChat will reject it (or it is unsafe); `'warning'`: likely a mistake. */
  severity: Severity;
  /** A readable explanation that names the field. Never contains a ticket. */
  message: string;
}

/** The outcome of checking one cardExt. */
export interface Report {
  /** `false` exactly when some problem has severity `'error'`. */
  ok: boolean;
  /** Whether the signature was recomputed with the ticket and compared. */
  signatureChecked: boolean;
  /** Every problem found, errors first. */
  problems: Problem[];
}

/** Options of {@link verifyCardList}: those of {@link verifyCardExt} without `cardId`. */
export interface VerifyListOptions extends TicketConsent {
  /** The card `api_ticket`: when given, the signature is recomputed too. */
  apiTicket?: string;
  /** "Now" in Unix seconds for the freshness checks. Default: the clock. */
  nowSeconds?: number | string;
  /** The oldest a timestamp may be, in seconds before now. */
  maxAgeSeconds?: number;
  /** The openid the cardExt must be bound to. */
  expectOpenid?: string;
  /** The code the cardExt must carry. */
  expectCode?: string;
}

/** Options of {@link verifyCardExt}. */
export interface VerifyOptions extends VerifyListOptions {
  /** The card the cardExt is for. */
  cardId: string;
}

/**
 * Checks a server-issued cardExt before it reaches WeChat. Without `apiTicket`
 * it checks everything a client can (shape, types, lengths, freshness,
 * consistency with the options, leaked secrets) and says
 * `signatureChecked: false`; with it, it also recomputes the signature.
 * It never throws for a bad cardExt (that is a problem in the report), only
 * for bad options.
 *
 * @param cardExt The cardExt JSON string.
 * @param options The card id and what to expect.
 * @returns The report.
 * @throws {WxCardError} For bad options (`MISSING_FIELD`, `INVALID_TYPE`, `TICKET_ON_CLIENT`, …)
 *   or a cardExt that is not a string (`INVALID_TYPE`).
 */
export function verifyCardExt(cardExt: string, options: VerifyOptions): Report;

/** Options of {@link diagnoseCardExt}. */
export interface DiagnoseOptions extends TicketConsent {
  /** The card the cardExt is for. */
  cardId: string;
  /** The card `api_ticket` the server should have signed with. */
  apiTicket: string;
}

/** What {@link diagnoseCardExt} found. */
export interface Diagnosis {
  /** Whether the signature matches and every check passes. */
  ok: boolean;
  /**
   * The mistake that reproduces the signature, such as `'UNSORTED'`,
   * `'CASE_INSENSITIVE_SORT'`, `'TIMESTAMP_AS_NUMBER'`, `'JSAPI_STYLE'`,
   * `'UPPERCASE_HEX'`, `'NONCE_SIGNED_NOT_SENT'`, `'WRONG_TICKET'`, or the code
   * of the cardExt's first error; `null` when it is fine.
   */
  cause: string | null;
  /** What was found and how to fix it. Never contains the ticket. */
  message: string;
}

/**
 * When a cardExt's signature does not match, finds which known signing mistake
 * reproduces it and names it in `cause`.
 *
 * @param cardExt The cardExt JSON string.
 * @param options The card id and the ticket.
 * @returns `{ ok, cause, message }`.
 * @throws {WxCardError} For bad options, or `TICKET_ON_CLIENT` on a client without consent.
 */
export function diagnoseCardExt(cardExt: string, options: DiagnoseOptions): Diagnosis;

/**
 * The batch form of {@link verifyCardExt}: one report per item of a `cardList`,
 * each checked against its own `cardId`. A malformed item gives a report with a
 * problem; only a list that is not an array throws.
 *
 * @param items The card list.
 * @param options What to expect of every item.
 * @returns One report per item, in order.
 * @throws {WxCardError} For bad options or a list that is not an array.
 */
export function verifyCardList(items: ReadonlyArray<AddCardListInput>, options?: VerifyListOptions): Report[];

// ---------------------------------------------------------------------------
// Where am I, and can I call it?
// ---------------------------------------------------------------------------

/** Where the code runs. */
export type EnvironmentKind = 'miniprogram' | 'minigame' | 'wechat-h5' | 'miniprogram-webview' | 'browser' | 'node';

/** The result of {@link detectEnvironment}. */
export interface Environment {
  /** The kind of host. */
  kind: EnvironmentKind;
  /** The mini-program / mini-game base library version (`SDKVersion`). */
  sdkVersion?: string;
  /** The WeChat client version. */
  wechatVersion?: string;
  /** The platform, e.g. `'ios'`, `'android'`, `'devtools'`. */
  platform?: string;
}

/**
 * Why a card API can or cannot be called: `'OK'`, `'API_MISSING'`,
 * `'SDK_TOO_OLD'`, `'NOT_WECHAT'`, `'BRIDGE_NOT_READY'`, `'NOT_CONFIGURED'`,
 * `'USE_NATIVE_PAGE'`, `'H5_ONLY'`.
 */
export type SupportReason =
  | 'OK'
  | 'API_MISSING'
  | 'SDK_TOO_OLD'
  | 'NOT_WECHAT'
  | 'BRIDGE_NOT_READY'
  | 'NOT_CONFIGURED'
  | 'USE_NATIVE_PAGE'
  | 'H5_ONLY'
  | (string & {});

/** Whether one card API can be called here. */
export interface Support {
  /** `true` when it can be called now. */
  supported: boolean;
  /** The stable reason code. */
  reason: SupportReason;
}

/** The result of {@link cardSupport}. */
export interface CardSupport {
  /** Where the code runs. */
  environment: Environment;
  /** `wx.addCard`. */
  addCard: Support;
  /** `wx.openCard`. */
  openCard: Support;
  /** `wx.chooseCard` (H5 only). */
  chooseCard: Support;
}

/**
 * Detects the host: mini-program, mini-game, WeChat H5, mini-program
 * `<web-view>`, plain browser or Node.js. Never throws while reading globals.
 *
 * @param globals The global object to inspect (default: the real one); tests
 *   pass a fake `{ wx, navigator, window, WeixinJSBridge, __wxjs_environment, … }`.
 * @returns `{ kind, sdkVersion?, wechatVersion?, platform? }`.
 */
export function detectEnvironment(globals?: object): Environment;

/**
 * Whether `addCard`, `openCard` and `chooseCard` can be called here, each with a reason.
 *
 * @param globals The global object to inspect (default: the real one).
 * @returns `{ environment, addCard, openCard, chooseCard }`.
 */
export function cardSupport(globals?: object): CardSupport;

/**
 * Compares two base-library versions the way WeChat does.
 *
 * @param a A version such as `'2.14.0'`.
 * @param b Another version.
 * @returns `-1`, `0` or `1`.
 * @throws {WxCardError} `INVALID_TYPE` for non-strings.
 */
export function compareVersion(a: string, b: string): -1 | 0 | 1;

// ---------------------------------------------------------------------------
// Calling WeChat
// ---------------------------------------------------------------------------

/** Options of the promise wrappers. */
export interface CallOptions {
  /** The `wx` object to call (default: the global one: the mini-program's or jweixin's). */
  wx?: object;
  /** The global object used to check support (default: the real one). */
  globals?: object;
  /**
   * Reject with `TIMEOUT` when WeChat has not answered within this many
   * milliseconds, counting the wait for `WeixinJSBridge` and `wx.config`.
   * Default: 15000 in H5 (jweixin outside WeChat never calls back); none in a
   * mini-program or mini-game (their `wx` always answers). `0` or `Infinity`:
   * no timeout. The clock runs while the user looks at WeChat's card UI, so
   * give slow flows more time; a late answer after `TIMEOUT` is ignored.
   */
  timeoutMs?: number;
}

/** One card of an {@link addCard} result. */
export interface AddedCard {
  /** The card id. */
  cardId: string;
  /** The cardExt that was sent. */
  cardExt: string;
  /** The **encrypted** code of the added card; decrypt it on the server before `openCard`. */
  code?: string;
  /** Whether this card was added. */
  isSuccess: boolean;
}

/**
 * Adds cards to the user's 卡包: validates with {@link addCardList}, checks
 * {@link cardSupport}, calls `wx.addCard` (mini-program) or jweixin's
 * `wx.addCard` (H5), and normalises both result shapes.
 *
 * @param cardList The cards.
 * @param options `wx`, `globals`, `timeoutMs`.
 * @returns `{ cards }`.
 * @throws {WxCardError} (rejects) `CANCELLED`, `PERMISSION_DENIED`, `UNSUPPORTED` (with `reason`),
 *   `TIMEOUT`, `WX_FAIL` (with `errMsg`), or a validation code.
 */
export function addCard(cardList: ReadonlyArray<AddCardListInput>, options?: CallOptions): Promise<{ cards: AddedCard[] }>;

/**
 * Opens cards in the user's 卡包 (`wx.openCard`), after {@link openCardList}.
 *
 * @param cardList The cards, with decrypted codes.
 * @param options `wx`, `globals`, `timeoutMs`.
 * @throws {WxCardError} (rejects) As for {@link addCard}.
 */
export function openCard(cardList: ReadonlyArray<OpenCardListItem>, options?: CallOptions): Promise<void>;

/** One card chosen by the user in {@link chooseCard}. */
export interface ChosenCard {
  /** The card id. */
  cardId: string;
  /** The encrypted code; decrypt it on the server. */
  encryptCode: string;
}

/**
 * Lets the user pick cards (`wx.chooseCard`, H5 JS-SDK only).
 *
 * @param params The signed parameters from {@link chooseCardParams} (made on the server).
 * @param options `wx`, `globals`, `timeoutMs`.
 * @returns The chosen cards.
 * @throws {WxCardError} (rejects) As for {@link addCard}; `UNSUPPORTED` with reason `H5_ONLY` outside H5.
 */
export function chooseCard(params: ChooseCardParams, options?: CallOptions): Promise<ChosenCard[]>;

/** Options of {@link navigateToAddCardPage}. */
export interface NavigateOptions extends CallOptions {
  /** The native page that calls `addCard`, e.g. `'/pages/add-card/index'`. */
  page: string;
}

/**
 * Inside a mini-program `<web-view>`: sends the card list to a native page with
 * `wx.miniProgram.navigateTo`. Over-long payloads are `PAYLOAD_TOO_LONG`, never truncated.
 *
 * @param cardList The cards.
 * @param options The native `page` and the wrapper options.
 * @returns The URL navigated to.
 * @throws {WxCardError} (rejects) `PAYLOAD_TOO_LONG`, `UNSUPPORTED`, `WX_FAIL`, validation codes.
 */
export function navigateToAddCardPage(cardList: ReadonlyArray<AddCardListInput>, options: NavigateOptions): Promise<{ url: string }>;

/**
 * On the native page: turns the `onLoad` query written by
 * {@link navigateToAddCardPage} back into a validated card list.
 *
 * @param query The page's `onLoad` query object, or a query string / page URL.
 * @returns The card list for {@link addCard}.
 * @throws {WxCardError} `MISSING_FIELD`, `INVALID_VALUE`, validation codes.
 */
export function readAddCardQuery(query: Record<string, string | undefined> | string): AddCardListItem[];

// ---------------------------------------------------------------------------
// Card definitions (card/create and card/update bodies)
// ---------------------------------------------------------------------------

/** A `card_type` of the card create API; its fields nest under the lowercase name (`member_card`, …). */
export type CardType =
  | 'MEMBER_CARD'
  | 'GROUPON'
  | 'CASH'
  | 'DISCOUNT'
  | 'GIFT'
  | 'GENERAL_COUPON'
  | 'SCENIC_TICKET'
  | 'MOVIE_TICKET'
  | 'BOARDING_PASS'
  | 'MEETING_TICKET'
  | 'BUS_TICKET'
  | 'LUCKY_MONEY'
  | 'GENERAL_CARD'
  | (string & {});

/** One mini-program entry of a card. */
export interface MiniProgramLink {
  /**
   * The mini-program's original ID (原始ID) plus `@app`, e.g. `'gh_86a091e50ad4@app'`.
   * A `wx…` AppID is `APP_ID_AS_USER_NAME`; anything else not `gh_…@app` is `INVALID_USER_NAME`.
   */
  userName: string;
  /**
   * The page, e.g. `'pages/card/index'` or `'/pages/card/index?from=card'`; written as given.
   * Blank is `MISSING_FIELD`; a web URL is `INVALID_VALUE`.
   */
  path: string;
  /**
   * The entry's label, written to `custom_url_name` (15 bytes), `center_title` (18) or
   * `promotion_url_name` (15); limits are UTF-8 bytes, 3 per Chinese character. Absent:
   * the card's label is kept. Not for `activate`.
   */
  title?: string;
  /**
   * The tip beside or under the entry, written to `custom_url_sub_title` (18 bytes),
   * `center_sub_title` (24) or `promotion_url_sub_title` (18). Not for `activate`.
   */
  subTitle?: string;
}

/** The mini-program entries to write into a card. */
export interface MiniProgramLinks {
  /** The custom entry (`custom_app_brand_*`). */
  custom?: MiniProgramLink;
  /** The center button (`center_app_brand_*`). */
  center?: MiniProgramLink;
  /** The promotion entry (`promotion_app_brand_*`). */
  promotion?: MiniProgramLink;
  /**
   * The member-card activation (`activate_app_brand_*`), written at the member card's own
   * level beside `activate_url` (and in `base_info` too when a copy is already there).
   * `MEMBER_CARD` only; no `title` / `subTitle`.
   */
  activate?: MiniProgramLink;
}

/**
 * Writes the `*_app_brand_user_name` / `*_app_brand_pass` (and label) fields
 * into the right place of a card create or update body for its `card_type`,
 * keeping the existing H5 link fields.
 *
 * @param card A `card/create` body `{ card: { card_type, <type>: { base_info } } }`, its `card`
 *   object alone, or a `card/update` body `{ card_id, <type>: { base_info } }`.
 * @param links The entries to write.
 * @returns A new body with every other field kept, keys in the input's order and new keys after;
 *   the input is not modified.
 * @throws {WxCardError} Naming the field: `APP_ID_AS_USER_NAME` / `INVALID_USER_NAME`
 *   (`links.custom.userName`, …), `MISSING_FIELD` (an empty `path`), `TOO_LONG` (a label),
 *   `INVALID_VALUE` (`activate` on a card that is not a member card, a web URL as `path`),
 *   `SNAKE_CASE_KEY` / `UNKNOWN_FIELD` (a misspelt link key), `UNKNOWN_CARD_TYPE` /
 *   `CARD_TYPE_MISMATCH` / `MISSING_FIELD` (a body whose type cannot be found), `INVALID_TYPE`.
 * @example
 * const body = wx.withMiniProgramLinks(cardFromServer, {
 *   custom: { userName: 'gh_86a091e50ad4@app', path: 'pages/card/card', title: '立即使用' },
 * });
 */
export function withMiniProgramLinks<T extends object>(card: T, links: MiniProgramLinks): T;

/**
 * Checks a card definition: `userName` shape, paired `*_user_name` /
 * `*_pass`, label byte limits, `card_type` known and matching its nested key,
 * warnings for coupon types that can no longer be created and for H5 links
 * without a mini-program link.
 *
 * Errors: `UNKNOWN_CARD_TYPE`, `CARD_TYPE_MISMATCH`, `MISSING_FIELD`, `INVALID_TYPE`,
 * `INVALID_VALUE`, `INVALID_JSON`, `DOUBLE_ENCODED`, `TOO_LONG`, `UNPAIRED_FIELD`,
 * `INVALID_USER_NAME`, `APP_ID_AS_USER_NAME`. Warnings: `COUPON_CREATION_DISCONTINUED`,
 * `UNCONFIRMED_CARD_TYPE`, `H5_LINK_WITHOUT_MINI_PROGRAM`, `ACTIVATE_LINK_PLACEMENT`,
 * `ACTIVATE_LINK_NOT_MEMBER_CARD`, `UNUSUAL_USER_NAME`.
 *
 * @param card A `card/create` body, its `card` object, or a `card/update` body; as an object or JSON text.
 * @returns Every problem found, each with its field path such as
 *   `'card.member_card.base_info.custom_app_brand_pass'` (empty when valid). Never throws for a bad body.
 * @example
 * wx.validateCardDefinition({ card: { card_type: 'MEMBER_CARD', member_card: { base_info: { custom_app_brand_user_name: 'gh_86a091e50ad4@app' } } } })
 * // [{ code: 'UNPAIRED_FIELD', field: 'card.member_card.base_info.custom_app_brand_pass', severity: 'error', message: '…' }]
 */
export function validateCardDefinition(card: object | string): Problem[];

/**
 * The body of `card/update` that sets `baseInfoPatch` on a card.
 *
 * The patch is checked by the rules of {@link validateCardDefinition}.
 *
 * @param cardId The card id (≤ 32 of `A–Z a–z 0–9 _ -`).
 * @param cardType The card type, e.g. `'MEMBER_CARD'` (upper case).
 * @param baseInfoPatch The `base_info` fields to change, not wrapped in `base_info`.
 * @returns `{ card_id, <type>: { base_info } }`, e.g. `{ card_id, member_card: { base_info } }`.
 * @throws {WxCardError} Naming `cardId` (`MISSING_FIELD`, `INVALID_TYPE`, `TOO_LONG`, `INVALID_VALUE`),
 *   `cardType` (`UNKNOWN_CARD_TYPE`) or `baseInfoPatch.<field>` (`TOO_LONG`, `UNPAIRED_FIELD`,
 *   `INVALID_USER_NAME`, `APP_ID_AS_USER_NAME`, `INVALID_TYPE`, `INVALID_VALUE`).
 * @example
 * wx.cardUpdateBody(cardId, 'MEMBER_CARD', { custom_app_brand_user_name: 'gh_86a091e50ad4@app', custom_app_brand_pass: 'pages/card/card' })
 */
export function cardUpdateBody(
  cardId: string,
  cardType: CardType,
  baseInfoPatch: Record<string, unknown>,
): { card_id: string } & Record<string, unknown>;
