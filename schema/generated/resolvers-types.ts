import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRow, ApiKeyRow, MarketRow, LedgerEntryRow, OrderRow, WalletRow, WithdrawalRow } from '../../db/schema.ts';
import type { PublicTrade, Candle as CandleModel, Ticker as TickerModel } from '../../marketdata/types.ts';
import type { OrderBookUpdate as OrderBookUpdateModel } from '../../subscriptions/order-book.ts';
import type { RequestContext } from '../../api/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant in time, ISO-8601 (RFC 3339), e.g. 2026-02-22T17:30:00.000Z; always returned in UTC.
   * Input needs a real calendar date, a time and a zone (`Z` or `+02:00`), between 1970 and 9999,
   * at most 40 characters; anything else is BAD_USER_INPUT.
   */
  DateTime: { input: Date | string; output: Date | string; }
  /**
   * An exact decimal number carried as a string, e.g. "64230.50". Never a float: amounts are
   * parsed exactly, and a value with more decimal places than allowed, text longer than 100
   * characters, or anything besides digits, one leading "-" and one "." (a space, a "+", an
   * exponent) is refused (BAD_USER_INPUT).
   */
  Decimal: { input: string; output: string; }
};

/** One call of an agent's tool (the MCP server, docs/AGENTS.md) to put in the audit log. */
export type AgentToolCallInput = {
  /** The tool's arguments as JSON text (at most 4,096 characters), without secrets. */
  arguments: Scalars['String']['input'];
  /** OK, or the error code the call ended with (1–64 characters of A–Z 0–9 _). */
  outcome: Scalars['String']['input'];
  /** The tool's name, e.g. place_order (1–60 characters of a–z 0–9 _). */
  tool: Scalars['String']['input'];
};

/** An API key as listed: never its secret. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /**
   * The IP addresses and CIDR ranges the key may be used from, or null: any address. From any other
   * address every request with the key is FORBIDDEN (`reason: IP_NOT_ALLOWED`). WITHDRAW works only
   * on a key that has one.
   */
  allowedIps?: Maybe<Array<Scalars['String']['output']>>;
  /** When the key was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Limits on the orders placed with this key, and the notional it placed today (docs/AGENTS.md). */
  guardrails: ApiKeyGuardrails;
  /** Identifier used to revoke the key. */
  id: Scalars['ID']['output'];
  /** Last time a request used the key (updated at most once a minute), or null if never. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Name given at creation, e.g. 'grid bot'. */
  name: Scalars['String']['output'];
  /** What requests made with this key may do. */
  permissions: Array<ApiKeyPermission>;
  /** Public first part of the key, to recognise it (the secret part is never shown again). */
  prefix: Scalars['String']['output'];
  /** The key's Ed25519 public key as base64 of its 32 bytes, or null for a key that does not sign. */
  publicKey?: Maybe<Scalars['String']['output']>;
  /** When the key was revoked, or null while it works. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * Whether the key signs its requests (it was made with a `publicKey`): then every HTTP request
   * carries `X-Timestamp` and `X-Signature`, and a graphql-ws connect `timestamp` and `signature`
   * in `connectionParams` (README "Signed API keys"; docs/SECURITY.md has the exact message).
   */
  signed: Scalars['Boolean']['output'];
};

/**
 * Limits an owner or an admin sets on an API key, enforced on every order placed with it (GraphQL
 * and MCP alike). Notional is valued in USDT: a LIMIT order's price × amount, a MARKET BUY's
 * quoteAmount, a MARKET SELL's amount × the market's reference price; a quote other than USDT is
 * converted at the `<QUOTE>_USDT` reference price (last trade, else mid of the book).
 */
export type ApiKeyGuardrails = {
  __typename?: 'ApiKeyGuardrails';
  /** The only markets the key may trade; null: all. Another: FORBIDDEN (`reason: MARKET_NOT_ALLOWED`). */
  allowedMarkets?: Maybe<Array<Scalars['String']['output']>>;
  /** maxDailyNotional − dailyNotionalUsed (never below 0); null without a daily limit. */
  dailyNotionalRemaining?: Maybe<Scalars['Decimal']['output']>;
  /** Notional placed with the key today (UTC), in USDT. */
  dailyNotionalUsed: Scalars['Decimal']['output'];
  /** True: placeOrder is refused (FORBIDDEN, `reason: DRY_RUN`); use previewOrder. */
  dryRun: Scalars['Boolean']['output'];
  /**
   * Most notional placed per UTC day, in USDT; null: none. Over it: GUARDRAIL_EXCEEDED (`reason:
   * DAILY_NOTIONAL`). An order counts when placed: cancelled or unfilled orders do not give it back.
   */
  maxDailyNotional?: Maybe<Scalars['Decimal']['output']>;
  /** Most notional of one order, in USDT; null: none. Over it: GUARDRAIL_EXCEEDED (`reason: ORDER_NOTIONAL`). */
  maxOrderNotional?: Maybe<Scalars['Decimal']['output']>;
  /** When today's count starts again from 0: the next midnight UTC. */
  resetsAt: Scalars['DateTime']['output'];
};

/** An API key's guardrails, all at once: a field left out means none (dryRun: false). */
export type ApiKeyGuardrailsInput = {
  /** The only markets the key may trade: 1–100 existing symbols. */
  allowedMarkets?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Orders are refused; previewOrder only. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Most notional per UTC day, in USDT (positive decimal). */
  maxDailyNotional?: InputMaybe<Scalars['Decimal']['input']>;
  /** Most notional of one order, in USDT (positive decimal). */
  maxOrderNotional?: InputMaybe<Scalars['Decimal']['input']>;
};

/** What a request made with an API key may do. READ sees; TRADE places and cancels orders; WITHDRAW moves funds out. */
export type ApiKeyPermission =
  | 'READ'
  | 'TRADE'
  | 'WITHDRAW';

/** A listed asset. */
export type Asset = {
  __typename?: 'Asset';
  /** When it was listed. */
  createdAt: Scalars['DateTime']['output'];
  /** Most decimal places a balance of it may carry. */
  decimals: Scalars['Int']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Ticker, e.g. BTC. */
  symbol: Scalars['String']['output'];
  /** Charged on each withdrawal, in the asset. */
  withdrawalFee: Scalars['Decimal']['output'];
};

/** Who did an admin action. */
export type AuditActor = {
  __typename?: 'AuditActor';
  /** The admin's login email. */
  email: Scalars['String']['output'];
  /** The admin's user id. */
  id: Scalars['ID']['output'];
};

/** One admin action as recorded, in the transaction that made the change. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** What was done: the mutation's name (createMarket, setMarketStatus, …) or setUserRole. */
  action: Scalars['String']['output'];
  /** The admin who did it; null when done outside the API (`npm run user:role`) or the account is gone. */
  actor?: Maybe<AuditActor>;
  /** The object after, as a JSON string; null when it no longer exists. */
  after?: Maybe<Scalars['String']['output']>;
  /** When it was recorded. */
  at: Scalars['DateTime']['output'];
  /** The object before, as a JSON string (decimals as strings); null when it did not exist. */
  before?: Maybe<Scalars['String']['output']>;
  /** Identifier; entries are numbered in the order they were recorded. */
  id: Scalars['ID']['output'];
  /** What it was done to: <kind>:<id>, e.g. market:BTC_USDT, asset:SOL, user:<uuid>. */
  target: Scalars['String']['output'];
};

/** A page of the audit log, newest first. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The entries of this page. */
  edges: Array<AuditEntryEdge>;
  /** Where the page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** An edge of the audit log. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Opaque position; pass as `after`. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEntry;
};

/** A session token and the user it belongs to. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <token>` (or `connectionParams.authorization` over graphql-ws). Valid 24 hours. */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

/** One OHLCV bar: what the market traded in one interval. */
export type Candle = {
  __typename?: 'Candle';
  /** Price of the bar's last trade (by execution time, then sequence). */
  close: Scalars['Decimal']['output'];
  /** Highest trade price in the bar. */
  high: Scalars['Decimal']['output'];
  /** Lowest trade price in the bar. */
  low: Scalars['Decimal']['output'];
  /** How many trades the bar holds. */
  numberOfTrades: Scalars['Int']['output'];
  /** Price of the bar's first trade (by execution time, then sequence). */
  open: Scalars['Decimal']['output'];
  /** Quote asset traded in the bar (sum of price × amount of its trades). */
  quoteAssetVolume: Scalars['Decimal']['output'];
  /** Start of the bar (UTC). */
  timestamp: Scalars['DateTime']['output'];
  /** Base asset traded in the bar. */
  volume: Scalars['Decimal']['output'];
};

/** Length of one candle (bar). Bars align to UTC; weeks start on Monday 00:00 UTC. */
export type CandleInterval =
  /** 1 day (UTC). */
  | 'D1'
  /** 1 hour. */
  | 'H1'
  /** 4 hours. */
  | 'H4'
  /** 1 minute. */
  | 'M1'
  /** 5 minutes. */
  | 'M5'
  /** 15 minutes. */
  | 'M15'
  /** 30 minutes. */
  | 'M30'
  /** 1 week, Monday to Sunday (UTC). */
  | 'W1';

/** A market's bars of one interval, shaped like the design's time-series document. */
export type CandleSeries = {
  __typename?: 'CandleSeries';
  /** The bars, oldest first. Intervals without trades have no bar (empty buckets are omitted). */
  data: Array<Candle>;
  /** Exchange, symbol, interval and asset class of the series. */
  metadata: CandleSeriesMetadata;
  /** True when PostgreSQL was unreachable and the bars came from the cache (the latest 1,000 per interval); they may lag. */
  stale: Scalars['Boolean']['output'];
};

/** What a candle series describes, as in the time-series document of the design (seed §6). */
export type CandleSeriesMetadata = {
  __typename?: 'CandleSeriesMetadata';
  /** Always crypto. */
  assetClass: Scalars['String']['output'];
  /** Always EventHub_DEX. */
  exchange: Scalars['String']['output'];
  /** Bar length as written in the document: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w. */
  interval: Scalars['String']['output'];
  /** Market symbol, e.g. BTC_USDT. */
  symbol: Scalars['String']['output'];
};

