import { requirePermission } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { getOrder } from "../../services/orders.service.ts";

export const order: QueryResolvers["order"] = (_parent, { id }, ctx) =>
  getOrder(ctx.deps, requirePermission(ctx, "READ"), id);
