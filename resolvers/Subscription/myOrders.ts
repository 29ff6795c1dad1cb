import { requirePermission } from "../../api/context.ts";
import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { myOrderUpdates } from "../../subscriptions/my-orders.ts";

export const myOrders: SubscriptionResolvers["myOrders"] = {
  subscribe: (_parent, _args, ctx) => myOrderUpdates(ctx.deps, requirePermission(ctx, "READ")),
};
