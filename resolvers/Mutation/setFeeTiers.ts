import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { setFeeTiers as replace } from "../../services/fee-tiers.service.ts";

export const setFeeTiers: MutationResolvers["setFeeTiers"] = (_parent, { tiers }, ctx) =>
  replace(ctx.deps, requireAdmin(ctx), tiers);
