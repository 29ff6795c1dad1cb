import { requirePermission } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { ledgerPage } from "../../services/wallets.service.ts";

export const ledger: QueryResolvers["ledger"] = (_parent, args, ctx) =>
  ledgerPage(ctx.deps, requirePermission(ctx, "READ").user.id, args);
