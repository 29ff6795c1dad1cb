/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** One call of an agent's tool (the MCP server, docs/AGENTS.md) to put in the audit log. */
export type AgentToolCallInput = {
  /** The tool's arguments as JSON text (at most 4,096 characters), without secrets. */
  arguments: string;
  /** OK, or the error code the call ended with (1–64 characters of A–Z 0–9 _). */
  outcome: string;
  /** The tool's name, e.g. place_order (1–60 characters of a–z 0–9 _). */
  tool: string;
};

/** An API key's guardrails, all at once: a field left out means none (dryRun: false). */
export type ApiKeyGuardrailsInput = {
  /** The only markets the key may trade: 1–100 existing symbols. */
  allowedMarkets?: Array<string> | null | undefined;
  /** Orders are refused; previewOrder only. */
  dryRun?: boolean | null | undefined;
  /** Most notional per UTC day, in USDT (positive decimal). */
  maxDailyNotional?: string | null | undefined;
  /** Most notional of one order, in USDT (positive decimal). */
  maxOrderNotional?: string | null | undefined;
};

/** What a request made with an API key may do. READ sees; TRADE places and cancels orders; WITHDRAW moves funds out. */
export type ApiKeyPermission =
  | 'READ'
  | 'TRADE'
  | 'WITHDRAW';

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

/** A new password for the signed-in user. */
export type ChangePasswordInput = {
  /** The account's password now. */
  currentPassword: string;
  /** At least 10 and at most 128 characters. */
  newPassword: string;
};

/** A new API key's name and permissions. */
export type CreateApiKeyInput = {
  /**
   * Binds the key to these client addresses: 1–20 IPv4/IPv6 addresses or CIDR ranges (no wider than
   * /8 for IPv4, /32 for IPv6), e.g. ["203.0.113.7", "2001:db8::/48"]. Left out: any address, but
   * the key cannot withdraw. Anything else: BAD_USER_INPUT on `allowedIps`.
   */
  allowedIps?: Array<string> | null | undefined;
  /** Guardrail: the only markets the key may trade (1–100 existing symbols). Left out: all. */
  allowedMarkets?: Array<string> | null | undefined;
  /** Guardrail: true makes placeOrder refuse every order (FORBIDDEN, `reason: DRY_RUN`); previewOrder still works. Default false. */
  dryRun?: boolean | null | undefined;
  /** Guardrail: most notional the key may place in one UTC day, in USDT (positive decimal). Left out: none. */
  maxDailyNotional?: string | null | undefined;
  /** Guardrail: most notional of one order placed with the key, in USDT (positive decimal). Left out: none. */
  maxOrderNotional?: string | null | undefined;
  /** A name to recognise the key by, 1–100 characters. */
  name: string;
  /** At least one permission. */
  permissions: Array<ApiKeyPermission>;
  /**
   * Makes the key a signed key: an Ed25519 public key as base64 of its 32 raw bytes, or PEM
   * ("-----BEGIN PUBLIC KEY-----", SPKI). You keep the private key; each request must then be
   * signed with it within a 5 s receive window, and each signature is accepted once. Anything else
   * (another algorithm, a private key, bad encoding): BAD_USER_INPUT on `publicKey`.
   */
  publicKey?: string | null | undefined;
};

/** An asset to list: balances, deposits and withdrawals of it are counted in its decimals. */
export type CreateAssetInput = {
  /** Most decimal places a balance of it may carry, 0–18. Fixed once listed. */
  decimals: number;
  /** Display name, 1–64 characters. */
  name: string;
  /** Ticker, 2–16 characters of A–Z and 0–9, e.g. SOL; must not be listed yet (ALREADY_EXISTS). */
  symbol: string;
  /** Charged on each withdrawal, in the asset: ≥ 0, at most `decimals` decimal places. */
  withdrawalFee: string;
};

/**
 * A market to open on two listed assets. It trades (status TRADING) as soon as the mutation returns:
 * every process picks it up without a restart.
 */
export type CreateMarketInput = {
  /** Listed asset bought and sold. */
  base: string;
  /** Amounts are whole multiples of it: > 0, at most the base asset's decimals. Fixed once created. */
  lotSize: string;
  /** Fee rate of the resting side of a trade, 0–1 (0.001 = 0.1 %). */
  makerFee: string;
  /** Least price × amount (in quote) an order may have: ≥ 0, at most the quote asset's decimals. */
  minNotional: string;
  /** Percent-price filter, 0 < p ≤ 100; null or absent: no band. */
  priceBandPercent?: string | null | undefined;
  /** Listed asset prices are quoted in; must differ from `base`. */
  quote: string;
  /** BASE_QUOTE of `base` and `quote`, e.g. SOL_USDT, at most 32 characters; must not exist yet (ALREADY_EXISTS). */
  symbol: string;
  /** Fee rate of the incoming side of a trade, 0–1. */
  takerFee: string;
  /**
   * Prices are whole multiples of it: > 0, at most the quote asset's decimals, and tickSize × lotSize
   * at most the quote asset's decimals too (so every trade's quote amount is exact). Fixed once created.
   */
  tickSize: string;
};

