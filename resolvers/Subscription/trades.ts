import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { tradeUpdates } from "../../services/marketdata.service.ts";

export const trades: SubscriptionResolvers["trades"] = {
  subscribe: (_parent, { market }, ctx) => tradeUpdates(ctx.deps, market) as never,
  resolve: (trade: unknown) => trade as never,
};
