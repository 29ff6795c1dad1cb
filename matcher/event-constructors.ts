import type { ErrorCode } from "./errors.ts";
import type {
  CommandRejectedEvent,
  ExpireReason,
  OrderAcceptedEvent,
  OrderAmendedEvent,
  OrderCancelledEvent,
  OrderExpiredEvent,
  OrderFilledEvent,
  OrderRestedEvent,
  TradeEvent,
} from "./events.ts";
import type { Order } from "./order.ts";
import type { CommandBase, CommandType, OrderType, TimeInForce } from "./types.ts";

/*
 * One constructor per event, each building its object with the same keys in the same order, so
 * every event of a type shares one shape. `at` is the command (or its context): seq and ts.
 */

export function acceptedEvent(
  at: CommandBase,
  order: Order,
  orderType: OrderType,
  timeInForce: TimeInForce,
  quoteBudget: number,
): OrderAcceptedEvent {
  return {
    type: "accepted",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    orderType,
    timeInForce,
    priceTicks: order.priceTicks,
    lots: order.remainingLots,
    quoteBudget,
    postOnly: order.postOnly,
    selfTradePrevention: order.selfTradePrevention,
  };
}

export function restedEvent(at: CommandBase, order: Order): OrderRestedEvent {
  return {
    type: "rested",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    priceTicks: order.priceTicks,
    remainingLots: order.remainingLots,
    filledLots: order.filledLots,
    filledQuote: order.filledQuote,
  };
}

/** After the fill is applied: makerRemainingLots is the maker's remainingLots now. */
export function tradeEvent(
  at: CommandBase,
  matchIndex: number,
  maker: Order,
  taker: Order,
  priceTicks: number,
  lots: number,
  quote: number,
): TradeEvent {
  return {
    type: "trade",
    seq: at.seq,
    ts: at.ts,
    matchIndex,
    makerOrderId: maker.id,
    takerOrderId: taker.id,
    makerUserId: maker.userId,
    takerUserId: taker.userId,
    takerSide: taker.side,
    priceTicks,
    lots,
    quote,
    makerRemainingLots: maker.remainingLots,
  };
}

export function filledEvent(at: CommandBase, order: Order): OrderFilledEvent {
  return {
    type: "filled",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    filledLots: order.filledLots,
    filledQuote: order.filledQuote,
  };
}

export function cancelledEvent(at: CommandBase, order: Order): OrderCancelledEvent {
  return {
    type: "cancelled",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    filledLots: order.filledLots,
    filledQuote: order.filledQuote,
    priceTicks: order.priceTicks,
    remainingLots: order.remainingLots,
  };
}

export function expiredEvent(
  at: CommandBase,
  order: Order,
  reason: ExpireReason,
  unspentQuote: number,
): OrderExpiredEvent {
  return {
    type: "expired",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    filledLots: order.filledLots,
    filledQuote: order.filledQuote,
    reason,
    remainingLots: order.remainingLots,
    unspentQuote,
  };
}

/** Before the amendment is applied: the old price and remaining lots are read from the order. */
export function amendedEvent(
  at: CommandBase,
  order: Order,
  priceTicks: number,
  remainingLots: number,
  priorityKept: boolean,
): OrderAmendedEvent {
  return {
    type: "amended",
    seq: at.seq,
    ts: at.ts,
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    oldPriceTicks: order.priceTicks,
    priceTicks,
    oldRemainingLots: order.remainingLots,
    remainingLots,
    amountLots: order.filledLots + remainingLots,
    priorityKept,
  };
}

export function rejectedEvent(
  at: CommandBase,
  command: CommandType | "unknown",
  orderId: unknown,
  code: ErrorCode,
  message: string,
): CommandRejectedEvent {
  return {
    type: "rejected",
    seq: at.seq,
    ts: at.ts,
    command,
    orderId: typeof orderId === "string" ? orderId : "",
    code,
    message,
  };
}
