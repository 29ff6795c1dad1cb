import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { createMarket as create } from "../../services/market-admin.service.ts";

export const createMarket: MutationResolvers["createMarket"] = (_parent, { input }, ctx) =>
  create(ctx.deps, requireAdmin(ctx), input);
