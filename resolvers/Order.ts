import type { OrderResolvers } from "../schema/generated/resolvers-types.ts";
import { formatDecimal, ONE, parseDecimal } from "../money/decimal.ts";

/** Fields of Order derived from its row. */
export const Order: OrderResolvers = {
  averagePrice: (order) => {
    const filled = parseDecimal(order.filledAmount);
    if (filled === 0n) return null;
    return formatDecimal((parseDecimal(order.filledQuoteAmount) * ONE) / filled);
  },
  lockedAmount: (order) => order.lockedRemaining,
};
