import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { orderBookTopUpdates } from "../../subscriptions/order-book.ts";

export const orderBookTop: SubscriptionResolvers["orderBookTop"] = {
  subscribe: (_parent, { market, depth }, ctx) => orderBookTopUpdates(ctx.deps, market, depth),
};
