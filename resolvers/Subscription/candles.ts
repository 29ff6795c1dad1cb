import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { candleUpdates } from "../../subscriptions/market-data.ts";

export const candles: SubscriptionResolvers["candles"] = {
  subscribe: (_parent, { market, interval }, ctx) => candleUpdates(ctx.deps, market, interval),
};