/** A new password for the signed-in user. */
export type ChangePasswordInput = {
  /** The account's password now. */
  currentPassword: Scalars['String']['input'];
  /** At least 10 and at most 128 characters. */
  newPassword: Scalars['String']['input'];
};

/** A new API key's name and permissions. */
export type CreateApiKeyInput = {
  /**
   * Binds the key to these client addresses: 1–20 IPv4/IPv6 addresses or CIDR ranges (no wider than
   * /8 for IPv4, /32 for IPv6), e.g. ["203.0.113.7", "2001:db8::/48"]. Left out: any address, but
   * the key cannot withdraw. Anything else: BAD_USER_INPUT on `allowedIps`.
   */
  allowedIps?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Guardrail: the only markets the key may trade (1–100 existing symbols). Left out: all. */
  allowedMarkets?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Guardrail: true makes placeOrder refuse every order (FORBIDDEN, `reason: DRY_RUN`); previewOrder still works. Default false. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Guardrail: most notional the key may place in one UTC day, in USDT (positive decimal). Left out: none. */
  maxDailyNotional?: InputMaybe<Scalars['Decimal']['input']>;
  /** Guardrail: most notional of one order placed with the key, in USDT (positive decimal). Left out: none. */
  maxOrderNotional?: InputMaybe<Scalars['Decimal']['input']>;
  /** A name to recognise the key by, 1–100 characters. */
  name: Scalars['String']['input'];
  /** At least one permission. */
  permissions: Array<ApiKeyPermission>;
  /**
   * Makes the key a signed key: an Ed25519 public key as base64 of its 32 raw bytes, or PEM
   * ("-----BEGIN PUBLIC KEY-----", SPKI). You keep the private key; each request must then be
   * signed with it within a 5 s receive window, and each signature is accepted once. Anything else
   * (another algorithm, a private key, bad encoding): BAD_USER_INPUT on `publicKey`.
   */
  publicKey?: InputMaybe<Scalars['String']['input']>;
};

/** A new API key and its secret, which is shown this once and stored only as a hash. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The key as it will be listed. */
  apiKey: ApiKey;
  /** The whole key: send it as the `X-API-Key` header. Keep it; it cannot be shown again. */
  secret: Scalars['String']['output'];
};

/** An asset to list: balances, deposits and withdrawals of it are counted in its decimals. */
export type CreateAssetInput = {
  /** Most decimal places a balance of it may carry, 0–18. Fixed once listed. */
  decimals: Scalars['Int']['input'];
  /** Display name, 1–64 characters. */
  name: Scalars['String']['input'];
  /** Ticker, 2–16 characters of A–Z and 0–9, e.g. SOL; must not be listed yet (ALREADY_EXISTS). */
  symbol: Scalars['String']['input'];
  /** Charged on each withdrawal, in the asset: ≥ 0, at most `decimals` decimal places. */
  withdrawalFee: Scalars['Decimal']['input'];
};

/**
 * A market to open on two listed assets. It trades (status TRADING) as soon as the mutation returns:
 * every process picks it up without a restart.
 */
export type CreateMarketInput = {
  /** Listed asset bought and sold. */
  base: Scalars['String']['input'];
  /** Amounts are whole multiples of it: > 0, at most the base asset's decimals. Fixed once created. */
  lotSize: Scalars['Decimal']['input'];
  /** Fee rate of the resting side of a trade, 0–1 (0.001 = 0.1 %). */
  makerFee: Scalars['Decimal']['input'];
  /** Least price × amount (in quote) an order may have: ≥ 0, at most the quote asset's decimals. */
  minNotional: Scalars['Decimal']['input'];
  /** Percent-price filter, 0 < p ≤ 100; null or absent: no band. */
  priceBandPercent?: InputMaybe<Scalars['Decimal']['input']>;
  /** Listed asset prices are quoted in; must differ from `base`. */
  quote: Scalars['String']['input'];
  /** BASE_QUOTE of `base` and `quote`, e.g. SOL_USDT, at most 32 characters; must not exist yet (ALREADY_EXISTS). */
  symbol: Scalars['String']['input'];
  /** Fee rate of the incoming side of a trade, 0–1. */
  takerFee: Scalars['Decimal']['input'];
  /**
   * Prices are whole multiples of it: > 0, at most the quote asset's decimals, and tickSize × lotSize
   * at most the quote asset's decimals too (so every trade's quote amount is exact). Fixed once created.
   */
  tickSize: Scalars['Decimal']['input'];
};

/** Funds to credit to the caller's wallet. */
export type DepositInput = {
  /** Positive amount with at most the asset's decimal places. */
  amount: Scalars['Decimal']['input'];
  /** Asset symbol, e.g. USDT. */
  asset: Scalars['String']['input'];
};

/**
 * A fee tier: a user whose traded volume of the last 30 days (in USDT) reaches `minVolume` pays at
 * most these rates — on each market the lower of the tier's rate and the market's own. Tier 0 is
 * implicit: the markets' own rates.
 */
export type FeeTier = {
  __typename?: 'FeeTier';
  /** Most a maker pays at this tier (0.0008 = 0.08 %). */
  makerFee: Scalars['Decimal']['output'];
  /**
   * Least 30-day traded volume, in USDT: the quote amount of each of the user's fills (a self-trade
   * counts both sides) on markets quoted in USDT; other quotes converted at the last price of
   * <QUOTE>_USDT (not counted when there is no such market or it never traded).
   */
  minVolume: Scalars['Decimal']['output'];
  /** Most a taker pays at this tier. */
  takerFee: Scalars['Decimal']['output'];
  /** The tier's number, 1–100; a higher tier needs more volume. */
  tier: Scalars['Int']['output'];
  /** When the table was last set. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One tier of the table `setFeeTiers` writes. */
export type FeeTierInput = {
  /** Maker rate at this tier, 0–1. */
  makerFee: Scalars['Decimal']['input'];
  /** Least 30-day volume in USDT, ≥ 0, rising strictly with the tier. */
  minVolume: Scalars['Decimal']['input'];
  /** Taker rate at this tier, 0–1. */
  takerFee: Scalars['Decimal']['input'];
  /** 1–100, each once. */
  tier: Scalars['Int']['input'];
};

/** One change of one balance: every change of every wallet has exactly one. */
export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Asset symbol. */
  asset: Scalars['String']['output'];
  /** Available balance right after this change. */
  availableAfter: Scalars['Decimal']['output'];
  /** Signed change of the available balance. */
  availableDelta: Scalars['Decimal']['output'];
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Identifier; entries are ordered by it. */
  id: Scalars['ID']['output'];
  /** Locked balance right after this change. */
  lockedAfter: Scalars['Decimal']['output'];
  /** Signed change of the locked balance. */
  lockedDelta: Scalars['Decimal']['output'];
  /** Why the balance changed. */
  reason: LedgerReason;
  /** What caused it, e.g. deposit:<id>, order:<id>, trade:<market>:<command sequence>:<index> (MyTrade.ledgerReference), fees:<market>:<from>-<to>. */
  reference: Scalars['String']['output'];
};