/** One tier of the table `setFeeTiers` writes. */
export type FeeTierInput = {
  /** Maker rate at this tier, 0–1. */
  makerFee: string;
  /** Least 30-day volume in USDT, ≥ 0, rising strictly with the tier. */
  minVolume: string;
  /** Taker rate at this tier, 0–1. */
  takerFee: string;
  /** 1–100, each once. */
  tier: number;
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
  email: string;
  /** The account's password. */
  password: string;
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

/** An order to place. LIMIT needs price and amount; MARKET BUY needs quoteAmount; MARKET SELL needs amount. */
export type PlaceOrderInput = {
  /** LIMIT and MARKET SELL: a whole multiple of the market's lotSize. */
  amount?: string | null | undefined;
  /**
   * Up to 64 characters [A-Za-z0-9_.:-]; a repeat returns the existing order (safe retries), or
   * BAD_USER_INPUT with reason CLIENT_ORDER_ID_IN_USE when that order is of another market or side.
   */
  clientOrderId?: string | null | undefined;
  /** Market symbol, e.g. BTC_USDT. */
  market: string;
  /** LIMIT GTC only: reject instead of taking liquidity. */
  postOnly?: boolean | null | undefined;
  /** LIMIT only: a whole multiple of the market's tickSize. */
  price?: string | null | undefined;
  /** MARKET BUY only: the most quote to spend; what cannot buy a whole lot is returned. */
  quoteAmount?: string | null | undefined;
  /** Default EXPIRE_TAKER. */
  selfTradePrevention?: SelfTradePrevention | null | undefined;
  /** BUY or SELL. */
  side: OrderSide;
  /** LIMIT only; default GTC. MARKET orders are always IOC. */
  timeInForce?: TimeInForce | null | undefined;
  /** LIMIT or MARKET. */
  type: OrderType;
};

/** Account to create. */
export type RegisterInput = {
  /** Login email; must be unique regardless of case. */
  email: string;
  /** Display name, 1–100 characters. */
  name: string;
  /** At least 10 and at most 128 characters. */
  password: string;
};

/** Funds to send out. */
export type RequestWithdrawalInput = {
  /** Destination: 1–128 characters of letters, digits, '.', '_', ':' and '-' (a memo or tag after ':'). */
  address: string;
  /** What the address should receive: positive, at most the asset's decimal places. The fee comes on top. */
  amount: string;
  /** Asset symbol, e.g. USDT. */
  asset: string;
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

/** How long a LIMIT order stays: GTC until filled or cancelled; IOC fills what it can at once and expires the rest; FOK fills entirely at once or not at all. */
export type TimeInForce =
  | 'FOK'
  | 'GTC'
  | 'IOC';

/**
 * What to change on a market; fields left out stay as they are (at least one is needed). tickSize and
 * lotSize cannot change: resting orders are held in whole ticks and lots of them — open a new market
 * instead.
 */
export type UpdateMarketInput = {
  /** New maker fee rate, 0–1; applies to trades matched after the mutation returns. */
  makerFee?: string | null | undefined;
  /** New least price × amount, ≥ 0, at most the quote asset's decimals; applies to new orders. */
  minNotional?: string | null | undefined;
  /** New percent-price band, 0 < p ≤ 100; an explicit null removes the band. */
  priceBandPercent?: string | null | undefined;
  /** The market to change. */
  symbol: string;
  /** New taker fee rate, 0–1; applies to trades matched after the mutation returns. */
  takerFee?: string | null | undefined;
};

/** Where request weight is counted: per API key, per user (all its keys and sessions), per client address (no credentials). */
export type WeightScope =
  | 'IP'
  | 'KEY'
  | 'USER';

/** Where a withdrawal is: PENDING (funds locked, waiting for an operator), COMPLETED (sent) or REJECTED (funds given back). */
export type WithdrawalStatus =
  | 'COMPLETED'
  | 'PENDING'
  | 'REJECTED';

export type BotTickerQueryVariables = Exact<{
  market: string;
}>;


export type BotTickerQuery = { ticker: { last: string | null } };

export type MakerOrdersQueryVariables = Exact<{
  market: string;
}>;


export type MakerOrdersQuery = { orders: { edges: Array<{ node: { id: string, side: OrderSide, price: string | null } }> } };

export type BotMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type BotMarketsQuery = { markets: Array<{ symbol: string, base: string, quote: string, tickSize: string, lotSize: string, minNotional: string, priceBandPercent: string | null }> };

export type MarketFieldsFragment = { symbol: string, base: string, quote: string, status: MarketStatus, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, priceBandPercent: string | null };

export type TickerFieldsFragment = { id: string, market: string, last: string | null, open: string | null, high: string | null, low: string | null, change: string | null, changePercent: string | null, volume: string, quoteVolume: string, numberOfTrades: number, openTime: string, closeTime: string, stale: boolean };

export type CandleFieldsFragment = { timestamp: string, open: string, high: string, low: string, close: string, volume: string, quoteAssetVolume: string, numberOfTrades: number };

export type TapeQueryVariables = Exact<{
  market: string;
  limit?: number | null | undefined;
  before?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type TapeQuery = { trades: Array<{ id: string, market: string, sequence: string, price: string, amount: string, quoteAmount: string, takerSide: OrderSide, executedAt: string }> };

export type MarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type MarketsQuery = { markets: Array<{ symbol: string, base: string, quote: string, status: MarketStatus, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, priceBandPercent: string | null }> };

export type MarketCandlesQueryVariables = Exact<{
  market: string;
  interval: CandleInterval;
  from?: string | null | undefined;
  to?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type MarketCandlesQuery = { candles: { stale: boolean, data: Array<{ timestamp: string, open: string, high: string, low: string, close: string, volume: string, quoteAssetVolume: string, numberOfTrades: number }> } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { token: string, user: { id: string } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { token: string, user: { id: string } } };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { token: string, user: { id: string } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string } | null };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type BalanceFragment = { asset: string, available: string, locked: string };

export type DepositMutationVariables = Exact<{
  asset: string;
  amount: string;
}>;


export type DepositMutation = { deposit: { asset: string, available: string, locked: string } };

export type WalletsQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsQuery = { wallets: Array<{ asset: string, available: string, locked: string }> };

export type OrderFieldsFragment = { id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null };

export type OrderViewFragment = { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } };

export type PlaceOrderIdMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderIdMutation = { placeOrder: { id: string } };

export type CancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus } };

export type PlaceOrdersMutationVariables = Exact<{
  inputs: Array<PlaceOrderInput> | PlaceOrderInput;
}>;


export type PlaceOrdersMutation = { placeOrders: Array<{ id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } | null> };

export type PlaceOrdersIdMutationVariables = Exact<{
  inputs: Array<PlaceOrderInput> | PlaceOrderInput;
}>;


export type PlaceOrdersIdMutation = { placeOrders: Array<{ id: string } | null> };

export type CancelOrdersMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type CancelOrdersMutation = { cancelOrders: Array<{ id: string, status: OrderStatus } | null> };

export type OrderQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderQuery = { order: { id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } | null };

export type BookLevelsFragment = { sequence: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> };

export type OrderBookQueryVariables = Exact<{
  market: string;
  depth?: number | null | undefined;
}>;


export type OrderBookQuery = { orderBook: { sequence: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type OrderBookUpdatesSubscriptionVariables = Exact<{
  market: string;
  depth?: number | null | undefined;
}>;


export type OrderBookUpdatesSubscription = { orderBook: { market: string, firstSequence: string, lastSequence: string, snapshot: boolean, checksum: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type McpMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type McpMarketsQuery = { markets: Array<{ symbol: string, base: string, quote: string, status: MarketStatus, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, priceBandPercent: string | null }> };

export type McpTickerQueryVariables = Exact<{
  market: string;
}>;


export type McpTickerQuery = { ticker: { id: string, market: string, last: string | null, open: string | null, high: string | null, low: string | null, change: string | null, changePercent: string | null, volume: string, quoteVolume: string, numberOfTrades: number, openTime: string, closeTime: string, stale: boolean } };

export type McpOrderBookQueryVariables = Exact<{
  market: string;
  depth?: number | null | undefined;
}>;


export type McpOrderBookQuery = { orderBook: { market: string, sequence: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type McpBalancesQueryVariables = Exact<{ [key: string]: never; }>;


export type McpBalancesQuery = { wallets: Array<{ asset: string, available: string, locked: string }> };

export type McpMyOrdersQueryVariables = Exact<{
  market?: string | null | undefined;
  status?: Array<OrderStatus> | OrderStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type McpMyOrdersQuery = { orders: { edges: Array<{ node: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type McpMyTradesQueryVariables = Exact<{
  market?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type McpMyTradesQuery = { myTrades: { edges: Array<{ node: { id: string, market: string, orderId: string, side: OrderSide, liquidity: Liquidity, price: string, amount: string, quoteAmount: string, fee: string, feeAsset: string, executedAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type McpPreviewOrderQueryVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type McpPreviewOrderQuery = { previewOrder: { market: string, side: OrderSide, type: OrderType, quoteAsset: string, notional: string, notionalUsdt: string | null, lockAsset: string, lockAmount: string, available: string | null, fundsSufficient: boolean | null, estimatedFillAmount: string, estimatedFillQuote: string, estimatedAveragePrice: string | null, levelsTaken: number, makerFeeRate: string, takerFeeRate: string, feeAsset: string, estimatedFee: string, dailyNotionalRemaining: string | null, dryRun: boolean } };

export type McpPlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type McpPlaceOrderMutation = { placeOrder: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } };

export type McpCancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type McpCancelOrderMutation = { cancelOrder: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } };

export type McpPlaceOrdersMutationVariables = Exact<{
  inputs: Array<PlaceOrderInput> | PlaceOrderInput;
}>;


export type McpPlaceOrdersMutation = { placeOrders: Array<{ market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } | null> };

export type McpCancelOrdersMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type McpCancelOrdersMutation = { cancelOrders: Array<{ market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } | null> };

export type McpRecordToolCallMutationVariables = Exact<{
  input: AgentToolCallInput;
}>;


export type McpRecordToolCallMutation = { recordAgentToolCall: boolean };

export type BenchFundMutationVariables = Exact<{ [key: string]: never; }>;


export type BenchFundMutation = { a: { asset: string }, b: { asset: string } };

export type ScreenshotLastCloseQueryVariables = Exact<{
  market: string;
}>;


export type ScreenshotLastCloseQuery = { candles: { data: Array<{ close: string }> } };

export type ScreenshotPlaceMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type ScreenshotPlaceMutation = { placeOrder: { id: string } };

export type AdminCreateAssetMutationVariables = Exact<{
  input: CreateAssetInput;
}>;


export type AdminCreateAssetMutation = { createAsset: { symbol: string, name: string, decimals: number, withdrawalFee: string } };

export type AdminCreateMarketMutationVariables = Exact<{
  input: CreateMarketInput;
}>;


export type AdminCreateMarketMutation = { createMarket: { symbol: string, base: string, quote: string, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, priceBandPercent: string | null, status: MarketStatus } };

export type AdminUpdateMarketMutationVariables = Exact<{
  input: UpdateMarketInput;
}>;


export type AdminUpdateMarketMutation = { updateMarket: { symbol: string, makerFee: string, takerFee: string, minNotional: string, priceBandPercent: string | null } };

export type AdminSetMarketStatusMutationVariables = Exact<{
  market: string;
  status: MarketStatus;
}>;


export type AdminSetMarketStatusMutation = { setMarketStatus: { symbol: string, status: MarketStatus } };

export type AdminAuditLogQueryVariables = Exact<{
  target?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminAuditLogQuery = { auditLog: { edges: Array<{ cursor: string, node: { id: string, action: string, target: string, before: string | null, after: string | null, at: string, actor: { id: string, email: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AdminMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminMarketsQuery = { markets: Array<{ symbol: string, status: MarketStatus, takerFee: string }> };

export type AdminMyTradesQueryVariables = Exact<{
  market: string;
}>;


export type AdminMyTradesQuery = { myTrades: { edges: Array<{ node: { orderId: string, liquidity: Liquidity, fee: string, feeAsset: string } }> } };

export type AdminMarketDataQueryVariables = Exact<{
  market: string;
}>;


export type AdminMarketDataQuery = { ticker: { last: string | null, numberOfTrades: number }, candles: { data: Array<{ close: string, numberOfTrades: number }> } };

export type CacheIdMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type CacheIdMarketsQuery = { markets: Array<{ id: string, symbol: string }> };

export type CacheIdWalletsQueryVariables = Exact<{ [key: string]: never; }>;


export type CacheIdWalletsQuery = { wallets: Array<{ id: string, asset: string }> };

export type CacheIdDepositMutationVariables = Exact<{
  asset: string;
  amount: string;
}>;


export type CacheIdDepositMutation = { deposit: { id: string, asset: string } };

export type CacheIdBookQueryVariables = Exact<{ [key: string]: never; }>;


export type CacheIdBookQuery = { orderBook: { id: string, market: string } };

export type CancelRequestedMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelRequestedMutation = { cancelOrder: { id: string, status: OrderStatus, cancelRequested: boolean } };

export type CancelRequestedOrderQueryVariables = Exact<{
  id: string | number;
}>;


export type CancelRequestedOrderQuery = { order: { status: OrderStatus, cancelRequested: boolean } | null };

export type DemoMarketViewQueryVariables = Exact<{
  market: string;
  from: string;
}>;


export type DemoMarketViewQuery = { ticker: { last: string | null, numberOfTrades: number }, trades: Array<{ id: string, price: string }>, candles: { data: Array<{ timestamp: string, close: string }> } };

export type ErrorsWalletsAndLedgerQueryVariables = Exact<{
  asset?: string | null | undefined;
}>;


export type ErrorsWalletsAndLedgerQuery = { wallets: Array<{ asset: string, available: string }>, ledger: { edges: Array<{ node: { id: string } }> } };

export type ErrorsLedgerPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ErrorsLedgerPageQuery = { ledger: { edges: Array<{ cursor: string }> } };

export type ErrorsApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ErrorsApiKeysQuery = { apiKeys: Array<{ id: string }> };

export type FeesMyFillsQueryVariables = Exact<{
  market?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FeesMyFillsQuery = { myTrades: { edges: Array<{ cursor: string, node: { id: string, tradeId: string, market: string, side: OrderSide, liquidity: Liquidity, price: string, amount: string, quoteAmount: string, fee: string, feeAsset: string, orderId: string, ledgerReference: string, executedAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type FeesLedgerQueryVariables = Exact<{
  asset?: string | null | undefined;
}>;


export type FeesLedgerQuery = { ledger: { edges: Array<{ node: { reason: LedgerReason, availableDelta: string, reference: string } }> } };

export type FeeTiersQueryVariables = Exact<{ [key: string]: never; }>;


export type FeeTiersQuery = { feeTiers: Array<{ tier: number, minVolume: string, makerFee: string, takerFee: string }> };

export type SetFeeTiersMutationVariables = Exact<{
  tiers: Array<FeeTierInput> | FeeTierInput;
}>;


export type SetFeeTiersMutation = { setFeeTiers: Array<{ tier: number, minVolume: string, makerFee: string, takerFee: string }> };

export type MyFeeTierQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFeeTierQuery = { me: { feeTier: { tier: number, makerFee: string | null, takerFee: string | null, volume30d: string } } | null };

export type GuardrailsCreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type GuardrailsCreateKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, guardrails: { maxOrderNotional: string | null, maxDailyNotional: string | null, allowedMarkets: Array<string> | null, dryRun: boolean, dailyNotionalUsed: string, dailyNotionalRemaining: string | null, resetsAt: string } } } };

export type GuardrailsSetMutationVariables = Exact<{
  id: string | number;
  input: ApiKeyGuardrailsInput;
}>;


export type GuardrailsSetMutation = { setApiKeyGuardrails: { id: string, guardrails: { maxOrderNotional: string | null, maxDailyNotional: string | null, allowedMarkets: Array<string> | null, dryRun: boolean } } };

export type GuardrailsOfKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type GuardrailsOfKeysQuery = { apiKeys: Array<{ id: string, guardrails: { maxDailyNotional: string | null, dailyNotionalUsed: string, dailyNotionalRemaining: string | null } }> };

export type GuardrailsPreviewQueryVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type GuardrailsPreviewQuery = { previewOrder: { notional: string, notionalUsdt: string | null, quoteAsset: string, lockAsset: string, lockAmount: string, available: string | null, fundsSufficient: boolean | null, estimatedFillAmount: string, estimatedFillQuote: string, estimatedAveragePrice: string | null, levelsTaken: number, takerFeeRate: string, feeAsset: string, estimatedFee: string, dailyNotionalRemaining: string | null, dryRun: boolean } };

export type GuardrailsMyOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type GuardrailsMyOrdersQuery = { orders: { edges: Array<{ node: { id: string, status: OrderStatus } }> } };

export type GuardrailsAuditQueryVariables = Exact<{
  target: string;
}>;


export type GuardrailsAuditQuery = { auditLog: { edges: Array<{ node: { action: string, before: string | null, after: string | null, actor: { email: string } | null } }> } };

export type HostileFirstLedgerCursorQueryVariables = Exact<{ [key: string]: never; }>;


export type HostileFirstLedgerCursorQuery = { ledger: { pageInfo: { endCursor: string | null } } };

export type HostileLedgerAfterQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type HostileLedgerAfterQuery = { ledger: { edges: Array<{ cursor: string }> } };

export type LimitsPlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type LimitsPlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus } };

export type CandlesQueryVariables = Exact<{
  market: string;
  interval: CandleInterval;
  from?: string | null | undefined;
  to?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type CandlesQuery = { candles: { stale: boolean, metadata: { exchange: string, symbol: string, interval: string, assetClass: string }, data: Array<{ timestamp: string, open: string, high: string, low: string, close: string, volume: string, quoteAssetVolume: string, numberOfTrades: number }> } };

export type TickerQueryVariables = Exact<{
  market: string;
}>;


export type TickerQuery = { ticker: { id: string, market: string, open: string | null, high: string | null, low: string | null, last: string | null, volume: string, quoteVolume: string, change: string | null, changePercent: string | null, numberOfTrades: number, openTime: string, closeTime: string, stale: boolean } };

export type MarketsMyTradesQueryVariables = Exact<{
  market: string;
}>;


export type MarketsMyTradesQuery = { myTrades: { edges: Array<{ node: { orderId: string, liquidity: Liquidity, fee: string, feeAsset: string } }> } };

export type McpTestCreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type McpTestCreateKeyMutation = { createApiKey: { secret: string, apiKey: { id: string } } };

export type McpTestAuditQueryVariables = Exact<{
  target: string;
}>;


export type McpTestAuditQuery = { auditLog: { edges: Array<{ node: { action: string, after: string | null, actor: { email: string } | null } }> } };

export type McpTestRecordMutationVariables = Exact<{
  input: AgentToolCallInput;
}>;


export type McpTestRecordMutation = { recordAgentToolCall: boolean };

export type NewcomerProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerProfileQuery = { me: { id: string, email: string, role: Role, verificationLevel: number } | null };

export type NewcomerLedgerQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerLedgerQuery = { ledger: { edges: Array<{ node: { asset: string, reason: LedgerReason, availableDelta: string, availableAfter: string, reference: string } }> } };

export type NewcomerApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerApiKeysQuery = { apiKeys: Array<{ id: string, prefix: string, permissions: Array<ApiKeyPermission>, revokedAt: string | null }> };

export type NewcomerMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerMarketsQuery = { markets: Array<{ symbol: string, base: string, quote: string, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, status: MarketStatus }> };

export type OrderBookWindowSubscriptionVariables = Exact<{
  market: string;
  depth?: number | null | undefined;
}>;


export type OrderBookWindowSubscription = { orderBook: { firstSequence: string, lastSequence: string, snapshot: boolean, checksum: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type TickerUpdatesSubscriptionVariables = Exact<{
  market: string;
}>;


export type TickerUpdatesSubscription = { ticker: { market: string, last: string | null, volume: string, numberOfTrades: number } };

export type OrdersMyTradesQueryVariables = Exact<{
  market: string;
}>;


export type OrdersMyTradesQuery = { myTrades: { edges: Array<{ node: { side: OrderSide, liquidity: Liquidity, price: string, amount: string, quoteAmount: string, fee: string, feeAsset: string, orderId: string, sequence: string } }> } };

export type OrdersTapeQueryVariables = Exact<{
  market: string;
  limit?: number | null | undefined;
}>;


export type OrdersTapeQuery = { trades: Array<{ sequence: string, price: string, amount: string, takerSide: OrderSide }> };

export type OrdersLedgerQueryVariables = Exact<{
  asset?: string | null | undefined;
}>;


export type OrdersLedgerQuery = { ledger: { edges: Array<{ node: { reason: LedgerReason, availableDelta: string, lockedDelta: string } }> } };

export type OrdersPageQueryVariables = Exact<{
  market?: string | null | undefined;
  status?: Array<OrderStatus> | OrderStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrdersPageQuery = { orders: { edges: Array<{ node: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RateLimitsQueryVariables = Exact<{ [key: string]: never; }>;


export type RateLimitsQuery = { rateLimits: Array<{ scope: WeightScope, used: number, limit: number, resetSeconds: number }> };

export type ResilienceOrderLockQueryVariables = Exact<{
  id: string | number;
}>;


export type ResilienceOrderLockQuery = { order: { status: OrderStatus, lockedAmount: string } | null };

export type SecurityEverythingQueryVariables = Exact<{ [key: string]: never; }>;


export type SecurityEverythingQuery = { me: { id: string, name: string, email: string, role: Role, verificationLevel: number, createdAt: string } | null, wallets: Array<{ asset: string, available: string, locked: string, updatedAt: string }>, ledger: { edges: Array<{ cursor: string, node: { id: string, reference: string } }> } };

export type SecurityKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type SecurityKeysQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, permissions: Array<ApiKeyPermission>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type SecurityFieldsQueryVariables = Exact<{ [key: string]: never; }>;


export type SecurityFieldsQuery = { __schema: { types: Array<{ name: string | null, fields: Array<{ name: string }> | null }> } };

export type ServerMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerMarketsQuery = { markets: Array<{ symbol: string }> };

export type ServerHeartbeatSubscriptionVariables = Exact<{
  intervalSeconds?: number | null | undefined;
}>;


export type ServerHeartbeatSubscription = { heartbeat: string };

export type CreateSignedKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateSignedKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, signed: boolean, publicKey: string | null } } };

export type SignedKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type SignedKeysQuery = { apiKeys: Array<{ id: string, signed: boolean, publicKey: string | null }> };

export type SocketMyWalletsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketMyWalletsSubscription = { myWallets: { asset: string, available: string } };

export type SocketMyOrdersSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketMyOrdersSubscription = { myOrders: { id: string, status: OrderStatus } };

export type SocketHeartbeatSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketHeartbeatSubscription = { heartbeat: string };

export type StaleMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type StaleMarketsQuery = { markets: Array<{ symbol: string }> };

export type SubscriptionsOrderBookSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsOrderBookSubscription = { orderBook: { market: string, firstSequence: string, lastSequence: string, snapshot: boolean, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type SubscriptionsTradesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsTradesSubscription = { trades: { market: string, price: string, amount: string, takerSide: OrderSide, sequence: string } };

export type SubscriptionsCandlesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsCandlesSubscription = { candles: { close: string, volume: string, numberOfTrades: number } };

export type SubscriptionsMyOrdersSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsMyOrdersSubscription = { myOrders: { id: string, status: OrderStatus, filledAmount: string } };

export type SubscriptionsMyWalletsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsMyWalletsSubscription = { myWallets: { asset: string, available: string, locked: string } };

export type SubscriptionsTradesOfSubscriptionVariables = Exact<{
  market: string;
}>;


export type SubscriptionsTradesOfSubscription = { trades: { id: string } };

export type SubscriptionsMyOrderIdsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsMyOrderIdsSubscription = { myOrders: { id: string } };

export type VerificationMeQueryVariables = Exact<{ [key: string]: never; }>;


export type VerificationMeQuery = { me: { id: string, verificationLevel: number, verificationLimits: { level: number, canTrade: boolean, canWithdraw: boolean, resetsAt: string, withdrawalLimits: Array<{ asset: string, dailyLimit: string, usedToday: string, remainingToday: string }> } } | null };

export type VerificationSetLevelMutationVariables = Exact<{
  userId: string | number;
  level: number;
}>;


export type VerificationSetLevelMutation = { setVerificationLevel: { id: string, verificationLevel: number, verificationLimits: { canWithdraw: boolean } } };

export type WalletsLedgerPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WalletsLedgerPageQuery = { ledger: { edges: Array<{ cursor: string, node: { availableDelta: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WalletsLedgerAssetsQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsLedgerAssetsQuery = { ledger: { edges: Array<{ node: { asset: string } }> } };

export type WalletsOfAnotherQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsOfAnotherQuery = { wallets: Array<{ asset: string, available: string }>, ledger: { edges: Array<{ cursor: string }> } };

export type WithdrawalsRequestMutationVariables = Exact<{
  input: RequestWithdrawalInput;
}>;


export type WithdrawalsRequestMutation = { requestWithdrawal: { id: string, userId: string, asset: string, amount: string, fee: string, address: string, status: WithdrawalStatus, txid: string | null, reason: string | null, decidedAt: string | null } };

export type WithdrawalsApproveMutationVariables = Exact<{
  id: string | number;
  txid: string;
}>;


export type WithdrawalsApproveMutation = { approveWithdrawal: { id: string, status: WithdrawalStatus, txid: string | null, reason: string | null, decidedAt: string | null } };

export type WithdrawalsRejectMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type WithdrawalsRejectMutation = { rejectWithdrawal: { id: string, status: WithdrawalStatus, txid: string | null, reason: string | null, decidedAt: string | null } };

export type WithdrawalsSetLevelMutationVariables = Exact<{
  userId: string | number;
  level: number;
}>;


export type WithdrawalsSetLevelMutation = { setVerificationLevel: { id: string, verificationLevel: number } };

export type WithdrawalsMineQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WithdrawalsMineQuery = { withdrawals: { edges: Array<{ cursor: string, node: { id: string, amount: string, status: WithdrawalStatus } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WithdrawalsAllQueryVariables = Exact<{
  status?: WithdrawalStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WithdrawalsAllQuery = { adminWithdrawals: { edges: Array<{ node: { id: string, userId: string, status: WithdrawalStatus } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WithdrawalsUsedTodayQueryVariables = Exact<{ [key: string]: never; }>;


export type WithdrawalsUsedTodayQuery = { me: { verificationLimits: { withdrawalLimits: Array<{ asset: string, dailyLimit: string, usedToday: string, remainingToday: string, withdrawalFee: string }> } } | null };

export type WithdrawalsApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type WithdrawalsApiKeysQuery = { apiKeys: Array<{ id: string, allowedIps: Array<string> | null }> };

export type WithdrawalsCreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type WithdrawalsCreateKeyMutation = { createApiKey: { apiKey: { id: string, allowedIps: Array<string> | null } } };

export type WithdrawalsMyWalletsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WithdrawalsMyWalletsSubscription = { myWallets: { asset: string, available: string, locked: string } };

export type WebMeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMeQuery = { me: { id: string, name: string, email: string } | null };

export type WebWalletFragment = { id: string, updatedAt: string, asset: string, available: string, locked: string };

export type WebWalletsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebWalletsQuery = { wallets: Array<{ id: string, updatedAt: string, asset: string, available: string, locked: string }> };

export type WebMyWalletsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebMyWalletsSubscription = { myWallets: { id: string, updatedAt: string, asset: string, available: string, locked: string } };

export type WebOrdersQueryVariables = Exact<{
  market?: string | null | undefined;
  status?: Array<OrderStatus> | OrderStatus | null | undefined;
  first?: number | null | undefined;
}>;


export type WebOrdersQuery = { orders: { edges: Array<{ node: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } }> } };

export type WebMyOrdersSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebMyOrdersSubscription = { myOrders: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } };

export type WebCancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type WebCancelOrderMutation = { cancelOrder: { market: string, timeInForce: TimeInForce, postOnly: boolean, cancelRequested: boolean, createdAt: string, updatedAt: string, id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } };

export type WebTradeFragment = { id: string, sequence: string, price: string, amount: string, takerSide: OrderSide, executedAt: string };

export type WebTradesQueryVariables = Exact<{
  market: string;
  limit?: number | null | undefined;
}>;


export type WebTradesQuery = { trades: Array<{ id: string, sequence: string, price: string, amount: string, takerSide: OrderSide, executedAt: string }> };

export type WebTradeStreamSubscriptionVariables = Exact<{
  market: string;
  after?: string | null | undefined;
}>;


export type WebTradeStreamSubscription = { trades: { id: string, sequence: string, price: string, amount: string, takerSide: OrderSide, executedAt: string } };

export type WebCandleStreamSubscriptionVariables = Exact<{
  market: string;
  interval: CandleInterval;
}>;


export type WebCandleStreamSubscription = { candles: { timestamp: string, open: string, high: string, low: string, close: string, volume: string, quoteAssetVolume: string, numberOfTrades: number } };

export type WebTickerSubscriptionVariables = Exact<{
  market: string;
}>;


export type WebTickerSubscription = { ticker: { id: string, market: string, last: string | null, open: string | null, high: string | null, low: string | null, change: string | null, changePercent: string | null, volume: string, quoteVolume: string, numberOfTrades: number, openTime: string, closeTime: string, stale: boolean } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MarketFieldsFragmentDoc = new TypedDocumentString(`
    fragment MarketFields on Market {
  symbol
  base
  quote
  status
  tickSize
  lotSize
  minNotional
  makerFee
  takerFee
  priceBandPercent
}
    `, {"fragmentName":"MarketFields"}) as unknown as TypedDocumentString<MarketFieldsFragment, unknown>;
export const TickerFieldsFragmentDoc = new TypedDocumentString(`
    fragment TickerFields on Ticker {
  id
  market
  last
  open
  high
  low
  change
  changePercent
  volume
  quoteVolume
  numberOfTrades
  openTime
  closeTime
  stale
}
    `, {"fragmentName":"TickerFields"}) as unknown as TypedDocumentString<TickerFieldsFragment, unknown>;
export const CandleFieldsFragmentDoc = new TypedDocumentString(`
    fragment CandleFields on Candle {
  timestamp
  open
  high
  low
  close
  volume
  quoteAssetVolume
  numberOfTrades
}
    `, {"fragmentName":"CandleFields"}) as unknown as TypedDocumentString<CandleFieldsFragment, unknown>;
export const OrderFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
    `, {"fragmentName":"OrderFields"}) as unknown as TypedDocumentString<OrderFieldsFragment, unknown>;
export const OrderViewFragmentDoc = new TypedDocumentString(`
    fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}`, {"fragmentName":"OrderView"}) as unknown as TypedDocumentString<OrderViewFragment, unknown>;
export const BookLevelsFragmentDoc = new TypedDocumentString(`
    fragment BookLevels on OrderBook {
  sequence
  bids {
    price
    amount
  }
  asks {
    price
    amount
  }
}
    `, {"fragmentName":"BookLevels"}) as unknown as TypedDocumentString<BookLevelsFragment, unknown>;
export const BalanceFragmentDoc = new TypedDocumentString(`
    fragment Balance on Wallet {
  asset
  available
  locked
}
    `, {"fragmentName":"Balance"}) as unknown as TypedDocumentString<BalanceFragment, unknown>;
export const WebWalletFragmentDoc = new TypedDocumentString(`
    fragment WebWallet on Wallet {
  id
  ...Balance
  updatedAt
}
    fragment Balance on Wallet {
  asset
  available
  locked
}`, {"fragmentName":"WebWallet"}) as unknown as TypedDocumentString<WebWalletFragment, unknown>;
export const WebTradeFragmentDoc = new TypedDocumentString(`
    fragment WebTrade on Trade {
  id
  sequence
  price
  amount
  takerSide
  executedAt
}
    `, {"fragmentName":"WebTrade"}) as unknown as TypedDocumentString<WebTradeFragment, unknown>;
export const BotTickerDocument = new TypedDocumentString(`
    query BotTicker($market: String!) {
  ticker(market: $market) {
    last
  }
}
    `) as unknown as TypedDocumentString<BotTickerQuery, BotTickerQueryVariables>;
export const MakerOrdersDocument = new TypedDocumentString(`
    query MakerOrders($market: String!) {
  orders(market: $market, status: [PENDING, OPEN, PARTIALLY_FILLED], first: 100) {
    edges {
      node {
        id
        side
        price
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MakerOrdersQuery, MakerOrdersQueryVariables>;
export const BotMarketsDocument = new TypedDocumentString(`
    query BotMarkets {
  markets {
    symbol
    base
    quote
    tickSize
    lotSize
    minNotional
    priceBandPercent
  }
}
    `) as unknown as TypedDocumentString<BotMarketsQuery, BotMarketsQueryVariables>;
export const TapeDocument = new TypedDocumentString(`
    query Tape($market: String!, $limit: Int, $before: String, $after: String) {
  trades(market: $market, limit: $limit, before: $before, after: $after) {
    id
    market
    sequence
    price
    amount
    quoteAmount
    takerSide
    executedAt
  }
}
    `) as unknown as TypedDocumentString<TapeQuery, TapeQueryVariables>;
export const MarketsDocument = new TypedDocumentString(`
    query Markets {
  markets {
    ...MarketFields
  }
}
    fragment MarketFields on Market {
  symbol
  base
  quote
  status
  tickSize
  lotSize
  minNotional
  makerFee
  takerFee
  priceBandPercent
}`) as unknown as TypedDocumentString<MarketsQuery, MarketsQueryVariables>;
export const MarketCandlesDocument = new TypedDocumentString(`
    query MarketCandles($market: String!, $interval: CandleInterval!, $from: DateTime, $to: DateTime, $limit: Int) {
  candles(
    market: $market
    interval: $interval
    from: $from
    to: $to
    limit: $limit
  ) {
    data {
      ...CandleFields
    }
    stale
  }
}
    fragment CandleFields on Candle {
  timestamp
  open
  high
  low
  close
  volume
  quoteAssetVolume
  numberOfTrades
}`) as unknown as TypedDocumentString<MarketCandlesQuery, MarketCandlesQueryVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const DepositDocument = new TypedDocumentString(`
    mutation Deposit($asset: String!, $amount: Decimal!) {
  deposit(input: {asset: $asset, amount: $amount}) {
    ...Balance
  }
}
    fragment Balance on Wallet {
  asset
  available
  locked
}`) as unknown as TypedDocumentString<DepositMutation, DepositMutationVariables>;
export const WalletsDocument = new TypedDocumentString(`
    query Wallets {
  wallets {
    ...Balance
  }
}
    fragment Balance on Wallet {
  asset
  available
  locked
}`) as unknown as TypedDocumentString<WalletsQuery, WalletsQueryVariables>;
export const PlaceOrderDocument = new TypedDocumentString(`
    mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}`) as unknown as TypedDocumentString<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const PlaceOrderIdDocument = new TypedDocumentString(`
    mutation PlaceOrderId($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<PlaceOrderIdMutation, PlaceOrderIdMutationVariables>;
export const CancelOrderDocument = new TypedDocumentString(`
    mutation CancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelOrderMutation, CancelOrderMutationVariables>;
export const PlaceOrdersDocument = new TypedDocumentString(`
    mutation PlaceOrders($inputs: [PlaceOrderInput!]!) {
  placeOrders(inputs: $inputs) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}`) as unknown as TypedDocumentString<PlaceOrdersMutation, PlaceOrdersMutationVariables>;
export const PlaceOrdersIdDocument = new TypedDocumentString(`
    mutation PlaceOrdersId($inputs: [PlaceOrderInput!]!) {
  placeOrders(inputs: $inputs) {
    id
  }
}
    `) as unknown as TypedDocumentString<PlaceOrdersIdMutation, PlaceOrdersIdMutationVariables>;
export const CancelOrdersDocument = new TypedDocumentString(`
    mutation CancelOrders($ids: [ID!]!) {
  cancelOrders(ids: $ids) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelOrdersMutation, CancelOrdersMutationVariables>;
export const OrderDocument = new TypedDocumentString(`
    query Order($id: ID!) {
  order(id: $id) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}`) as unknown as TypedDocumentString<OrderQuery, OrderQueryVariables>;
export const OrderBookDocument = new TypedDocumentString(`
    query OrderBook($market: String!, $depth: Int) {
  orderBook(market: $market, depth: $depth) {
    ...BookLevels
  }
}
    fragment BookLevels on OrderBook {
  sequence
  bids {
    price
    amount
  }
  asks {
    price
    amount
  }
}`) as unknown as TypedDocumentString<OrderBookQuery, OrderBookQueryVariables>;
export const OrderBookUpdatesDocument = new TypedDocumentString(`
    subscription OrderBookUpdates($market: String!, $depth: Int) {
  orderBook(market: $market, depth: $depth) {
    market
    firstSequence
    lastSequence
    snapshot
    bids {
      price
      amount
    }
    asks {
      price
      amount
    }
    checksum
  }
}
    `) as unknown as TypedDocumentString<OrderBookUpdatesSubscription, OrderBookUpdatesSubscriptionVariables>;
export const McpMarketsDocument = new TypedDocumentString(`
    query McpMarkets {
  markets {
    ...MarketFields
  }
}
    fragment MarketFields on Market {
  symbol
  base
  quote
  status
  tickSize
  lotSize
  minNotional
  makerFee
  takerFee
  priceBandPercent
}`) as unknown as TypedDocumentString<McpMarketsQuery, McpMarketsQueryVariables>;
export const McpTickerDocument = new TypedDocumentString(`
    query McpTicker($market: String!) {
  ticker(market: $market) {
    ...TickerFields
  }
}
    fragment TickerFields on Ticker {
  id
  market
  last
  open
  high
  low
  change
  changePercent
  volume
  quoteVolume
  numberOfTrades
  openTime
  closeTime
  stale
}`) as unknown as TypedDocumentString<McpTickerQuery, McpTickerQueryVariables>;
export const McpOrderBookDocument = new TypedDocumentString(`
    query McpOrderBook($market: String!, $depth: Int) {
  orderBook(market: $market, depth: $depth) {
    market
    ...BookLevels
  }
}
    fragment BookLevels on OrderBook {
  sequence
  bids {
    price
    amount
  }
  asks {
    price
    amount
  }
}`) as unknown as TypedDocumentString<McpOrderBookQuery, McpOrderBookQueryVariables>;
export const McpBalancesDocument = new TypedDocumentString(`
    query McpBalances {
  wallets {
    ...Balance
  }
}
    fragment Balance on Wallet {
  asset
  available
  locked
}`) as unknown as TypedDocumentString<McpBalancesQuery, McpBalancesQueryVariables>;
export const McpMyOrdersDocument = new TypedDocumentString(`
    query McpMyOrders($market: String, $status: [OrderStatus!], $first: Int, $after: String) {
  orders(market: $market, status: $status, first: $first, after: $after) {
    edges {
      node {
        ...OrderView
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<McpMyOrdersQuery, McpMyOrdersQueryVariables>;
export const McpMyTradesDocument = new TypedDocumentString(`
    query McpMyTrades($market: String, $first: Int, $after: String) {
  myTrades(market: $market, first: $first, after: $after) {
    edges {
      node {
        id
        market
        orderId
        side
        liquidity
        price
        amount
        quoteAmount
        fee
        feeAsset
        executedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<McpMyTradesQuery, McpMyTradesQueryVariables>;
export const McpPreviewOrderDocument = new TypedDocumentString(`
    query McpPreviewOrder($input: PlaceOrderInput!) {
  previewOrder(input: $input) {
    market
    side
    type
    quoteAsset
    notional
    notionalUsdt
    lockAsset
    lockAmount
    available
    fundsSufficient
    estimatedFillAmount
    estimatedFillQuote
    estimatedAveragePrice
    levelsTaken
    makerFeeRate
    takerFeeRate
    feeAsset
    estimatedFee
    dailyNotionalRemaining
    dryRun
  }
}
    `) as unknown as TypedDocumentString<McpPreviewOrderQuery, McpPreviewOrderQueryVariables>;
export const McpPlaceOrderDocument = new TypedDocumentString(`
    mutation McpPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<McpPlaceOrderMutation, McpPlaceOrderMutationVariables>;
export const McpCancelOrderDocument = new TypedDocumentString(`
    mutation McpCancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<McpCancelOrderMutation, McpCancelOrderMutationVariables>;
export const McpPlaceOrdersDocument = new TypedDocumentString(`
    mutation McpPlaceOrders($inputs: [PlaceOrderInput!]!) {
  placeOrders(inputs: $inputs) {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<McpPlaceOrdersMutation, McpPlaceOrdersMutationVariables>;
export const McpCancelOrdersDocument = new TypedDocumentString(`
    mutation McpCancelOrders($ids: [ID!]!) {
  cancelOrders(ids: $ids) {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<McpCancelOrdersMutation, McpCancelOrdersMutationVariables>;
export const McpRecordToolCallDocument = new TypedDocumentString(`
    mutation McpRecordToolCall($input: AgentToolCallInput!) {
  recordAgentToolCall(input: $input)
}
    `) as unknown as TypedDocumentString<McpRecordToolCallMutation, McpRecordToolCallMutationVariables>;
export const BenchFundDocument = new TypedDocumentString(`
    mutation BenchFund {
  a: deposit(input: {asset: "BTC", amount: "1000"}) {
    asset
  }
  b: deposit(input: {asset: "USDT", amount: "100000000"}) {
    asset
  }
}
    `) as unknown as TypedDocumentString<BenchFundMutation, BenchFundMutationVariables>;
export const ScreenshotLastCloseDocument = new TypedDocumentString(`
    query ScreenshotLastClose($market: String!) {
  candles(market: $market, interval: M1, limit: 1) {
    data {
      close
    }
  }
}
    `) as unknown as TypedDocumentString<ScreenshotLastCloseQuery, ScreenshotLastCloseQueryVariables>;
export const ScreenshotPlaceDocument = new TypedDocumentString(`
    mutation ScreenshotPlace($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ScreenshotPlaceMutation, ScreenshotPlaceMutationVariables>;
export const AdminCreateAssetDocument = new TypedDocumentString(`
    mutation AdminCreateAsset($input: CreateAssetInput!) {
  createAsset(input: $input) {
    symbol
    name
    decimals
    withdrawalFee
  }
}
    `) as unknown as TypedDocumentString<AdminCreateAssetMutation, AdminCreateAssetMutationVariables>;
export const AdminCreateMarketDocument = new TypedDocumentString(`
    mutation AdminCreateMarket($input: CreateMarketInput!) {
  createMarket(input: $input) {
    symbol
    base
    quote
    tickSize
    lotSize
    minNotional
    makerFee
    takerFee
    priceBandPercent
    status
  }
}
    `) as unknown as TypedDocumentString<AdminCreateMarketMutation, AdminCreateMarketMutationVariables>;
export const AdminUpdateMarketDocument = new TypedDocumentString(`
    mutation AdminUpdateMarket($input: UpdateMarketInput!) {
  updateMarket(input: $input) {
    symbol
    makerFee
    takerFee
    minNotional
    priceBandPercent
  }
}
    `) as unknown as TypedDocumentString<AdminUpdateMarketMutation, AdminUpdateMarketMutationVariables>;
export const AdminSetMarketStatusDocument = new TypedDocumentString(`
    mutation AdminSetMarketStatus($market: String!, $status: MarketStatus!) {
  setMarketStatus(market: $market, status: $status) {
    symbol
    status
  }
}
    `) as unknown as TypedDocumentString<AdminSetMarketStatusMutation, AdminSetMarketStatusMutationVariables>;
export const AdminAuditLogDocument = new TypedDocumentString(`
    query AdminAuditLog($target: String, $first: Int, $after: String) {
  auditLog(target: $target, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        actor {
          id
          email
        }
        action
        target
        before
        after
        at
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AdminAuditLogQuery, AdminAuditLogQueryVariables>;
export const AdminMarketsDocument = new TypedDocumentString(`
    query AdminMarkets {
  markets {
    symbol
    status
    takerFee
  }
}
    `) as unknown as TypedDocumentString<AdminMarketsQuery, AdminMarketsQueryVariables>;
export const AdminMyTradesDocument = new TypedDocumentString(`
    query AdminMyTrades($market: String!) {
  myTrades(market: $market) {
    edges {
      node {
        orderId
        liquidity
        fee
        feeAsset
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminMyTradesQuery, AdminMyTradesQueryVariables>;
export const AdminMarketDataDocument = new TypedDocumentString(`
    query AdminMarketData($market: String!) {
  ticker(market: $market) {
    last
    numberOfTrades
  }
  candles(market: $market, interval: M1) {
    data {
      close
      numberOfTrades
    }
  }
}
    `) as unknown as TypedDocumentString<AdminMarketDataQuery, AdminMarketDataQueryVariables>;
export const CacheIdMarketsDocument = new TypedDocumentString(`
    query CacheIdMarkets {
  markets {
    id
    symbol
  }
}
    `) as unknown as TypedDocumentString<CacheIdMarketsQuery, CacheIdMarketsQueryVariables>;
export const CacheIdWalletsDocument = new TypedDocumentString(`
    query CacheIdWallets {
  wallets {
    id
    asset
  }
}
    `) as unknown as TypedDocumentString<CacheIdWalletsQuery, CacheIdWalletsQueryVariables>;
export const CacheIdDepositDocument = new TypedDocumentString(`
    mutation CacheIdDeposit($asset: String!, $amount: Decimal!) {
  deposit(input: {asset: $asset, amount: $amount}) {
    id
    asset
  }
}
    `) as unknown as TypedDocumentString<CacheIdDepositMutation, CacheIdDepositMutationVariables>;
export const CacheIdBookDocument = new TypedDocumentString(`
    query CacheIdBook {
  orderBook(market: "BTC_USDT", depth: 1) {
    id
    market
  }
}
    `) as unknown as TypedDocumentString<CacheIdBookQuery, CacheIdBookQueryVariables>;
export const CancelRequestedDocument = new TypedDocumentString(`
    mutation CancelRequested($id: ID!) {
  cancelOrder(id: $id) {
    id
    status
    cancelRequested
  }
}
    `) as unknown as TypedDocumentString<CancelRequestedMutation, CancelRequestedMutationVariables>;
export const CancelRequestedOrderDocument = new TypedDocumentString(`
    query CancelRequestedOrder($id: ID!) {
  order(id: $id) {
    status
    cancelRequested
  }
}
    `) as unknown as TypedDocumentString<CancelRequestedOrderQuery, CancelRequestedOrderQueryVariables>;
export const DemoMarketViewDocument = new TypedDocumentString(`
    query DemoMarketView($market: String!, $from: DateTime!) {
  ticker(market: $market) {
    last
    numberOfTrades
  }
  trades(market: $market, limit: 20) {
    id
    price
  }
  candles(market: $market, interval: M1, from: $from, limit: 100) {
    data {
      timestamp
      close
    }
  }
}
    `) as unknown as TypedDocumentString<DemoMarketViewQuery, DemoMarketViewQueryVariables>;
export const ErrorsWalletsAndLedgerDocument = new TypedDocumentString(`
    query ErrorsWalletsAndLedger($asset: String) {
  wallets {
    asset
    available
  }
  ledger(asset: $asset) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ErrorsWalletsAndLedgerQuery, ErrorsWalletsAndLedgerQueryVariables>;
export const ErrorsLedgerPageDocument = new TypedDocumentString(`
    query ErrorsLedgerPage($first: Int, $after: String) {
  ledger(first: $first, after: $after) {
    edges {
      cursor
    }
  }
}
    `) as unknown as TypedDocumentString<ErrorsLedgerPageQuery, ErrorsLedgerPageQueryVariables>;
export const ErrorsApiKeysDocument = new TypedDocumentString(`
    query ErrorsApiKeys {
  apiKeys {
    id
  }
}
    `) as unknown as TypedDocumentString<ErrorsApiKeysQuery, ErrorsApiKeysQueryVariables>;
export const FeesMyFillsDocument = new TypedDocumentString(`
    query FeesMyFills($market: String, $first: Int, $after: String) {
  myTrades(market: $market, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        tradeId
        market
        side
        liquidity
        price
        amount
        quoteAmount
        fee
        feeAsset
        orderId
        ledgerReference
        executedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<FeesMyFillsQuery, FeesMyFillsQueryVariables>;
export const FeesLedgerDocument = new TypedDocumentString(`
    query FeesLedger($asset: String) {
  ledger(asset: $asset, first: 100) {
    edges {
      node {
        reason
        availableDelta
        reference
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FeesLedgerQuery, FeesLedgerQueryVariables>;
export const FeeTiersDocument = new TypedDocumentString(`
    query FeeTiers {
  feeTiers {
    tier
    minVolume
    makerFee
    takerFee
  }
}
    `) as unknown as TypedDocumentString<FeeTiersQuery, FeeTiersQueryVariables>;
export const SetFeeTiersDocument = new TypedDocumentString(`
    mutation SetFeeTiers($tiers: [FeeTierInput!]!) {
  setFeeTiers(tiers: $tiers) {
    tier
    minVolume
    makerFee
    takerFee
  }
}
    `) as unknown as TypedDocumentString<SetFeeTiersMutation, SetFeeTiersMutationVariables>;
export const MyFeeTierDocument = new TypedDocumentString(`
    query MyFeeTier {
  me {
    feeTier {
      tier
      makerFee
      takerFee
      volume30d
    }
  }
}
    `) as unknown as TypedDocumentString<MyFeeTierQuery, MyFeeTierQueryVariables>;
export const GuardrailsCreateKeyDocument = new TypedDocumentString(`
    mutation GuardrailsCreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
      guardrails {
        maxOrderNotional
        maxDailyNotional
        allowedMarkets
        dryRun
        dailyNotionalUsed
        dailyNotionalRemaining
        resetsAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GuardrailsCreateKeyMutation, GuardrailsCreateKeyMutationVariables>;
export const GuardrailsSetDocument = new TypedDocumentString(`
    mutation GuardrailsSet($id: ID!, $input: ApiKeyGuardrailsInput!) {
  setApiKeyGuardrails(id: $id, input: $input) {
    id
    guardrails {
      maxOrderNotional
      maxDailyNotional
      allowedMarkets
      dryRun
    }
  }
}
    `) as unknown as TypedDocumentString<GuardrailsSetMutation, GuardrailsSetMutationVariables>;
export const GuardrailsOfKeysDocument = new TypedDocumentString(`
    query GuardrailsOfKeys {
  apiKeys {
    id
    guardrails {
      maxDailyNotional
      dailyNotionalUsed
      dailyNotionalRemaining
    }
  }
}
    `) as unknown as TypedDocumentString<GuardrailsOfKeysQuery, GuardrailsOfKeysQueryVariables>;
export const GuardrailsPreviewDocument = new TypedDocumentString(`
    query GuardrailsPreview($input: PlaceOrderInput!) {
  previewOrder(input: $input) {
    notional
    notionalUsdt
    quoteAsset
    lockAsset
    lockAmount
    available
    fundsSufficient
    estimatedFillAmount
    estimatedFillQuote
    estimatedAveragePrice
    levelsTaken
    takerFeeRate
    feeAsset
    estimatedFee
    dailyNotionalRemaining
    dryRun
  }
}
    `) as unknown as TypedDocumentString<GuardrailsPreviewQuery, GuardrailsPreviewQueryVariables>;
export const GuardrailsMyOrdersDocument = new TypedDocumentString(`
    query GuardrailsMyOrders {
  orders(first: 100) {
    edges {
      node {
        id
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GuardrailsMyOrdersQuery, GuardrailsMyOrdersQueryVariables>;
export const GuardrailsAuditDocument = new TypedDocumentString(`
    query GuardrailsAudit($target: String!) {
  auditLog(target: $target) {
    edges {
      node {
        action
        actor {
          email
        }
        before
        after
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GuardrailsAuditQuery, GuardrailsAuditQueryVariables>;
export const HostileFirstLedgerCursorDocument = new TypedDocumentString(`
    query HostileFirstLedgerCursor {
  ledger(first: 1) {
    pageInfo {
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<HostileFirstLedgerCursorQuery, HostileFirstLedgerCursorQueryVariables>;
export const HostileLedgerAfterDocument = new TypedDocumentString(`
    query HostileLedgerAfter($after: String) {
  ledger(after: $after) {
    edges {
      cursor
    }
  }
}
    `) as unknown as TypedDocumentString<HostileLedgerAfterQuery, HostileLedgerAfterQueryVariables>;
export const LimitsPlaceOrderDocument = new TypedDocumentString(`
    mutation LimitsPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<LimitsPlaceOrderMutation, LimitsPlaceOrderMutationVariables>;
export const CandlesDocument = new TypedDocumentString(`
    query Candles($market: String!, $interval: CandleInterval!, $from: DateTime, $to: DateTime, $limit: Int) {
  candles(
    market: $market
    interval: $interval
    from: $from
    to: $to
    limit: $limit
  ) {
    stale
    metadata {
      exchange
      symbol
      interval
      assetClass
    }
    data {
      timestamp
      open
      high
      low
      close
      volume
      quoteAssetVolume
      numberOfTrades
    }
  }
}
    `) as unknown as TypedDocumentString<CandlesQuery, CandlesQueryVariables>;
export const TickerDocument = new TypedDocumentString(`
    query Ticker($market: String!) {
  ticker(market: $market) {
    id
    market
    open
    high
    low
    last
    volume
    quoteVolume
    change
    changePercent
    numberOfTrades
    openTime
    closeTime
    stale
  }
}
    `) as unknown as TypedDocumentString<TickerQuery, TickerQueryVariables>;
export const MarketsMyTradesDocument = new TypedDocumentString(`
    query MarketsMyTrades($market: String!) {
  myTrades(market: $market) {
    edges {
      node {
        orderId
        liquidity
        fee
        feeAsset
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MarketsMyTradesQuery, MarketsMyTradesQueryVariables>;
export const McpTestCreateKeyDocument = new TypedDocumentString(`
    mutation McpTestCreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<McpTestCreateKeyMutation, McpTestCreateKeyMutationVariables>;
export const McpTestAuditDocument = new TypedDocumentString(`
    query McpTestAudit($target: String!) {
  auditLog(target: $target, first: 100) {
    edges {
      node {
        action
        actor {
          email
        }
        after
      }
    }
  }
}
    `) as unknown as TypedDocumentString<McpTestAuditQuery, McpTestAuditQueryVariables>;
export const McpTestRecordDocument = new TypedDocumentString(`
    mutation McpTestRecord($input: AgentToolCallInput!) {
  recordAgentToolCall(input: $input)
}
    `) as unknown as TypedDocumentString<McpTestRecordMutation, McpTestRecordMutationVariables>;
export const NewcomerProfileDocument = new TypedDocumentString(`
    query NewcomerProfile {
  me {
    id
    email
    role
    verificationLevel
  }
}
    `) as unknown as TypedDocumentString<NewcomerProfileQuery, NewcomerProfileQueryVariables>;
export const NewcomerLedgerDocument = new TypedDocumentString(`
    query NewcomerLedger {
  ledger {
    edges {
      node {
        asset
        reason
        availableDelta
        availableAfter
        reference
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NewcomerLedgerQuery, NewcomerLedgerQueryVariables>;
export const NewcomerApiKeysDocument = new TypedDocumentString(`
    query NewcomerApiKeys {
  apiKeys {
    id
    prefix
    permissions
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<NewcomerApiKeysQuery, NewcomerApiKeysQueryVariables>;
export const NewcomerMarketsDocument = new TypedDocumentString(`
    query NewcomerMarkets {
  markets {
    symbol
    base
    quote
    tickSize
    lotSize
    minNotional
    makerFee
    takerFee
    status
  }
}
    `) as unknown as TypedDocumentString<NewcomerMarketsQuery, NewcomerMarketsQueryVariables>;
export const OrderBookWindowDocument = new TypedDocumentString(`
    subscription OrderBookWindow($market: String!, $depth: Int) {
  orderBook(market: $market, depth: $depth) {
    firstSequence
    lastSequence
    snapshot
    checksum
    bids {
      price
      amount
    }
    asks {
      price
      amount
    }
  }
}
    `) as unknown as TypedDocumentString<OrderBookWindowSubscription, OrderBookWindowSubscriptionVariables>;
export const TickerUpdatesDocument = new TypedDocumentString(`
    subscription TickerUpdates($market: String!) {
  ticker(market: $market) {
    market
    last
    volume
    numberOfTrades
  }
}
    `) as unknown as TypedDocumentString<TickerUpdatesSubscription, TickerUpdatesSubscriptionVariables>;
export const OrdersMyTradesDocument = new TypedDocumentString(`
    query OrdersMyTrades($market: String!) {
  myTrades(market: $market) {
    edges {
      node {
        side
        liquidity
        price
        amount
        quoteAmount
        fee
        feeAsset
        orderId
        sequence
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersMyTradesQuery, OrdersMyTradesQueryVariables>;
export const OrdersTapeDocument = new TypedDocumentString(`
    query OrdersTape($market: String!, $limit: Int) {
  trades(market: $market, limit: $limit) {
    sequence
    price
    amount
    takerSide
  }
}
    `) as unknown as TypedDocumentString<OrdersTapeQuery, OrdersTapeQueryVariables>;
export const OrdersLedgerDocument = new TypedDocumentString(`
    query OrdersLedger($asset: String) {
  ledger(asset: $asset) {
    edges {
      node {
        reason
        availableDelta
        lockedDelta
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersLedgerQuery, OrdersLedgerQueryVariables>;
export const OrdersPageDocument = new TypedDocumentString(`
    query OrdersPage($market: String, $status: [OrderStatus!], $first: Int, $after: String) {
  orders(market: $market, status: $status, first: $first, after: $after) {
    edges {
      node {
        id
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersPageQuery, OrdersPageQueryVariables>;
export const RateLimitsDocument = new TypedDocumentString(`
    query RateLimits {
  rateLimits {
    scope
    used
    limit
    resetSeconds
  }
}
    `) as unknown as TypedDocumentString<RateLimitsQuery, RateLimitsQueryVariables>;
export const ResilienceOrderLockDocument = new TypedDocumentString(`
    query ResilienceOrderLock($id: ID!) {
  order(id: $id) {
    status
    lockedAmount
  }
}
    `) as unknown as TypedDocumentString<ResilienceOrderLockQuery, ResilienceOrderLockQueryVariables>;
export const SecurityEverythingDocument = new TypedDocumentString(`
    query SecurityEverything {
  me {
    id
    name
    email
    role
    verificationLevel
    createdAt
  }
  wallets {
    asset
    available
    locked
    updatedAt
  }
  ledger {
    edges {
      cursor
      node {
        id
        reference
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SecurityEverythingQuery, SecurityEverythingQueryVariables>;
export const SecurityKeysDocument = new TypedDocumentString(`
    query SecurityKeys {
  apiKeys {
    id
    name
    prefix
    permissions
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<SecurityKeysQuery, SecurityKeysQueryVariables>;
export const SecurityFieldsDocument = new TypedDocumentString(`
    query SecurityFields {
  __schema {
    types {
      name
      fields {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SecurityFieldsQuery, SecurityFieldsQueryVariables>;
export const ServerMarketsDocument = new TypedDocumentString(`
    query ServerMarkets {
  markets {
    symbol
  }
}
    `) as unknown as TypedDocumentString<ServerMarketsQuery, ServerMarketsQueryVariables>;
export const ServerHeartbeatDocument = new TypedDocumentString(`
    subscription ServerHeartbeat($intervalSeconds: Int) {
  heartbeat(intervalSeconds: $intervalSeconds)
}
    `) as unknown as TypedDocumentString<ServerHeartbeatSubscription, ServerHeartbeatSubscriptionVariables>;
export const CreateSignedKeyDocument = new TypedDocumentString(`
    mutation CreateSignedKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
      signed
      publicKey
    }
  }
}
    `) as unknown as TypedDocumentString<CreateSignedKeyMutation, CreateSignedKeyMutationVariables>;
export const SignedKeysDocument = new TypedDocumentString(`
    query SignedKeys {
  apiKeys {
    id
    signed
    publicKey
  }
}
    `) as unknown as TypedDocumentString<SignedKeysQuery, SignedKeysQueryVariables>;
export const SocketMyWalletsDocument = new TypedDocumentString(`
    subscription SocketMyWallets {
  myWallets {
    asset
    available
  }
}
    `) as unknown as TypedDocumentString<SocketMyWalletsSubscription, SocketMyWalletsSubscriptionVariables>;
export const SocketMyOrdersDocument = new TypedDocumentString(`
    subscription SocketMyOrders {
  myOrders {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SocketMyOrdersSubscription, SocketMyOrdersSubscriptionVariables>;
export const SocketHeartbeatDocument = new TypedDocumentString(`
    subscription SocketHeartbeat {
  heartbeat
}
    `) as unknown as TypedDocumentString<SocketHeartbeatSubscription, SocketHeartbeatSubscriptionVariables>;
export const StaleMarketsDocument = new TypedDocumentString(`
    query StaleMarkets {
  markets {
    symbol
  }
}
    `) as unknown as TypedDocumentString<StaleMarketsQuery, StaleMarketsQueryVariables>;
export const SubscriptionsOrderBookDocument = new TypedDocumentString(`
    subscription SubscriptionsOrderBook {
  orderBook(market: "ETH_USDT") {
    market
    firstSequence
    lastSequence
    snapshot
    bids {
      price
      amount
    }
    asks {
      price
      amount
    }
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsOrderBookSubscription, SubscriptionsOrderBookSubscriptionVariables>;
export const SubscriptionsTradesDocument = new TypedDocumentString(`
    subscription SubscriptionsTrades {
  trades(market: "ETH_USDT") {
    market
    price
    amount
    takerSide
    sequence
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsTradesSubscription, SubscriptionsTradesSubscriptionVariables>;
export const SubscriptionsCandlesDocument = new TypedDocumentString(`
    subscription SubscriptionsCandles {
  candles(market: "ETH_USDT", interval: M1) {
    close
    volume
    numberOfTrades
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsCandlesSubscription, SubscriptionsCandlesSubscriptionVariables>;
export const SubscriptionsMyOrdersDocument = new TypedDocumentString(`
    subscription SubscriptionsMyOrders {
  myOrders {
    id
    status
    filledAmount
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsMyOrdersSubscription, SubscriptionsMyOrdersSubscriptionVariables>;
export const SubscriptionsMyWalletsDocument = new TypedDocumentString(`
    subscription SubscriptionsMyWallets {
  myWallets {
    asset
    available
    locked
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsMyWalletsSubscription, SubscriptionsMyWalletsSubscriptionVariables>;
export const SubscriptionsTradesOfDocument = new TypedDocumentString(`
    subscription SubscriptionsTradesOf($market: String!) {
  trades(market: $market) {
    id
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsTradesOfSubscription, SubscriptionsTradesOfSubscriptionVariables>;
export const SubscriptionsMyOrderIdsDocument = new TypedDocumentString(`
    subscription SubscriptionsMyOrderIds {
  myOrders {
    id
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsMyOrderIdsSubscription, SubscriptionsMyOrderIdsSubscriptionVariables>;
export const VerificationMeDocument = new TypedDocumentString(`
    query VerificationMe {
  me {
    id
    verificationLevel
    verificationLimits {
      level
      canTrade
      canWithdraw
      resetsAt
      withdrawalLimits {
        asset
        dailyLimit
        usedToday
        remainingToday
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VerificationMeQuery, VerificationMeQueryVariables>;
export const VerificationSetLevelDocument = new TypedDocumentString(`
    mutation VerificationSetLevel($userId: ID!, $level: Int!) {
  setVerificationLevel(userId: $userId, level: $level) {
    id
    verificationLevel
    verificationLimits {
      canWithdraw
    }
  }
}
    `) as unknown as TypedDocumentString<VerificationSetLevelMutation, VerificationSetLevelMutationVariables>;
export const WalletsLedgerPageDocument = new TypedDocumentString(`
    query WalletsLedgerPage($after: String) {
  ledger(asset: "ETH", first: 2, after: $after) {
    edges {
      cursor
      node {
        availableDelta
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WalletsLedgerPageQuery, WalletsLedgerPageQueryVariables>;
export const WalletsLedgerAssetsDocument = new TypedDocumentString(`
    query WalletsLedgerAssets {
  ledger {
    edges {
      node {
        asset
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WalletsLedgerAssetsQuery, WalletsLedgerAssetsQueryVariables>;
export const WalletsOfAnotherDocument = new TypedDocumentString(`
    query WalletsOfAnother {
  wallets {
    asset
    available
  }
  ledger {
    edges {
      cursor
    }
  }
}
    `) as unknown as TypedDocumentString<WalletsOfAnotherQuery, WalletsOfAnotherQueryVariables>;
export const WithdrawalsRequestDocument = new TypedDocumentString(`
    mutation WithdrawalsRequest($input: RequestWithdrawalInput!) {
  requestWithdrawal(input: $input) {
    id
    userId
    asset
    amount
    fee
    address
    status
    txid
    reason
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsRequestMutation, WithdrawalsRequestMutationVariables>;
export const WithdrawalsApproveDocument = new TypedDocumentString(`
    mutation WithdrawalsApprove($id: ID!, $txid: String!) {
  approveWithdrawal(id: $id, txid: $txid) {
    id
    status
    txid
    reason
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsApproveMutation, WithdrawalsApproveMutationVariables>;
export const WithdrawalsRejectDocument = new TypedDocumentString(`
    mutation WithdrawalsReject($id: ID!, $reason: String!) {
  rejectWithdrawal(id: $id, reason: $reason) {
    id
    status
    txid
    reason
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsRejectMutation, WithdrawalsRejectMutationVariables>;
export const WithdrawalsSetLevelDocument = new TypedDocumentString(`
    mutation WithdrawalsSetLevel($userId: ID!, $level: Int!) {
  setVerificationLevel(userId: $userId, level: $level) {
    id
    verificationLevel
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsSetLevelMutation, WithdrawalsSetLevelMutationVariables>;
export const WithdrawalsMineDocument = new TypedDocumentString(`
    query WithdrawalsMine($first: Int, $after: String) {
  withdrawals(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        amount
        status
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsMineQuery, WithdrawalsMineQueryVariables>;
export const WithdrawalsAllDocument = new TypedDocumentString(`
    query WithdrawalsAll($status: WithdrawalStatus, $first: Int, $after: String) {
  adminWithdrawals(status: $status, first: $first, after: $after) {
    edges {
      node {
        id
        userId
        status
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsAllQuery, WithdrawalsAllQueryVariables>;
export const WithdrawalsUsedTodayDocument = new TypedDocumentString(`
    query WithdrawalsUsedToday {
  me {
    verificationLimits {
      withdrawalLimits {
        asset
        dailyLimit
        usedToday
        remainingToday
        withdrawalFee
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsUsedTodayQuery, WithdrawalsUsedTodayQueryVariables>;
export const WithdrawalsApiKeysDocument = new TypedDocumentString(`
    query WithdrawalsApiKeys {
  apiKeys {
    id
    allowedIps
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsApiKeysQuery, WithdrawalsApiKeysQueryVariables>;
export const WithdrawalsCreateKeyDocument = new TypedDocumentString(`
    mutation WithdrawalsCreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    apiKey {
      id
      allowedIps
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsCreateKeyMutation, WithdrawalsCreateKeyMutationVariables>;
export const WithdrawalsMyWalletsDocument = new TypedDocumentString(`
    subscription WithdrawalsMyWallets {
  myWallets {
    asset
    available
    locked
  }
}
    `) as unknown as TypedDocumentString<WithdrawalsMyWalletsSubscription, WithdrawalsMyWalletsSubscriptionVariables>;
export const WebMeDocument = new TypedDocumentString(`
    query WebMe {
  me {
    id
    name
    email
  }
}
    `) as unknown as TypedDocumentString<WebMeQuery, WebMeQueryVariables>;
export const WebWalletsDocument = new TypedDocumentString(`
    query WebWallets {
  wallets {
    ...WebWallet
  }
}
    fragment Balance on Wallet {
  asset
  available
  locked
}
fragment WebWallet on Wallet {
  id
  ...Balance
  updatedAt
}`) as unknown as TypedDocumentString<WebWalletsQuery, WebWalletsQueryVariables>;
export const WebMyWalletsDocument = new TypedDocumentString(`
    subscription WebMyWallets {
  myWallets {
    ...WebWallet
  }
}
    fragment Balance on Wallet {
  asset
  available
  locked
}
fragment WebWallet on Wallet {
  id
  ...Balance
  updatedAt
}`) as unknown as TypedDocumentString<WebMyWalletsSubscription, WebMyWalletsSubscriptionVariables>;
export const WebOrdersDocument = new TypedDocumentString(`
    query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {
  orders(market: $market, status: $status, first: $first) {
    edges {
      node {
        ...OrderView
      }
    }
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<WebOrdersQuery, WebOrdersQueryVariables>;
export const WebMyOrdersDocument = new TypedDocumentString(`
    subscription WebMyOrders {
  myOrders {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<WebMyOrdersSubscription, WebMyOrdersSubscriptionVariables>;
export const WebCancelOrderDocument = new TypedDocumentString(`
    mutation WebCancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    ...OrderView
  }
}
    fragment OrderFields on Order {
  id
  status
  side
  type
  price
  amount
  quoteAmount
  filledAmount
  filledQuoteAmount
  averagePrice
  lockedAmount
  clientOrderId
}
fragment OrderView on Order {
  ...OrderFields
  market
  timeInForce
  postOnly
  cancelRequested
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<WebCancelOrderMutation, WebCancelOrderMutationVariables>;
export const WebTradesDocument = new TypedDocumentString(`
    query WebTrades($market: String!, $limit: Int) {
  trades(market: $market, limit: $limit) {
    ...WebTrade
  }
}
    fragment WebTrade on Trade {
  id
  sequence
  price
  amount
  takerSide
  executedAt
}`) as unknown as TypedDocumentString<WebTradesQuery, WebTradesQueryVariables>;
export const WebTradeStreamDocument = new TypedDocumentString(`
    subscription WebTradeStream($market: String!, $after: String) {
  trades(market: $market, after: $after) {
    ...WebTrade
  }
}
    fragment WebTrade on Trade {
  id
  sequence
  price
  amount
  takerSide
  executedAt
}`) as unknown as TypedDocumentString<WebTradeStreamSubscription, WebTradeStreamSubscriptionVariables>;
export const WebCandleStreamDocument = new TypedDocumentString(`
    subscription WebCandleStream($market: String!, $interval: CandleInterval!) {
  candles(market: $market, interval: $interval) {
    ...CandleFields
  }
}
    fragment CandleFields on Candle {
  timestamp
  open
  high
  low
  close
  volume
  quoteAssetVolume
  numberOfTrades
}`) as unknown as TypedDocumentString<WebCandleStreamSubscription, WebCandleStreamSubscriptionVariables>;
export const WebTickerDocument = new TypedDocumentString(`
    subscription WebTicker($market: String!) {
  ticker(market: $market) {
    ...TickerFields
  }
}
    fragment TickerFields on Ticker {
  id
  market
  last
  open
  high
  low
  change
  changePercent
  volume
  quoteVolume
  numberOfTrades
  openTime
  closeTime
  stale
}`) as unknown as TypedDocumentString<WebTickerSubscription, WebTickerSubscriptionVariables>;