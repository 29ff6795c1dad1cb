import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { getFeeTiers } from "../../services/fee-tiers.service.ts";

export const feeTiers: QueryResolvers["feeTiers"] = (_parent, _args, ctx) => getFeeTiers(ctx.deps);
