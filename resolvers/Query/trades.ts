import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { getTrades } from "../../services/marketdata.service.ts";

export const trades: QueryResolvers["trades"] = (_parent, args, ctx) =>
  getTrades(ctx.deps, {
    market: args.market,
    limit: args.limit,
    after: args.after,
    before: args.before,
  });
