/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
  /** A name to recognise the key by, 1–100 characters. */
  name: string;
  /** At least one permission. */
  permissions: Array<ApiKeyPermission>;
};

/** Why a balance changed. */
export type LedgerReason =
  | 'DEPOSIT'
  | 'FEE'
  | 'FEE_INCOME'
  | 'ORDER_LOCK'
  | 'ORDER_UNLOCK'
  | 'TRADE'
  | 'WITHDRAWAL';

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
  /** Up to 64 characters [A-Za-z0-9_.:-]; a repeat returns the existing order (safe retries). */
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

export type DepositMutationVariables = Exact<{
  asset: string;
  amount: string;
}>;


export type DepositMutation = { deposit: { asset: string, available: string, locked: string } };

export type WalletsQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsQuery = { wallets: Array<{ asset: string, available: string, locked: string }> };

export type OrderFieldsFragment = { id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null };

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

export type OrderQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderQuery = { order: { id: string, status: OrderStatus, side: OrderSide, type: OrderType, price: string | null, amount: string | null, quoteAmount: string | null, filledAmount: string, filledQuoteAmount: string, averagePrice: string | null, lockedAmount: string, clientOrderId: string | null } | null };

export type OrderBookQueryVariables = Exact<{
  market: string;
  depth?: number | null | undefined;
}>;


export type OrderBookQuery = { orderBook: { sequence: string, bids: Array<{ price: string, amount: string }>, asks: Array<{ price: string, amount: string }> } };

export type BenchFundMutationVariables = Exact<{ [key: string]: never; }>;


export type BenchFundMutation = { a: { asset: string }, b: { asset: string } };

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


export type TickerQuery = { ticker: { market: string, open: string | null, high: string | null, low: string | null, last: string | null, volume: string, quoteVolume: string, change: string | null, changePercent: string | null, numberOfTrades: number, openTime: string, closeTime: string, stale: boolean } };

export type TapeQueryVariables = Exact<{
  market: string;
  limit?: number | null | undefined;
}>;


export type TapeQuery = { trades: Array<{ id: string, market: string, sequence: string, price: string, amount: string, quoteAmount: string, takerSide: OrderSide, executedAt: string }> };

export type MarketsMyTradesQueryVariables = Exact<{
  market: string;
}>;


export type MarketsMyTradesQuery = { myTrades: { edges: Array<{ node: { orderId: string, liquidity: Liquidity, fee: string, feeAsset: string } }> } };

export type NewcomerProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerProfileQuery = { me: { id: string, email: string, role: Role, verificationLevel: number } | null };

export type NewcomerLedgerQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerLedgerQuery = { ledger: { edges: Array<{ node: { asset: string, reason: LedgerReason, availableDelta: string, availableAfter: string, reference: string } }> } };

export type NewcomerApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerApiKeysQuery = { apiKeys: Array<{ id: string, prefix: string, permissions: Array<ApiKeyPermission>, revokedAt: string | null }> };

export type NewcomerMarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type NewcomerMarketsQuery = { markets: Array<{ symbol: string, base: string, quote: string, tickSize: string, lotSize: string, minNotional: string, makerFee: string, takerFee: string, status: MarketStatus }> };

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

export type SocketMyWalletsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketMyWalletsSubscription = { myWallets: { asset: string, available: string } };

export type SocketMyOrdersSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketMyOrdersSubscription = { myOrders: { id: string, status: OrderStatus } };

export type SocketHeartbeatSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SocketHeartbeatSubscription = { heartbeat: string };

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

export type WalletsLedgerPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WalletsLedgerPageQuery = { ledger: { edges: Array<{ cursor: string, node: { availableDelta: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WalletsLedgerAssetsQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsLedgerAssetsQuery = { ledger: { edges: Array<{ node: { asset: string } }> } };

export type WalletsOfAnotherQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletsOfAnotherQuery = { wallets: Array<{ asset: string, available: string }>, ledger: { edges: Array<{ cursor: string }> } };

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
    asset
    available
    locked
  }
}
    `) as unknown as TypedDocumentString<DepositMutation, DepositMutationVariables>;
export const WalletsDocument = new TypedDocumentString(`
    query Wallets {
  wallets {
    asset
    available
    locked
  }
}
    `) as unknown as TypedDocumentString<WalletsQuery, WalletsQueryVariables>;
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
}
    `) as unknown as TypedDocumentString<OrderBookQuery, OrderBookQueryVariables>;
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
export const TapeDocument = new TypedDocumentString(`
    query Tape($market: String!, $limit: Int) {
  trades(market: $market, limit: $limit) {
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