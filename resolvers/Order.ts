import type { OrderResolvers } from "../schema/generated/resolvers-types.ts";
import { formatDecimal, ONE, parseDecimal } from "../money/decimal.ts";

/** Rows cancelOrder answered with: their cancel is queued for the matcher. */
const cancelRequested = new WeakSet<object>();

/** Marks the row cancelOrder answers with (Order.cancelRequested). */
export function markCancelRequested<T extends object>(order: T): T {
  cancelRequested.add(order);
  return order;
}

/** Fields of Order derived from its row. */
export const Order: OrderResolvers = {
  cancelRequested: (order) => cancelRequested.has(order),
  averagePrice: (order) => {
    const filled = parseDecimal(order.filledAmount);
    if (filled === 0n) return null;
    return formatDecimal((parseDecimal(order.filledQuoteAmount) * ONE) / filled);
  },
  lockedAmount: (order) => order.lockedRemaining,
};
