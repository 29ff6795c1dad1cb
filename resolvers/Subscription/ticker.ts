import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { tickerUpdates } from "../../subscriptions/market-data.ts";

export const ticker: SubscriptionResolvers["ticker"] = {
  subscribe: (_parent, { market }, ctx) => tickerUpdates(ctx.deps, market),
};