/** A page of ledger entries, newest first. */
export type LedgerEntryConnection = {
  __typename?: 'LedgerEntryConnection';
  /** The entries of this page. */
  edges: Array<LedgerEntryEdge>;
  /** Where the page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** An edge of the ledger connection. */
export type LedgerEntryEdge = {
  __typename?: 'LedgerEntryEdge';
  /** Opaque position of this entry; pass as `after` to continue from it. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: LedgerEntry;
};

/** Why a balance changed. */
export type LedgerReason =
  | 'DEPOSIT'
  | 'FEE'
  | 'FEE_INCOME'
  | 'ORDER_LOCK'
  | 'ORDER_UNLOCK'
  | 'TRADE'
  | 'WITHDRAWAL'
  /** A withdrawal request moved amount + fee from available to locked. */
  | 'WITHDRAWAL_LOCK'
  /** A rejected withdrawal gave amount + fee back from locked to available. */
  | 'WITHDRAWAL_UNLOCK';

/** Whether the caller's side of a trade rested on the book (MAKER) or came in and took (TAKER). */
export type Liquidity =
  | 'MAKER'
  | 'TAKER';

/** Credentials to sign in with. */
export type LoginInput = {
  /** Login email (any letter case). */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** A trading pair with its filters and fees. */
export type Market = {
  __typename?: 'Market';
  /** Asset bought and sold. */
  base: Scalars['String']['output'];
  /** Stable id for client caches: the symbol. */
  id: Scalars['ID']['output'];
  /** Amounts must be whole multiples of this. */
  lotSize: Scalars['Decimal']['output'];
  /** Fee rate for the resting side of a trade, taken in the asset received (0.001 = 0.1 %). */
  makerFee: Scalars['Decimal']['output'];
  /** Least price × amount (in quote) an order may have. */
  minNotional: Scalars['Decimal']['output'];
  /**
   * Percent-price filter: a LIMIT price more than this many percent from the reference price — the
   * last trade's, or on a market that never traded the best ask for a BUY and the best bid for a
   * SELL — is refused (PRICE_OUT_OF_BAND, with the allowed minPrice and maxPrice); null = no band.
   */
  priceBandPercent?: Maybe<Scalars['Decimal']['output']>;
  /** Asset prices are quoted in. */
  quote: Scalars['String']['output'];
  /** TRADING, CANCEL_ONLY or HALTED. */
  status: MarketStatus;
  /** Pair symbol, BASE_QUOTE, e.g. BTC_USDT. */
  symbol: Scalars['String']['output'];
  /** Fee rate for the incoming side of a trade, taken in the asset received. */
  takerFee: Scalars['Decimal']['output'];
  /** Prices must be whole multiples of this. */
  tickSize: Scalars['Decimal']['output'];
};

/**
 * Whether a market accepts orders. TRADING: orders and cancels. CANCEL_ONLY: cancels only.
 * HALTED: nothing is matched; cancels still work. Changed by `setMarketStatus`, sequenced with
 * the market's orders (the matcher enforces it).
 */
export type MarketStatus =
  | 'CANCEL_ONLY'
  | 'HALTED'
  | 'TRADING';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Approves a PENDING withdrawal once it has been sent: COMPLETED with `txid` (1–128 characters of
   * letters, digits, '.', '_', ':' and '-'). The user's locked balance gives up amount (ledger
   * WITHDRAWAL) and fee (FEE), the fee account receives the fee (FEE_INCOME). Audited. Decided
   * already (also by a concurrent call): WITHDRAWAL_NOT_PENDING with `status`; no such id:
   * WITHDRAWAL_NOT_FOUND.
   */
  approveWithdrawal: Withdrawal;
  /**
   * Asks the matcher to cancel one of the caller's orders; the locked remainder is released when it
   * confirms. Already finished: ORDER_NOT_OPEN. Cancels have their own rate (the same numbers as
   * placements, counted apart, so a caller out of placement tokens can still cancel): RATE_LIMITED.
   */
  cancelOrder: Order;
  /**
   * Cancels up to 20 of the caller's orders in one request, each exactly as cancelOrder would. The
   * answer has one entry per id, in order: the order (`cancelRequested`), or null and an error
   * whose `path` ends in that entry's index (ORDER_NOT_FOUND, ORDER_NOT_OPEN). Each takes a cancel
   * token; short of them, the whole request is RATE_LIMITED. More than 20: BAD_USER_INPUT
   * (`extensions.limit`), nothing cancelled.
   */
  cancelOrders: Array<Maybe<Order>>;
  /**
   * Sets a new password (needs a session, not an API key) and ends every session: older tokens
   * become UNAUTHENTICATED and sockets opened with them close (4403). API keys keep working. Returns
   * a fresh token. Wrong current password, or a new one outside 10–128 characters: BAD_USER_INPUT;
   * more than 5 attempts in 15 minutes: RATE_LIMITED with `extensions.retryAfterSeconds`.
   */
  changePassword: AuthPayload;
  /** Creates an API key for the caller (needs a session, not an API key). The secret is returned once. An account holds at most 50 active keys (more: BAD_USER_INPUT). */
  createApiKey: CreateApiKeyPayload;
  /**
   * Lists an asset. Recorded in the audit log. BAD_USER_INPUT (`field`) for a bad symbol, name,
   * decimals or fee; ALREADY_EXISTS (`field: symbol`) when the symbol is listed.
   */
  createAsset: Asset;
  /**
   * Opens a market (TRADING) on two listed assets; every process (placement, matcher, settlement,
   * market data) picks it up without a restart. Recorded in the audit log. BAD_USER_INPUT (`field`)
   * for anything that breaks the rules of CreateMarketInput; ALREADY_EXISTS (`field: symbol`).
   */
  createMarket: Market;
  /** Credits the caller's wallet. Allowed to ADMIN, or to anyone while the demo faucet is on. */
  deposit: Wallet;
  /**
   * Signs in. Wrong credentials: UNAUTHENTICATED. Every attempt counts before the password is
   * checked, and a success takes its own back; in 15 minutes at most 5 per account from one IP, 100
   * per account from anywhere and 30 per IP, then RATE_LIMITED with `extensions.retryAfterSeconds`
   * (also when the server is too busy checking passwords). Throttle store down: SERVICE_UNAVAILABLE.
   */
  login: AuthPayload;
  /**
   * Locks the funds and queues the order for matching (status PENDING). Refused with nothing changed:
   * INSUFFICIENT_FUNDS when available does not cover the lock (`extensions.asset`, `needed`, and
   * `available` as the refusal saw it); TOO_MANY_OPEN_ORDERS (`extensions.limit`,
   * `extensions.market`) when the caller already holds the most open (PENDING, OPEN, PARTIALLY_FILLED)
   * orders allowed on the market (default 200); RATE_LIMITED past the order rate of the API key, or of
   * the user's sessions (default 50 a second, bursts of 100), with `extensions.retryAfterSeconds`
   * (fractional) and `extensions.retryAfterMs`. Against the market's reference price (its last trade;
   * without one, the best bid for a SELL, the best ask for a BUY): PRICE_OUT_OF_BAND for a LIMIT price
   * outside the market's priceBandPercent (`extensions.minPrice`, `maxPrice`, `referencePrice`);
   * BAD_USER_INPUT for a MARKET SELL whose amount × reference price is below minNotional;
   * NO_REFERENCE_PRICE for a MARKET SELL on a market with no trade and no bid. MARKET_HALTED or
   * MARKET_CANCEL_ONLY (`extensions.market`) while the market is not TRADING; an order taken just as
   * the status changed is rejected by the matcher instead (REJECTED, its funds released).
   * With an API key, its guardrails (ApiKey.guardrails): FORBIDDEN with `reason: DRY_RUN` (use
   * previewOrder) or `reason: MARKET_NOT_ALLOWED`; GUARDRAIL_EXCEEDED (`reason` ORDER_NOTIONAL or
   * DAILY_NOTIONAL, `limit`, `requested`, `remaining` in USDT).
   */
  placeOrder: Order;
  /**
   * Places up to 20 orders in one request (a ladder of quotes, both sides of a market), each exactly
   * as placeOrder would, with the same checks and error codes. The answer has one entry per input,
   * in order: the order, or null and an error whose `path` ends in that entry's index. Not atomic:
   * some may be placed while others are refused. Orders on one market are placed in the order
   * given, so when funds or the open-order cap run out, the later ones are refused. Each order takes
   * an order token and weighs 1; when the rate cannot cover them all, the whole request is
   * RATE_LIMITED and nothing is placed. More than 20: BAD_USER_INPUT (`extensions.limit`), nothing
   * placed. Saves a request per order: one round trip, one authentication, one rate-limit charge.
   */
  placeOrders: Array<Maybe<Order>>;
  /**
   * Records one tool call made by an agent acting as the calling API key: an audit-log entry with
   * the key's user as actor, action `mcp:<tool>`, target `apiKey:<id>` and the arguments and
   * outcome. The MCP server calls it after every tool call. Needs an API key (a session:
   * FORBIDDEN); a malformed field: BAD_USER_INPUT. Returns true.
   */
  recordAgentToolCall: Scalars['Boolean']['output'];
  /**
   * Creates an account and signs it in. Email taken: BAD_USER_INPUT. More than the registrations one
   * IP may make per hour (REGISTRATIONS_PER_IP_HOUR, default 10), or the server too busy hashing
   * passwords: RATE_LIMITED with `extensions.retryAfterSeconds`.
   */
  register: AuthPayload;
  /**
   * Rejects a PENDING withdrawal with a reason (1–256 characters) the user sees: REJECTED, and
   * amount + fee go back to available (ledger WITHDRAWAL_UNLOCK). Audited. Decided already:
   * WITHDRAWAL_NOT_PENDING with `status`; no such id: WITHDRAWAL_NOT_FOUND.
   */
  rejectWithdrawal: Withdrawal;
  /**
   * Requests a withdrawal: amount + the asset's withdrawal fee move from available to locked
   * (ledger WITHDRAWAL_LOCK) and the withdrawal waits PENDING for an operator. Needs a session, or
   * an API key with WITHDRAW and an IP allow-list holding the caller's address (no allow-list:
   * FORBIDDEN with `reason: IP_ALLOW_LIST_REQUIRED`). The verification level must allow the asset
   * (else VERIFICATION_REQUIRED with `requiredLevel`), and this UTC day's PENDING and COMPLETED
   * amounts of the asset plus this one must stay within its daily limit (else
   * WITHDRAWAL_LIMIT_EXCEEDED with `limit`, `usedToday`, `remaining`, `resetsAt`); see
   * `me { verificationLimits }`. Available below amount + fee: INSUFFICIENT_FUNDS. Unknown asset,
   * amount not positive or too precise, bad address: BAD_USER_INPUT with `field`.
   */
  requestWithdrawal: Withdrawal;
  /** Revokes one of the caller's API keys at once; requests with it become UNAUTHENTICATED. */
  revokeApiKey: ApiKey;
  /**
   * Replaces the guardrails of an API key (every field: left out = none): the key's owner, or an
   * admin for any key, with a session (not an API key). Recorded in the audit log (action
   * setApiKeyGuardrails, target `apiKey:<id>`, before and after). Applies at once on this API
   * process and within 2 s on the others. No such key: BAD_USER_INPUT on `id`; a bad limit or
   * market: BAD_USER_INPUT naming the field.
   */
  setApiKeyGuardrails: ApiKey;
  /**
   * Replaces the whole fee-tier table (at most 20 tiers; empty removes them all) and recomputes every
   * user's tier at once; trades settled from then on are charged the new rates. Audited (before and
   * after). A tier out of 1–100 or given twice, a negative minVolume or one that does not rise with
   * the tier, a rate outside 0–1: BAD_USER_INPUT naming the field (`tiers.<i>.<field>`).
   */
  setFeeTiers: Array<FeeTier>;
  /**
   * TRADING, CANCEL_ONLY or HALTED. Sequenced with the market's orders: the status change and its
   * command to the matcher are written in one transaction, and the matcher applies it in command
   * order. Orders committed before it may still match; once the mutation returns, no order placed
   * afterwards matches while the market is not TRADING — the API refuses it (MARKET_HALTED,
   * MARKET_CANCEL_ONLY) or, if a process has not heard yet, the matcher rejects it and its funds are
   * released (REJECTED). Cancels always work. Setting the status the market already has sends the
   * command again. Recorded in the audit log. MARKET_NOT_FOUND.
   */
  setMarketStatus: Market;
  /**
   * Sets a user's verification level (0, 1 or 2; another: BAD_USER_INPUT on `level`; an unknown
   * user: BAD_USER_INPUT on `userId`). Takes effect at the user's next withdrawal. Audited.
   */
  setVerificationLevel: User;
  /**
   * Changes a market's fees, minimum notional or price band. Every process is told once the change
   * has committed, so a fee change applies to every trade matched after the mutation returns.
   * Recorded in the audit log (before and after). BAD_USER_INPUT (`field`); MARKET_NOT_FOUND.
   */
  updateMarket: Market;
};


export type MutationApproveWithdrawalArgs = {
  id: Scalars['ID']['input'];
  txid: Scalars['String']['input'];
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelOrdersArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateAssetArgs = {
  input: CreateAssetInput;
};


export type MutationCreateMarketArgs = {
  input: CreateMarketInput;
};


export type MutationDepositArgs = {
  input: DepositInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationPlaceOrdersArgs = {
  inputs: Array<PlaceOrderInput>;
};


export type MutationRecordAgentToolCallArgs = {
  input: AgentToolCallInput;
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRejectWithdrawalArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRequestWithdrawalArgs = {
  input: RequestWithdrawalInput;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetApiKeyGuardrailsArgs = {
  id: Scalars['ID']['input'];
  input: ApiKeyGuardrailsInput;
};


export type MutationSetFeeTiersArgs = {
  tiers: Array<FeeTierInput>;
};


export type MutationSetMarketStatusArgs = {
  market: Scalars['String']['input'];
  status: MarketStatus;
};


export type MutationSetVerificationLevelArgs = {
  level: Scalars['Int']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUpdateMarketArgs = {
  input: UpdateMarketInput;
};

/**
 * A fill of the caller: one side of a trade, with that side's order and fee. A trade between two
 * of the caller's own orders (a self-trade, selfTradePrevention NONE) is two fills, the maker's and
 * the taker's, each with its own fee.
 */
export type MyTrade = {
  __typename?: 'MyTrade';
  /** Base amount. */
  amount: Scalars['Decimal']['output'];
  /** When it was matched. */
  executedAt: Scalars['DateTime']['output'];
  /** Fee this side paid, in the asset received (base for a buy, quote for a sell): received × the rate charged (the market's maker or taker rate, or the caller's fee tier's where lower), rounded down to the asset's decimals. */
  fee: Scalars['Decimal']['output'];
  /** Asset the fee was paid in. */
  feeAsset: Scalars['String']['output'];
  /** Identifier of this fill: `<market>:<sequence>:<side>`, unique per trade and side. */
  id: Scalars['ID']['output'];
  /** The `reference` of the ledger entries this trade made (LedgerEntry.reference): `trade:<market>:<command sequence>:<index>`. */
  ledgerReference: Scalars['String']['output'];
  /** Whether this side's order was the maker (resting) or the taker (incoming). */
  liquidity: Liquidity;
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** The caller's order on this side of the trade. */
  orderId: Scalars['ID']['output'];
  /** Price of the trade. */
  price: Scalars['Decimal']['output'];
  /** price × amount, in the quote asset. */
  quoteAmount: Scalars['Decimal']['output'];
  /** Place on the market's tape (as Trade.sequence). */
  sequence: Scalars['String']['output'];
  /** BUY for the buyer's side of the trade, SELL for the seller's. */
  side: OrderSide;
  /** The trade on the public tape (Trade.id, `<market>:<sequence>`); both fills of a trade share it. */
  tradeId: Scalars['ID']['output'];
};

/** A page of the caller's trades, newest first. */
export type MyTradeConnection = {
  __typename?: 'MyTradeConnection';
  /** The trades of this page. */
  edges: Array<MyTradeEdge>;
  /** Where the page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** An edge of the caller's trade connection. */
export type MyTradeEdge = {
  __typename?: 'MyTradeEdge';
  /** Opaque position; pass as `after`. */
  cursor: Scalars['String']['output'];
  /** The trade. */
  node: MyTrade;
};

/** An order of the caller. */
export type Order = {
  __typename?: 'Order';
  /** Amount of base asset; null for a MARKET BUY, which is sized by quoteAmount. */
  amount?: Maybe<Scalars['Decimal']['output']>;
  /** filledQuoteAmount / filledAmount, or null before the first fill. */
  averagePrice?: Maybe<Scalars['Decimal']['output']>;
  /**
   * True on cancelOrder's answer: the cancel is queued for the matcher, and `status` is still the one
   * before it (CANCELLED arrives on myOrders, or the order fills first). False everywhere else: a
   * query's `status` is the truth.
   */
  cancelRequested: Scalars['Boolean']['output'];
  /** The caller's own identifier, unique per account; repeating it returns this order. */
  clientOrderId?: Maybe<Scalars['String']['output']>;
  /** When the order was placed. */
  createdAt: Scalars['DateTime']['output'];
  /** Base amount filled so far. */
  filledAmount: Scalars['Decimal']['output'];
  /** Quote amount filled so far (before fees). */
  filledQuoteAmount: Scalars['Decimal']['output'];
  /** Identifier given by the exchange. */
  id: Scalars['ID']['output'];
  /** What the order still holds locked in its wallet (quote for BUY, base for SELL). */
  lockedAmount: Scalars['Decimal']['output'];
  /** Market symbol, e.g. BTC_USDT. */
  market: Scalars['String']['output'];
  /** Whether the order may only rest (rejected if it would take). */
  postOnly: Scalars['Boolean']['output'];
  /** Limit price; null for MARKET orders. */
  price?: Maybe<Scalars['Decimal']['output']>;
  /** Quote budget of a MARKET BUY; null otherwise. */
  quoteAmount?: Maybe<Scalars['Decimal']['output']>;
  /** Self-trade prevention mode. */
  selfTradePrevention: SelfTradePrevention;
  /** BUY or SELL. */
  side: OrderSide;
  /** Where the order is in its life. */
  status: OrderStatus;
  /** GTC, IOC or FOK (MARKET orders are IOC). */
  timeInForce: TimeInForce;
  /** LIMIT or MARKET. */
  type: OrderType;
  /** Last change of status or fills. */
  updatedAt: Scalars['DateTime']['output'];
};

/** The order book of a market as the matcher last mirrored it to Redis. */
export type OrderBook = {
  __typename?: 'OrderBook';
  /** Sell levels, best (lowest) first. */
  asks: Array<PriceLevel>;
  /** Buy levels, best (highest) first. */
  bids: Array<PriceLevel>;
  /** Stable id for client caches: the market symbol. */
  id: Scalars['ID']['output'];
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** Market sequence of the last command the book reflects; diffs continue from it. */
  sequence: Scalars['String']['output'];
};

/** A change of a market's order book, in market sequence order (Binance's rule). */
export type OrderBookUpdate = {
  __typename?: 'OrderBookUpdate';
  /** Sell levels that changed, with their new total amount; amount 0 removes the level. */
  asks: Array<PriceLevel>;
  /** Buy levels that changed, with their new total amount; amount 0 removes the level. */
  bids: Array<PriceLevel>;
  /**
   * CRC-32 of the subscribed window after this update, unsigned, in decimal: of the UTF-8 text
   * `ASKS|BIDS`, each side its best 10 levels (asks lowest first, bids highest first) written
   * `price:amount` as sent here and joined by `,` (docs/LIVE.md). A mismatch: resubscribe.
   */
  checksum: Scalars['String']['output'];
  /** First market sequence this update covers: the previous update's lastSequence + 1, or the client missed one and should resubscribe. */
  firstSequence: Scalars['String']['output'];
  /** Last market sequence this update covers. */
  lastSequence: Scalars['String']['output'];
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** True for a whole book — the first message of a subscription, and after a gap or a matcher restart: replace the book, don't apply. */
  snapshot: Scalars['Boolean']['output'];
};

/** A page of the caller's orders, newest first. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page. */
  edges: Array<OrderEdge>;
  /** Where the page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** An edge of the order connection. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque position; pass as `after`. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** What placeOrder would do with an order now (previewOrder); nothing is placed or locked. */
export type OrderPreview = {
  __typename?: 'OrderPreview';
  /** The caller's available lockAsset now; null for an anonymous caller. */
  available?: Maybe<Scalars['Decimal']['output']>;
  /** For an API key with a daily limit: USDT left today before this order; null otherwise. */
  dailyNotionalRemaining?: Maybe<Scalars['Decimal']['output']>;
  /** True when the caller's API key is in dry-run mode: placeOrder would refuse it (FORBIDDEN, `reason: DRY_RUN`). */
  dryRun: Scalars['Boolean']['output'];
  /** estimatedFillQuote ÷ estimatedFillAmount, rounded down to 18 places; null when nothing would fill. */
  estimatedAveragePrice?: Maybe<Scalars['Decimal']['output']>;
  /** Taker fee on the estimated fills, in feeAsset, rounded down to 18 places (settlement rounds to the asset's decimals). */
  estimatedFee: Scalars['Decimal']['output'];
  /** Base amount the order would fill at once against the current book (0 if it would rest). */
  estimatedFillAmount: Scalars['Decimal']['output'];
  /** Quote amount those fills would trade. */
  estimatedFillQuote: Scalars['Decimal']['output'];
  /** Asset fees are taken in: the base for a BUY, the quote for a SELL (what the side receives). */
  feeAsset: Scalars['String']['output'];
  /** Whether available covers lockAmount (else placeOrder: INSUFFICIENT_FUNDS); null for an anonymous caller. */
  fundsSufficient?: Maybe<Scalars['Boolean']['output']>;
  /** Book levels those fills would take. */
  levelsTaken: Scalars['Int']['output'];
  /** Amount of lockAsset placeOrder would move available → locked. */
  lockAmount: Scalars['Decimal']['output'];
  /** Asset placeOrder would lock: the quote for a BUY, the base for a SELL. */
  lockAsset: Scalars['String']['output'];
  /** The caller's maker rate on this market (the lower of the market's and their fee tier's), e.g. 0.001 = 0.1 %. */
  makerFeeRate: Scalars['Decimal']['output'];
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** LIMIT price × amount; MARKET BUY quoteAmount; MARKET SELL amount × reference price. In quoteAsset. */
  notional: Scalars['Decimal']['output'];
  /** notional in USDT (through `<QUOTE>_USDT` when the quote is not USDT), the value the guardrails measure; null when it cannot be valued. */
  notionalUsdt?: Maybe<Scalars['Decimal']['output']>;
  /** Quote asset of the market: the asset of notional, prices and estimatedFillQuote. */
  quoteAsset: Scalars['String']['output'];
  /** BUY or SELL. */
  side: OrderSide;
  /** The caller's taker rate on this market. */
  takerFeeRate: Scalars['Decimal']['output'];
  /** LIMIT or MARKET. */
  type: OrderType;
};

/** Which way an order trades: BUY the base asset with the quote asset, or SELL it. */
export type OrderSide =
  | 'BUY'
  | 'SELL';

/** Where an order is in its life. PENDING: funds locked, on its way to the matcher. */
export type OrderStatus =
  | 'CANCELLED'
  | 'EXPIRED'
  | 'FILLED'
  | 'OPEN'
  | 'PARTIALLY_FILLED'
  | 'PENDING'
  | 'REJECTED';

/** LIMIT rests at a price; MARKET takes what the book offers now. */
export type OrderType =
  | 'LIMIT'
  | 'MARKET';

/** Where a page of a cursor connection starts and ends, and whether there is more after it. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page, or null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** An order to place. LIMIT needs price and amount; MARKET BUY needs quoteAmount; MARKET SELL needs amount. */
export type PlaceOrderInput = {
  /** LIMIT and MARKET SELL: a whole multiple of the market's lotSize. */
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  /**
   * Up to 64 characters [A-Za-z0-9_.:-]; a repeat returns the existing order (safe retries), or
   * BAD_USER_INPUT with reason CLIENT_ORDER_ID_IN_USE when that order is of another market or side.
   */
  clientOrderId?: InputMaybe<Scalars['String']['input']>;
  /** Market symbol, e.g. BTC_USDT. */
  market: Scalars['String']['input'];
  /** LIMIT GTC only: reject instead of taking liquidity. */
  postOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** LIMIT only: a whole multiple of the market's tickSize. */
  price?: InputMaybe<Scalars['Decimal']['input']>;
  /** MARKET BUY only: the most quote to spend; what cannot buy a whole lot is returned. */
  quoteAmount?: InputMaybe<Scalars['Decimal']['input']>;
  /** Default EXPIRE_TAKER. */
  selfTradePrevention?: InputMaybe<SelfTradePrevention>;
  /** BUY or SELL. */
  side: OrderSide;
  /** LIMIT only; default GTC. MARKET orders are always IOC. */
  timeInForce?: InputMaybe<TimeInForce>;
  /** LIMIT or MARKET. */
  type: OrderType;
};

/** An aggregated price level of the order book. */
export type PriceLevel = {
  __typename?: 'PriceLevel';
  /** Total base amount resting at that price. */
  amount: Scalars['Decimal']['output'];
  /** Price of the level. */
  price: Scalars['Decimal']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Every user's withdrawals, newest first, only those of `status` when given; `first` 1–100 (default 20). */
  adminWithdrawals: WithdrawalConnection;
  /**
   * The caller's API keys: every active one (at most 50 exist), then the latest revoked ones, newest
   * first within each; at most 100 in all. Needs a session (not an API key).
   */
  apiKeys: Array<ApiKey>;
  /**
   * The admin audit trail, newest first, optionally of one `target` (e.g. market:BTC_USDT);
   * `first` 1–100 (default 20).
   */
  auditLog: AuditEntryConnection;
  /**
   * Bars of one market and interval: the latest `limit` bars (default 500, at most 1,000; outside
   * 1–1,000 is BAD_USER_INPUT) whose start is at or after `from` and before `to`, oldest first.
   * Empty buckets are omitted. `from` after `to` is BAD_USER_INPUT; an unknown market is
   * MARKET_NOT_FOUND. Public: no credentials needed. While PostgreSQL is unreachable the cached
   * bars are served with `stale: true`.
   */
  candles: CandleSeries;
  /** The fee tiers, lowest first (empty: everyone pays the markets' own rates). */
  feeTiers: Array<FeeTier>;
  /** The caller's ledger, newest first; `asset` filters, `first` is 1–100 (default 20). */
  ledger: LedgerEntryConnection;
  /** Every market, by symbol. */
  markets: Array<Market>;
  /** The caller, or null when the request carries no credentials. */
  me?: Maybe<User>;
  /** The caller's fills, newest first: one per trade and side of the caller (a self-trade is two); `first` 1–100 (default 20). */
  myTrades: MyTradeConnection;
  /** One of the caller's orders; another user's order id reads as ORDER_NOT_FOUND. */
  order?: Maybe<Order>;
  /** Aggregated order book from the Redis mirror (served even while PostgreSQL is down); depth 1–100, default 20. */
  orderBook: OrderBook;
  /** The caller's orders, newest first, filtered by market and status; `first` 1–100 (default 20). */
  orders: OrderConnection;
  /**
   * Validates and prices an order without placing it: every check placeOrder makes before locking
   * funds (filters, reference price, and for an API key its guardrails — allowed markets,
   * per-order notional, what is left of the daily notional; a dry-run key is not refused here),
   * with the same error codes. Then what it would do: its notional (quote and USDT), the funds it
   * would lock, the fills it would take from the current book (an estimate: the book may move),
   * and the fee at the caller's rates. Anyone may ask; anonymous callers get the market's fees
   * and no balance.
   */
  previewOrder: OrderPreview;
  /**
   * The caller's request weight per scope: an API key's KEY and USER, a session's USER, an
   * anonymous caller's IP. For socket clients, which see no headers. Reading it costs a weight of
   * 1 like any field.
   */
  rateLimits: Array<RateLimitUsage>;
  /** A market's 24-hour summary; public. Served from the cache with `stale: true` while PostgreSQL is unreachable. */
  ticker: Ticker;
  /**
   * The public tape: a market's latest trades, newest first (`limit` 1–1,000, default 100).
   * With `after` (a Trade.sequence), the trades after that one instead, OLDEST first: page
   * forward by passing the last one's sequence again. With `before`, the trades before that one,
   * newest first: page back through the whole tape by passing the last one's sequence again.
   * `after` and `before` together are BAD_USER_INPUT. Public. While PostgreSQL is unreachable
   * the cached latest 1,000 trades are served (without `after` or `before`).
   */
  trades: Array<Trade>;
  /** The caller's balances, one per listed asset (zero for assets never held). */
  wallets: Array<Wallet>;
  /** The caller's withdrawals, newest first; `first` 1–100 (default 20). */
  withdrawals: WithdrawalConnection;
};


export type QueryAdminWithdrawalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WithdrawalStatus>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  target?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCandlesArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  interval: CandleInterval;
  limit?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryLedgerArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asset?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMyTradesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  market?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderBookArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  market?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};


export type QueryPreviewOrderArgs = {
  input: PlaceOrderInput;
};


export type QueryTickerArgs = {
  market: Scalars['String']['input'];
};


export type QueryTradesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
};


export type QueryWithdrawalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * One scope's request weight in its current one-minute window. Every operation costs a weight (1,
 * more for big pages: docs/SECURITY.md has the table); past `limit` in a window, requests are
 * RATE_LIMITED (HTTP 429, `Retry-After`) until the window ends. HTTP answers carry the same
 * figures for the tightest scope in `X-RateLimit-Used-Weight`, `X-RateLimit-Limit`,
 * `X-RateLimit-Reset` and `X-RateLimit-Scope`.
 */
export type RateLimitUsage = {
  __typename?: 'RateLimitUsage';
  /** Weight allowed per window (RATE_LIMIT_KEY/USER/IP_WEIGHT_PER_MINUTE). */
  limit: Scalars['Int']['output'];
  /** Whole seconds until the window ends and `used` starts again from 0. */
  resetSeconds: Scalars['Int']['output'];
  /** KEY, USER or IP. */
  scope: WeightScope;
  /** Weight spent in the current window, this request included. */
  used: Scalars['Int']['output'];
};

/** Account to create. */
export type RegisterInput = {
  /** Login email; must be unique regardless of case. */
  email: Scalars['String']['input'];
  /** Display name, 1–100 characters. */
  name: Scalars['String']['input'];
  /** At least 10 and at most 128 characters. */
  password: Scalars['String']['input'];
};

/** Funds to send out. */
export type RequestWithdrawalInput = {
  /** Destination: 1–128 characters of letters, digits, '.', '_', ':' and '-' (a memo or tag after ':'). */
  address: Scalars['String']['input'];
  /** What the address should receive: positive, at most the asset's decimal places. The fee comes on top. */
  amount: Scalars['Decimal']['input'];
  /** Asset symbol, e.g. USDT. */
  asset: Scalars['String']['input'];
};

/** What a user may do beyond trading: ADMIN may deposit for anyone; SYSTEM accounts cannot log in. */
export type Role =
  | 'ADMIN'
  | 'SYSTEM'
  | 'USER';

/** What happens when an order would trade with an order of the same user. */
export type SelfTradePrevention =
  /** Both expire. */
  | 'EXPIRE_BOTH'
  /** The resting order expires and matching continues. */
  | 'EXPIRE_MAKER'
  /** The incoming order's remainder expires (default). */
  | 'EXPIRE_TAKER'
  /** Self-trades are allowed. */
  | 'NONE';

/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The market's current bar of the interval each time a trade moves it. */
  candles: Candle;
  /** Ticks every `intervalSeconds` (1–60, default 1) with the server time; shows the socket works. */
  heartbeat: Scalars['DateTime']['output'];
  /** The caller's orders each time one changes: placed, resting, filled, cancelled… */
  myOrders: Order;
  /** The caller's wallet of an asset each time its balance changes. */
  myWallets: Wallet;
  /**
   * The market's top `depth` levels per side (1–100, default 100; outside is BAD_USER_INPUT): a
   * snapshot, then after each change the diff of that window — levels changed in it, levels that
   * entered it because others left, and amount 0 for levels that left it. Snapshot + diffs always
   * equals the orderBook query with the same depth at the update's lastSequence (docs/LIVE.md).
   */
  orderBook: OrderBookUpdate;
  /**
   * The market's whole top `depth` levels per side (1–100, default 20; outside is BAD_USER_INPUT),
   * as the orderBook query answers them: now, then each time they change, at most every 100 ms
   * (the latest wins). For clients that would rather not apply diffs; `orderBook` is cheaper.
   */
  orderBookTop: OrderBook;
  /**
   * The market's 24-hour summary: the current one first, then each time trades change it (market
   * data recomputes it at most every 250 ms per market, so a burst of trades is one push).
   * MARKET_NOT_FOUND for an unknown market.
   */
  ticker: Ticker;
  /**
   * Each trade of the market as the matcher makes it, in tape order (Trade.sequence increasing).
   * Reconnecting? Pass `after` = the last sequence you saw: the trades since are sent first (up
   * to 1,000; further back is RESYNC_REQUIRED — page them with the trades query). If the server
   * loses live messages it cannot fill in, the subscription ends with RESYNC_REQUIRED: resubscribe
   * with `after`. Nothing is skipped silently.
   */
  trades: Trade;
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionCandlesArgs = {
  interval: CandleInterval;
  market: Scalars['String']['input'];
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionHeartbeatArgs = {
  intervalSeconds?: InputMaybe<Scalars['Int']['input']>;
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionOrderBookArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionOrderBookTopArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionTickerArgs = {
  market: Scalars['String']['input'];
};


/** Live updates over graphql-ws on the same `/graphql` endpoint. */
export type SubscriptionTradesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  market: Scalars['String']['input'];
};

/** A market's rolling 24-hour summary. */
export type Ticker = {
  __typename?: 'Ticker';
  /** last − open; null if the market never traded. */
  change?: Maybe<Scalars['Decimal']['output']>;
  /** (last − open) / open × 100, rounded toward zero to 4 decimal places; null if the market never traded. */
  changePercent?: Maybe<Scalars['Decimal']['output']>;
  /** When the summary was computed (end of the window). */
  closeTime: Scalars['DateTime']['output'];
  /** Highest price in the window (the last price when nothing traded); null if the market never traded. */
  high?: Maybe<Scalars['Decimal']['output']>;
  /** The market's symbol: one ticker per market (a key for client caches). */
  id: Scalars['ID']['output'];
  /** Price of the market's latest trade, however old; null if it never traded. */
  last?: Maybe<Scalars['Decimal']['output']>;
  /** Lowest price in the window (the last price when nothing traded); null if the market never traded. */
  low?: Maybe<Scalars['Decimal']['output']>;
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** Trades in the window. */
  numberOfTrades: Scalars['Int']['output'];
  /** Price of the first trade in the window; the last price when nothing traded in it; null if the market never traded. */
  open?: Maybe<Scalars['Decimal']['output']>;
  /** Start of the window: 1,440 one-minute bars, the current one and the 1,439 before it. */
  openTime: Scalars['DateTime']['output'];
  /** Quote asset traded in the window. */
  quoteVolume: Scalars['Decimal']['output'];
  /** True when PostgreSQL was unreachable and the summary came from the cache; it may lag. */
  stale: Scalars['Boolean']['output'];
  /** Base asset traded in the window. */
  volume: Scalars['Decimal']['output'];
};

/** How long a LIMIT order stays: GTC until filled or cancelled; IOC fills what it can at once and expires the rest; FOK fills entirely at once or not at all. */
export type TimeInForce =
  | 'FOK'
  | 'GTC'
  | 'IOC';

/** A trade on a market's public tape. */
export type Trade = {
  __typename?: 'Trade';
  /** Base amount. */
  amount: Scalars['Decimal']['output'];
  /** When it was matched. */
  executedAt: Scalars['DateTime']['output'];
  /** Identifier of the trade: <market>:<sequence>. */
  id: Scalars['ID']['output'];
  /** Market symbol. */
  market: Scalars['String']['output'];
  /** Price, always the resting (maker) order's. */
  price: Scalars['Decimal']['output'];
  /** price × amount, in the quote asset. */
  quoteAmount: Scalars['Decimal']['output'];
  /** Place on the market's tape, strictly increasing: market sequence of the command × 2^20 + the trade's index within it. */
  sequence: Scalars['String']['output'];
  /** Side of the incoming order. */
  takerSide: OrderSide;
};

/**
 * What to change on a market; fields left out stay as they are (at least one is needed). tickSize and
 * lotSize cannot change: resting orders are held in whole ticks and lots of them — open a new market
 * instead.
 */
export type UpdateMarketInput = {
  /** New maker fee rate, 0–1; applies to trades matched after the mutation returns. */
  makerFee?: InputMaybe<Scalars['Decimal']['input']>;
  /** New least price × amount, ≥ 0, at most the quote asset's decimals; applies to new orders. */
  minNotional?: InputMaybe<Scalars['Decimal']['input']>;
  /** New percent-price band, 0 < p ≤ 100; an explicit null removes the band. */
  priceBandPercent?: InputMaybe<Scalars['Decimal']['input']>;
  /** The market to change. */
  symbol: Scalars['String']['input'];
  /** New taker fee rate, 0–1; applies to trades matched after the mutation returns. */
  takerFee?: InputMaybe<Scalars['Decimal']['input']>;
};

/** A person or bot owner with an account on the exchange. */
export type User = {
  __typename?: 'User';
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Login email, unique regardless of letter case. */
  email: Scalars['String']['output'];
  /** The user's fee tier, its rates and the 30-day volume it is measured on. */
  feeTier: UserFeeTier;
  /** Stable identifier of the user. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** USER, ADMIN or SYSTEM. */
  role: Role;
  /** Know-your-customer level; 0 until verified. */
  verificationLevel: Scalars['Int']['output'];
  /** What the user's verification level allows, with today's withdrawals counted. */
  verificationLimits: VerificationLimits;
};

/** A user's fee tier and what it gives. */
export type UserFeeTier = {
  __typename?: 'UserFeeTier';
  /** The tier's maker rate (each market charges the lower of it and its own); null at tier 0: the markets' own rates. */
  makerFee?: Maybe<Scalars['Decimal']['output']>;
  /** The tier's taker rate (each market charges the lower of it and its own); null at tier 0. */
  takerFee?: Maybe<Scalars['Decimal']['output']>;
  /** The tier the user's 30-day volume reached when tiers were last recomputed (every minute, and at each setFeeTiers); 0: none. */
  tier: Scalars['Int']['output'];
  /** The user's traded volume of the last 30 days as of now, in USDT (see FeeTier.minVolume). */
  volume30d: Scalars['Decimal']['output'];
};

/** What a verification level allows (the table is in config/verification-levels.ts and docs/OPERATIONS.md). */
export type VerificationLimits = {
  __typename?: 'VerificationLimits';
  /** Whether the user may place and cancel orders (every level may). */
  canTrade: Scalars['Boolean']['output'];
  /** Whether the level allows any withdrawal (level 0 does not). */
  canWithdraw: Scalars['Boolean']['output'];
  /** The user's verification level. */
  level: Scalars['Int']['output'];
  /** When the UTC day ends and the used amounts start again from 0. */
  resetsAt: Scalars['DateTime']['output'];
  /** One allowance per listed asset. */
  withdrawalLimits: Array<WithdrawalLimit>;
};

/** The caller's balance of one asset. */
export type Wallet = {
  __typename?: 'Wallet';
  /** Asset symbol, e.g. BTC. */
  asset: Scalars['String']['output'];
  /** What can be spent or withdrawn now. */
  available: Scalars['Decimal']['output'];
  /** Stable id for client caches: `<userId>:<asset>` (unique across users, so a cache shared by two sign-ins never mixes them). */
  id: Scalars['ID']['output'];
  /** What open orders and pending withdrawals hold. */
  locked: Scalars['Decimal']['output'];
  /** Last time the balance changed (the epoch for an asset never held). */
  updatedAt: Scalars['DateTime']['output'];
};

/** Where request weight is counted: per API key, per user (all its keys and sessions), per client address (no credentials). */
export type WeightScope =
  | 'IP'
  | 'KEY'
  | 'USER';

/** A request to send funds out of the exchange to an address on the asset's chain. */
export type Withdrawal = {
  __typename?: 'Withdrawal';
  /** The destination address. */
  address: Scalars['String']['output'];
  /** What the address receives. */
  amount: Scalars['Decimal']['output'];
  /** Asset symbol, e.g. BTC. */
  asset: Scalars['String']['output'];
  /** When it was requested. */
  createdAt: Scalars['DateTime']['output'];
  /** When it was approved or rejected, or null while PENDING. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Charged on top of `amount` (the asset's withdrawal fee at the request); paid only if COMPLETED. */
  fee: Scalars['Decimal']['output'];
  /** Identifier of the withdrawal. */
  id: Scalars['ID']['output'];
  /** Why it was rejected, once REJECTED. */
  reason?: Maybe<Scalars['String']['output']>;
  /** PENDING, COMPLETED or REJECTED. */
  status: WithdrawalStatus;
  /** The chain's transaction id, once COMPLETED. */
  txid?: Maybe<Scalars['String']['output']>;
  /** The user who requested it. */
  userId: Scalars['ID']['output'];
};

/** A page of withdrawals, newest first. */
export type WithdrawalConnection = {
  __typename?: 'WithdrawalConnection';
  /** The withdrawals of this page. */
  edges: Array<WithdrawalEdge>;
  /** Where the page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** An edge of a withdrawal connection. */
export type WithdrawalEdge = {
  __typename?: 'WithdrawalEdge';
  /** Opaque position; pass as `after`. */
  cursor: Scalars['String']['output'];
  /** The withdrawal. */
  node: Withdrawal;
};

/** One asset's daily withdrawal allowance at the user's verification level. */
export type WithdrawalLimit = {
  __typename?: 'WithdrawalLimit';
  /** Asset symbol. */
  asset: Scalars['String']['output'];
  /** Most of the asset that may be withdrawn per UTC day (amounts, fees not counted); 0: none at this level. */
  dailyLimit: Scalars['Decimal']['output'];
  /** What may still be withdrawn today: dailyLimit − usedToday, at least 0. */
  remainingToday: Scalars['Decimal']['output'];
  /** Amounts of today's PENDING and COMPLETED withdrawals (UTC day). */
  usedToday: Scalars['Decimal']['output'];
  /** Charged on top of each withdrawal's amount. */
  withdrawalFee: Scalars['Decimal']['output'];
};

/** Where a withdrawal is: PENDING (funds locked, waiting for an operator), COMPLETED (sent) or REJECTED (funds given back). */
export type WithdrawalStatus =
  | 'COMPLETED'
  | 'PENDING'
  | 'REJECTED';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AgentToolCallInput: AgentToolCallInput;
  ApiKey: ResolverTypeWrapper<ApiKeyRow>;
  ApiKeyGuardrails: ResolverTypeWrapper<ApiKeyGuardrails>;
  ApiKeyGuardrailsInput: ApiKeyGuardrailsInput;
  ApiKeyPermission: ApiKeyPermission;
  Asset: ResolverTypeWrapper<Asset>;
  AuditActor: ResolverTypeWrapper<AuditActor>;
  AuditEntry: ResolverTypeWrapper<AuditEntry>;
  AuditEntryConnection: ResolverTypeWrapper<AuditEntryConnection>;
  AuditEntryEdge: ResolverTypeWrapper<AuditEntryEdge>;
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'user'> & { user: ResolversTypes['User'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Candle: ResolverTypeWrapper<CandleModel>;
  CandleInterval: CandleInterval;
  CandleSeries: ResolverTypeWrapper<Omit<CandleSeries, 'data'> & { data: Array<ResolversTypes['Candle']> }>;
  CandleSeriesMetadata: ResolverTypeWrapper<CandleSeriesMetadata>;
  ChangePasswordInput: ChangePasswordInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: ResolverTypeWrapper<Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  CreateAssetInput: CreateAssetInput;
  CreateMarketInput: CreateMarketInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  DepositInput: DepositInput;
  FeeTier: ResolverTypeWrapper<FeeTier>;
  FeeTierInput: FeeTierInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LedgerEntry: ResolverTypeWrapper<LedgerEntryRow>;
  LedgerEntryConnection: ResolverTypeWrapper<Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversTypes['LedgerEntryEdge']> }>;
  LedgerEntryEdge: ResolverTypeWrapper<Omit<LedgerEntryEdge, 'node'> & { node: ResolversTypes['LedgerEntry'] }>;
  LedgerReason: LedgerReason;
  Liquidity: Liquidity;
  LoginInput: LoginInput;
  Market: ResolverTypeWrapper<MarketRow>;
  MarketStatus: MarketStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  MyTrade: ResolverTypeWrapper<MyTrade>;
  MyTradeConnection: ResolverTypeWrapper<MyTradeConnection>;
  MyTradeEdge: ResolverTypeWrapper<MyTradeEdge>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderBook: ResolverTypeWrapper<OrderBook>;
  OrderBookUpdate: ResolverTypeWrapper<OrderBookUpdateModel>;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges'> & { edges: Array<ResolversTypes['OrderEdge']> }>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderPreview: ResolverTypeWrapper<OrderPreview>;
  OrderSide: OrderSide;
  OrderStatus: OrderStatus;
  OrderType: OrderType;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlaceOrderInput: PlaceOrderInput;
  PriceLevel: ResolverTypeWrapper<PriceLevel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateLimitUsage: ResolverTypeWrapper<RateLimitUsage>;
  RegisterInput: RegisterInput;
  RequestWithdrawalInput: RequestWithdrawalInput;
  Role: Role;
  SelfTradePrevention: SelfTradePrevention;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticker: ResolverTypeWrapper<TickerModel>;
  TimeInForce: TimeInForce;
  Trade: ResolverTypeWrapper<PublicTrade>;
  UpdateMarketInput: UpdateMarketInput;
  User: ResolverTypeWrapper<UserRow>;
  UserFeeTier: ResolverTypeWrapper<UserFeeTier>;
  VerificationLimits: ResolverTypeWrapper<VerificationLimits>;
  Wallet: ResolverTypeWrapper<WalletRow>;
  WeightScope: WeightScope;
  Withdrawal: ResolverTypeWrapper<WithdrawalRow>;
  WithdrawalConnection: ResolverTypeWrapper<Omit<WithdrawalConnection, 'edges'> & { edges: Array<ResolversTypes['WithdrawalEdge']> }>;
  WithdrawalEdge: ResolverTypeWrapper<Omit<WithdrawalEdge, 'node'> & { node: ResolversTypes['Withdrawal'] }>;
  WithdrawalLimit: ResolverTypeWrapper<WithdrawalLimit>;
  WithdrawalStatus: WithdrawalStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AgentToolCallInput: AgentToolCallInput;
  ApiKey: ApiKeyRow;
  ApiKeyGuardrails: ApiKeyGuardrails;
  ApiKeyGuardrailsInput: ApiKeyGuardrailsInput;
  Asset: Asset;
  AuditActor: AuditActor;
  AuditEntry: AuditEntry;
  AuditEntryConnection: AuditEntryConnection;
  AuditEntryEdge: AuditEntryEdge;
  AuthPayload: Omit<AuthPayload, 'user'> & { user: ResolversParentTypes['User'] };
  Boolean: Scalars['Boolean']['output'];
  Candle: CandleModel;
  CandleSeries: Omit<CandleSeries, 'data'> & { data: Array<ResolversParentTypes['Candle']> };
  CandleSeriesMetadata: CandleSeriesMetadata;
  ChangePasswordInput: ChangePasswordInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  CreateAssetInput: CreateAssetInput;
  CreateMarketInput: CreateMarketInput;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  DepositInput: DepositInput;
  FeeTier: FeeTier;
  FeeTierInput: FeeTierInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  LedgerEntry: LedgerEntryRow;
  LedgerEntryConnection: Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversParentTypes['LedgerEntryEdge']> };
  LedgerEntryEdge: Omit<LedgerEntryEdge, 'node'> & { node: ResolversParentTypes['LedgerEntry'] };
  LoginInput: LoginInput;
  Market: MarketRow;
  Mutation: Record<PropertyKey, never>;
  MyTrade: MyTrade;
  MyTradeConnection: MyTradeConnection;
  MyTradeEdge: MyTradeEdge;
  Order: OrderRow;
  OrderBook: OrderBook;
  OrderBookUpdate: OrderBookUpdateModel;
  OrderConnection: Omit<OrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrderEdge']> };
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderPreview: OrderPreview;
  PageInfo: PageInfo;
  PlaceOrderInput: PlaceOrderInput;
  PriceLevel: PriceLevel;
  Query: Record<PropertyKey, never>;
  RateLimitUsage: RateLimitUsage;
  RegisterInput: RegisterInput;
  RequestWithdrawalInput: RequestWithdrawalInput;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Ticker: TickerModel;
  Trade: PublicTrade;
  UpdateMarketInput: UpdateMarketInput;
  User: UserRow;
  UserFeeTier: UserFeeTier;
  VerificationLimits: VerificationLimits;
  Wallet: WalletRow;
  Withdrawal: WithdrawalRow;
  WithdrawalConnection: Omit<WithdrawalConnection, 'edges'> & { edges: Array<ResolversParentTypes['WithdrawalEdge']> };
  WithdrawalEdge: Omit<WithdrawalEdge, 'node'> & { node: ResolversParentTypes['Withdrawal'] };
  WithdrawalLimit: WithdrawalLimit;
};

export type AdminDirectiveArgs = { };

export type AdminDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = AdminDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ApiKeyResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  allowedIps?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  guardrails?: Resolver<ResolversTypes['ApiKeyGuardrails'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  permissions?: Resolver<Array<ResolversTypes['ApiKeyPermission']>, ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  signed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ApiKeyGuardrailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ApiKeyGuardrails'] = ResolversParentTypes['ApiKeyGuardrails']> = {
  allowedMarkets?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  dailyNotionalRemaining?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  dailyNotionalUsed?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  maxDailyNotional?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  maxOrderNotional?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  resetsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AssetResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Asset'] = ResolversParentTypes['Asset']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decimals?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  withdrawalFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type AuditActorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AuditEntryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['AuditActor']>, ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type AuthPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type CandleResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Candle'] = ResolversParentTypes['Candle']> = {
  close?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  numberOfTrades?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  quoteAssetVolume?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  volume?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type CandleSeriesResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CandleSeries'] = ResolversParentTypes['CandleSeries']> = {
  data?: Resolver<Array<ResolversTypes['Candle']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['CandleSeriesMetadata'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CandleSeriesMetadataResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CandleSeriesMetadata'] = ResolversParentTypes['CandleSeriesMetadata']> = {
  assetClass?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exchange?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateApiKeyPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateApiKeyPayload'] = ResolversParentTypes['CreateApiKeyPayload']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type FeeTierResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['FeeTier'] = ResolversParentTypes['FeeTier']> = {
  makerFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  minVolume?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  takerFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type LedgerEntryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LedgerEntry'] = ResolversParentTypes['LedgerEntry']> = {
  asset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  availableAfter?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  availableDelta?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lockedAfter?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  lockedDelta?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['LedgerReason'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LedgerEntryConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LedgerEntryConnection'] = ResolversParentTypes['LedgerEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LedgerEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LedgerEntryEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LedgerEntryEdge'] = ResolversParentTypes['LedgerEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType>;
};

export type MarketResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Market'] = ResolversParentTypes['Market']> = {
  base?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lotSize?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  makerFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  minNotional?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  priceBandPercent?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  quote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MarketStatus'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  takerFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  tickSize?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  approveWithdrawal?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType, RequireFields<MutationApproveWithdrawalArgs, 'id' | 'txid'>>;
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  cancelOrders?: Resolver<Array<Maybe<ResolversTypes['Order']>>, ParentType, ContextType, RequireFields<MutationCancelOrdersArgs, 'ids'>>;
  changePassword?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreateApiKeyPayload'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createAsset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType, RequireFields<MutationCreateAssetArgs, 'input'>>;
  createMarket?: Resolver<ResolversTypes['Market'], ParentType, ContextType, RequireFields<MutationCreateMarketArgs, 'input'>>;
  deposit?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType, RequireFields<MutationDepositArgs, 'input'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  placeOrders?: Resolver<Array<Maybe<ResolversTypes['Order']>>, ParentType, ContextType, RequireFields<MutationPlaceOrdersArgs, 'inputs'>>;
  recordAgentToolCall?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordAgentToolCallArgs, 'input'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  rejectWithdrawal?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType, RequireFields<MutationRejectWithdrawalArgs, 'id' | 'reason'>>;
  requestWithdrawal?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType, RequireFields<MutationRequestWithdrawalArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setApiKeyGuardrails?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationSetApiKeyGuardrailsArgs, 'id' | 'input'>>;
  setFeeTiers?: Resolver<Array<ResolversTypes['FeeTier']>, ParentType, ContextType, RequireFields<MutationSetFeeTiersArgs, 'tiers'>>;
  setMarketStatus?: Resolver<ResolversTypes['Market'], ParentType, ContextType, RequireFields<MutationSetMarketStatusArgs, 'market' | 'status'>>;
  setVerificationLevel?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSetVerificationLevelArgs, 'level' | 'userId'>>;
  updateMarket?: Resolver<ResolversTypes['Market'], ParentType, ContextType, RequireFields<MutationUpdateMarketArgs, 'input'>>;
};

export type MyTradeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MyTrade'] = ResolversParentTypes['MyTrade']> = {
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  executedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  feeAsset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ledgerReference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  liquidity?: Resolver<ResolversTypes['Liquidity'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  quoteAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  side?: Resolver<ResolversTypes['OrderSide'], ParentType, ContextType>;
  tradeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MyTradeConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MyTradeConnection'] = ResolversParentTypes['MyTradeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MyTradeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MyTradeEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MyTradeEdge'] = ResolversParentTypes['MyTradeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['MyTrade'], ParentType, ContextType>;
};

export type OrderResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = {
  amount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  averagePrice?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  cancelRequested?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientOrderId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  filledAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  filledQuoteAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lockedAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  price?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  quoteAmount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  selfTradePrevention?: Resolver<ResolversTypes['SelfTradePrevention'], ParentType, ContextType>;
  side?: Resolver<ResolversTypes['OrderSide'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  timeInForce?: Resolver<ResolversTypes['TimeInForce'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OrderType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OrderBookResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OrderBook'] = ResolversParentTypes['OrderBook']> = {
  asks?: Resolver<Array<ResolversTypes['PriceLevel']>, ParentType, ContextType>;
  bids?: Resolver<Array<ResolversTypes['PriceLevel']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrderBookUpdateResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OrderBookUpdate'] = ResolversParentTypes['OrderBookUpdate']> = {
  asks?: Resolver<Array<ResolversTypes['PriceLevel']>, ParentType, ContextType>;
  bids?: Resolver<Array<ResolversTypes['PriceLevel']>, ParentType, ContextType>;
  checksum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstSequence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastSequence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snapshot?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderPreviewResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OrderPreview'] = ResolversParentTypes['OrderPreview']> = {
  available?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  dailyNotionalRemaining?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  estimatedAveragePrice?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  estimatedFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  estimatedFillAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  estimatedFillQuote?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  feeAsset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fundsSufficient?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  levelsTaken?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lockAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  lockAsset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  makerFeeRate?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notional?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  notionalUsdt?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  quoteAsset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  side?: Resolver<ResolversTypes['OrderSide'], ParentType, ContextType>;
  takerFeeRate?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OrderType'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PriceLevelResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PriceLevel'] = ResolversParentTypes['PriceLevel']> = {
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  adminWithdrawals?: Resolver<ResolversTypes['WithdrawalConnection'], ParentType, ContextType, Partial<QueryAdminWithdrawalsArgs>>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  auditLog?: Resolver<ResolversTypes['AuditEntryConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  candles?: Resolver<ResolversTypes['CandleSeries'], ParentType, ContextType, RequireFields<QueryCandlesArgs, 'interval' | 'market'>>;
  feeTiers?: Resolver<Array<ResolversTypes['FeeTier']>, ParentType, ContextType>;
  ledger?: Resolver<ResolversTypes['LedgerEntryConnection'], ParentType, ContextType, Partial<QueryLedgerArgs>>;
  markets?: Resolver<Array<ResolversTypes['Market']>, ParentType, ContextType>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  myTrades?: Resolver<ResolversTypes['MyTradeConnection'], ParentType, ContextType, Partial<QueryMyTradesArgs>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orderBook?: Resolver<ResolversTypes['OrderBook'], ParentType, ContextType, RequireFields<QueryOrderBookArgs, 'market'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, Partial<QueryOrdersArgs>>;
  previewOrder?: Resolver<ResolversTypes['OrderPreview'], ParentType, ContextType, RequireFields<QueryPreviewOrderArgs, 'input'>>;
  rateLimits?: Resolver<Array<ResolversTypes['RateLimitUsage']>, ParentType, ContextType>;
  ticker?: Resolver<ResolversTypes['Ticker'], ParentType, ContextType, RequireFields<QueryTickerArgs, 'market'>>;
  trades?: Resolver<Array<ResolversTypes['Trade']>, ParentType, ContextType, RequireFields<QueryTradesArgs, 'market'>>;
  wallets?: Resolver<Array<ResolversTypes['Wallet']>, ParentType, ContextType>;
  withdrawals?: Resolver<ResolversTypes['WithdrawalConnection'], ParentType, ContextType, Partial<QueryWithdrawalsArgs>>;
};

export type RateLimitUsageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RateLimitUsage'] = ResolversParentTypes['RateLimitUsage']> = {
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resetSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['WeightScope'], ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  candles?: SubscriptionResolver<ResolversTypes['Candle'], "candles", ParentType, ContextType, RequireFields<SubscriptionCandlesArgs, 'interval' | 'market'>>;
  heartbeat?: SubscriptionResolver<ResolversTypes['DateTime'], "heartbeat", ParentType, ContextType, Partial<SubscriptionHeartbeatArgs>>;
  myOrders?: SubscriptionResolver<ResolversTypes['Order'], "myOrders", ParentType, ContextType>;
  myWallets?: SubscriptionResolver<ResolversTypes['Wallet'], "myWallets", ParentType, ContextType>;
  orderBook?: SubscriptionResolver<ResolversTypes['OrderBookUpdate'], "orderBook", ParentType, ContextType, RequireFields<SubscriptionOrderBookArgs, 'market'>>;
  orderBookTop?: SubscriptionResolver<ResolversTypes['OrderBook'], "orderBookTop", ParentType, ContextType, RequireFields<SubscriptionOrderBookTopArgs, 'market'>>;
  ticker?: SubscriptionResolver<ResolversTypes['Ticker'], "ticker", ParentType, ContextType, RequireFields<SubscriptionTickerArgs, 'market'>>;
  trades?: SubscriptionResolver<ResolversTypes['Trade'], "trades", ParentType, ContextType, RequireFields<SubscriptionTradesArgs, 'market'>>;
};

export type TickerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Ticker'] = ResolversParentTypes['Ticker']> = {
  change?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  changePercent?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  closeTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  high?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  last?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  low?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  numberOfTrades?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  open?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  openTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  quoteVolume?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  volume?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type TradeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Trade'] = ResolversParentTypes['Trade']> = {
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  executedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  quoteAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  takerSide?: Resolver<ResolversTypes['OrderSide'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  feeTier?: Resolver<ResolversTypes['UserFeeTier'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  verificationLevel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verificationLimits?: Resolver<ResolversTypes['VerificationLimits'], ParentType, ContextType>;
};

export type UserFeeTierResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UserFeeTier'] = ResolversParentTypes['UserFeeTier']> = {
  makerFee?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  takerFee?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  volume30d?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type VerificationLimitsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VerificationLimits'] = ResolversParentTypes['VerificationLimits']> = {
  canTrade?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  canWithdraw?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resetsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  withdrawalLimits?: Resolver<Array<ResolversTypes['WithdrawalLimit']>, ParentType, ContextType>;
};

export type WalletResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = {
  asset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locked?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type WithdrawalResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Withdrawal'] = ResolversParentTypes['Withdrawal']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  asset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WithdrawalStatus'], ParentType, ContextType>;
  txid?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WithdrawalConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['WithdrawalConnection'] = ResolversParentTypes['WithdrawalConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WithdrawalEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WithdrawalEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['WithdrawalEdge'] = ResolversParentTypes['WithdrawalEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType>;
};

export type WithdrawalLimitResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['WithdrawalLimit'] = ResolversParentTypes['WithdrawalLimit']> = {
  asset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dailyLimit?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  remainingToday?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  usedToday?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  withdrawalFee?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyGuardrails?: ApiKeyGuardrailsResolvers<ContextType>;
  Asset?: AssetResolvers<ContextType>;
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  Candle?: CandleResolvers<ContextType>;
  CandleSeries?: CandleSeriesResolvers<ContextType>;
  CandleSeriesMetadata?: CandleSeriesMetadataResolvers<ContextType>;
  CreateApiKeyPayload?: CreateApiKeyPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  FeeTier?: FeeTierResolvers<ContextType>;
  LedgerEntry?: LedgerEntryResolvers<ContextType>;
  LedgerEntryConnection?: LedgerEntryConnectionResolvers<ContextType>;
  LedgerEntryEdge?: LedgerEntryEdgeResolvers<ContextType>;
  Market?: MarketResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  MyTrade?: MyTradeResolvers<ContextType>;
  MyTradeConnection?: MyTradeConnectionResolvers<ContextType>;
  MyTradeEdge?: MyTradeEdgeResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderBook?: OrderBookResolvers<ContextType>;
  OrderBookUpdate?: OrderBookUpdateResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderPreview?: OrderPreviewResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PriceLevel?: PriceLevelResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateLimitUsage?: RateLimitUsageResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Ticker?: TickerResolvers<ContextType>;
  Trade?: TradeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserFeeTier?: UserFeeTierResolvers<ContextType>;
  VerificationLimits?: VerificationLimitsResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
  Withdrawal?: WithdrawalResolvers<ContextType>;
  WithdrawalConnection?: WithdrawalConnectionResolvers<ContextType>;
  WithdrawalEdge?: WithdrawalEdgeResolvers<ContextType>;
  WithdrawalLimit?: WithdrawalLimitResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = RequestContext> = {
  admin?: AdminDirectiveResolver<any, any, ContextType>;
};
