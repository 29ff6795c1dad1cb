import type {
  OrderSide as Side,
  OrderType,
  SelfTradePrevention,
  TimeInForce,
} from "../domain/order-kinds.ts";
import type { MarketStatus } from "../domain/market-status.ts";

// The domain's closed sets (domain/order-kinds.ts), under the names the core has always used.
export type { MarketStatus, OrderType, SelfTradePrevention, Side, TimeInForce };

/**
 * Every command carries the market's sequence number (strictly increasing, assigned upstream)
 * and a timestamp in ms; the core never reads a clock.
 */
export interface CommandBase {
  seq: number;
  ts: number;
}

export interface LimitOrderCommand extends CommandBase {
  type: "limit";
  orderId: string;
  userId: string;
  side: Side;
  priceTicks: number;
  lots: number;
  /** Default GTC. */
  timeInForce?: TimeInForce;
  /** Rejected with POST_ONLY_WOULD_TAKE instead of taking; GTC only. */
  postOnly?: boolean;
  /** Default NONE. */
  selfTradePrevention?: SelfTradePrevention;
}

export interface MarketSellCommand extends CommandBase {
  type: "market";
  orderId: string;
  userId: string;
  side: "SELL";
  lots: number;
  selfTradePrevention?: SelfTradePrevention;
}

export interface MarketBuyCommand extends CommandBase {
  type: "market";
  orderId: string;
  userId: string;
  side: "BUY";
  /** In quote units (priceTicks × lots); at most this much is spent. */
  quoteBudget: number;
  selfTradePrevention?: SelfTradePrevention;
}

export type MarketOrderCommand = MarketSellCommand | MarketBuyCommand;

export interface CancelCommand extends CommandBase {
  type: "cancel";
  orderId: string;
}

/**
 * Keeps time priority only when the price is unchanged and the remaining lots do not grow.
 * `lots` is the new remaining (unfilled) amount.
 */
export interface AmendCommand extends CommandBase {
  type: "amend";
  orderId: string;
  priceTicks?: number;
  lots?: number;
}

/** Commands that place a new order; each kind is validated and matched through one switch. */
export type OrderCommand = LimitOrderCommand | MarketOrderCommand;

export type Command = OrderCommand | CancelCommand | AmendCommand;
export type CommandType = Command["type"];

export interface OrderBookOptions {
  /**
   * Bounds chosen so maxPriceTicks × maxLots is a safe integer: then every quote amount the
   * book reports, cumulative ones included, is exact as a number.
   */
  maxPriceTicks?: number;
  maxLots?: number;
  /**
   * Most resting orders one command may trade with or expire by self-trade prevention; the
   * taker's rest then expires (MAX_MAKERS). Bounds the events a single command produces.
   * Default: no bound.
   */
  maxMakersPerCommand?: number;
  /** Record touched price levels for drainChangedLevels(); off by default. */
  trackChangedLevels?: boolean;
}

export interface DepthLevel {
  priceTicks: number;
  lots: number;
  orders: number;
}

export interface Depth {
  seq: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
}

/** Absolute state of each level touched since the last drain; lots 0 means the level is gone. */
export interface ChangedLevels {
  seq: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
}

export interface RestingOrderView {
  orderId: string;
  userId: string;
  side: Side;
  priceTicks: number;
  remainingLots: number;
  amountLots: number;
  filledLots: number;
  filledQuote: number;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
}
