/*
 * The closed sets of an order, each spelled once. The PostgreSQL enums (db/schema.ts) take their
 * values from these lists, in this order (reordering one changes a migration); the GraphQL enums
 * are checked against them at compile time (resolvers/graphql-enums.ts). This folder imports
 * nothing, so every other folder (db/ and matcher/ included) may import it without a cycle.
 */

export const ORDER_SIDES = ["BUY", "SELL"] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ["LIMIT", "MARKET"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIMES_IN_FORCE = ["GTC", "IOC", "FOK"] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];

export const SELF_TRADE_PREVENTIONS = [
  "EXPIRE_TAKER",
  "EXPIRE_MAKER",
  "EXPIRE_BOTH",
  "NONE",
] as const;
export type SelfTradePrevention = (typeof SELF_TRADE_PREVENTIONS)[number];

/** An order that may still trade: it holds locked funds and counts toward the open-order cap. */
export const OPEN_ORDER_STATUSES = ["PENDING", "OPEN", "PARTIALLY_FILLED"] as const;
export type OpenOrderStatus = (typeof OPEN_ORDER_STATUSES)[number];

/** Final: nothing happens to the order any more, and it cannot be cancelled. */
export const FINISHED_ORDER_STATUSES = ["FILLED", "CANCELLED", "REJECTED", "EXPIRED"] as const;
export type FinishedOrderStatus = (typeof FINISHED_ORDER_STATUSES)[number];

/** Every status is open or finished: a new one goes into one of the two lists above. */
export const ORDER_STATUSES = [...OPEN_ORDER_STATUSES, ...FINISHED_ORDER_STATUSES] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const finished: ReadonlySet<OrderStatus> = new Set(FINISHED_ORDER_STATUSES);

export function isFinished(status: OrderStatus): status is FinishedOrderStatus {
  return finished.has(status);
}
