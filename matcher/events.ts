import type { ErrorCode } from "./errors.ts";
import type { CommandType, OrderType, SelfTradePrevention, Side, TimeInForce } from "./types.ts";

/** Every event carries the sequence number and timestamp of the command that caused it. */
interface EventBase {
  seq: number;
  ts: number;
}

/** The order passed validation; exactly one terminal event (filled/cancelled/expired) follows. */
export interface OrderAcceptedEvent extends EventBase {
  type: "accepted";
  orderId: string;
  userId: string;
  side: Side;
  orderType: OrderType;
  timeInForce: TimeInForce;
  /** 0 for market orders. */
  priceTicks: number;
  /** 0 for market buys, which are sized by quoteBudget. */
  lots: number;
  /** Market buys only; 0 otherwise. */
  quoteBudget: number;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
}

/** The order (or its remainder) now rests on the book; not terminal. */
export interface OrderRestedEvent extends EventBase {
  type: "rested";
  orderId: string;
  userId: string;
  side: Side;
  priceTicks: number;
  remainingLots: number;
  filledLots: number;
  filledQuote: number;
}

export interface TradeEvent extends EventBase {
  type: "trade";
  /** Position of this trade among the trades of its command; (seq, matchIndex) is unique. */
  matchIndex: number;
  makerOrderId: string;
  takerOrderId: string;
  makerUserId: string;
  takerUserId: string;
  takerSide: Side;
  /** Always the maker's price. */
  priceTicks: number;
  lots: number;
  /** priceTicks × lots. */
  quote: number;
  makerRemainingLots: number;
}

interface TerminalBase extends EventBase {
  orderId: string;
  userId: string;
  side: Side;
  /** Cumulative over the order's life. */
  filledLots: number;
  filledQuote: number;
}

/** Terminal: nothing left to fill. */
export interface OrderFilledEvent extends TerminalBase {
  type: "filled";
}

/** Terminal: removed by a cancel command. */
export interface OrderCancelledEvent extends TerminalBase {
  type: "cancelled";
  priceTicks: number;
  remainingLots: number;
}

export type ExpireReason =
  | "IOC_REMAINDER"
  | "FOK_NOT_FILLABLE"
  | "SELF_TRADE"
  | "MARKET_NO_LIQUIDITY"
  | "MARKET_BUDGET"
  | "MAX_MAKERS";

/** Terminal: the rest of the order will never trade. */
export interface OrderExpiredEvent extends TerminalBase {
  type: "expired";
  reason: ExpireReason;
  /** 0 for market buys, which have no lot amount. */
  remainingLots: number;
  /** Market buys only: quoteBudget − filledQuote. 0 otherwise. */
  unspentQuote: number;
}

export interface OrderAmendedEvent extends EventBase {
  type: "amended";
  orderId: string;
  userId: string;
  side: Side;
  oldPriceTicks: number;
  priceTicks: number;
  oldRemainingLots: number;
  remainingLots: number;
  /** New total amount: filledLots + remainingLots. */
  amountLots: number;
  priorityKept: boolean;
}

/**
 * A command that changed nothing. Terminal for the order only when command is "limit" or
 * "market" (no accepted event was emitted for it).
 */
export interface CommandRejectedEvent extends EventBase {
  type: "rejected";
  command: CommandType | "unknown";
  orderId: string;
  code: ErrorCode;
  message: string;
}

export interface MatcherEventMap {
  accepted: OrderAcceptedEvent;
  rested: OrderRestedEvent;
  trade: TradeEvent;
  filled: OrderFilledEvent;
  cancelled: OrderCancelledEvent;
  expired: OrderExpiredEvent;
  amended: OrderAmendedEvent;
  rejected: CommandRejectedEvent;
}

export type MatcherEventType = keyof MatcherEventMap;
export type MatcherEvent = MatcherEventMap[MatcherEventType];

/** Where the book writes events; a plain array works. Events are fresh objects, safe to keep. */
export interface EventSink {
  push(event: MatcherEvent): unknown;
}
