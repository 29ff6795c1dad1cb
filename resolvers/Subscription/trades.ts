import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { tradeUpdates } from "../../subscriptions/market-data.ts";

export const trades: SubscriptionResolvers["trades"] = {
  subscribe: (_parent, { market, after }, ctx) => tradeUpdates(ctx.deps, market, after),
};
