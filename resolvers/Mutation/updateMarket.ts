import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { updateMarket as update } from "../../services/market-admin.service.ts";

export const updateMarket: MutationResolvers["updateMarket"] = (_parent, { input }, ctx) =>
  update(ctx.deps, requireAdmin(ctx), input);
