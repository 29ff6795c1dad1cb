import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { candleUpdates } from "../../services/marketdata.service.ts";

export const candles: SubscriptionResolvers["candles"] = {
  subscribe: (_parent, { market, interval }, ctx) =>
    candleUpdates(ctx.deps, market, interval) as never,
  resolve: (candle: unknown) => candle as never,
};
