import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { getCandles } from "../../services/marketdata.service.ts";

export const candles: QueryResolvers["candles"] = (_parent, args, ctx) =>
  getCandles(ctx.deps, {
    market: args.market,
    interval: args.interval,
    from: args.from ? new Date(args.from) : null,
    to: args.to ? new Date(args.to) : null,
    limit: args.limit,
  });
