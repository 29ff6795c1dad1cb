import { requirePermission } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { listWallets } from "../../services/wallets.service.ts";

export const wallets: QueryResolvers["wallets"] = (_parent, _args, ctx) =>
  listWallets(ctx.deps, requirePermission(ctx, "READ").user.id);
