import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { cancelOrder as cancel } from "../../services/orders.service.ts";

export const cancelOrder: MutationResolvers["cancelOrder"] = (_parent, { id }, ctx) =>
  cancel(ctx.deps, requirePermission(ctx, "TRADE"), id);
