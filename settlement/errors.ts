/**
 * Why settlement refuses a batch. Each code has one meaning; the message names the market,
 * sequence, order or wallet concerned. A refused batch changes nothing: the caller rolls back
 * and the market waits (docs/ORDERS.md §4: "Refusing beats diverging").
 */
export type SettlementErrorCode =
  /** A trade names an order that is not among the orders given to the plan. */
  | "UNKNOWN_ORDER"
  /** Events (or an order) of a market whose terms were not given. */
  | "UNKNOWN_MARKET"
  /** A LIMIT buy order without its own price, so its lock per amount is unknown. */
  | "LIMIT_WITHOUT_PRICE"
  /** An order would end the batch holding a negative lock (the orders CHECK would refuse it). */
  | "ORDER_LOCK_NEGATIVE"
  /** A balance move would take a wallet's available or locked balance below zero. */
  | "BALANCE_NEGATIVE";

export class SettlementError extends Error {
  override name = "SettlementError";
  constructor(
    readonly code: SettlementErrorCode,
    message: string,
  ) {
    super(message);
  }
}
