import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { orderBookUpdates } from "../../services/orders.service.ts";

export const orderBook: SubscriptionResolvers["orderBook"] = {
  subscribe: (_parent, { market }, ctx) => orderBookUpdates(ctx.deps, market) as never,
  resolve: (update: unknown) => update as never,
};
