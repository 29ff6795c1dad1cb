import { requirePermission } from "../../api/context.ts";
import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { myOrderUpdates } from "../../services/orders.service.ts";

export const myOrders: SubscriptionResolvers["myOrders"] = {
  subscribe: (_parent, _args, ctx) =>
    myOrderUpdates(ctx.deps, requirePermission(ctx, "READ")) as never,
  resolve: (order: unknown) => order as never,
};
