import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { createAsset as create } from "../../services/market-admin.service.ts";

export const createAsset: MutationResolvers["createAsset"] = (_parent, { input }, ctx) =>
  create(ctx.deps, requireAdmin(ctx), input);
