import { listMarkets } from "../../db/markets.repository.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";

export const markets: QueryResolvers["markets"] = (_parent, _args, ctx) => listMarkets(ctx.deps.db);
