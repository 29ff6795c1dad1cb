import { requirePermission } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { ordersPage } from "../../services/orders.service.ts";

export const orders: QueryResolvers["orders"] = (_parent, args, ctx) =>
  ordersPage(ctx.deps, requirePermission(ctx, "READ"), args);
