import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { orderBookUpdates } from "../../subscriptions/order-book.ts";

export const orderBook: SubscriptionResolvers["orderBook"] = {
  subscribe: (_parent, { market, depth }, ctx) => orderBookUpdates(ctx.deps, market, depth),
};
