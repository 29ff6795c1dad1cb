import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { getTicker } from "../../services/marketdata.service.ts";

export const ticker: QueryResolvers["ticker"] = (_parent, args, ctx) =>
  getTicker(ctx.deps, args.market);
