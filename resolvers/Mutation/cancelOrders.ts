import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { cancelOrders as cancel } from "../../services/orders.service.ts";
import { markCancelRequested } from "../Order.ts";

/** One entry per id: the order marked `cancelRequested`, or null with its own error there. */
export const cancelOrders: MutationResolvers["cancelOrders"] = (_parent, { ids }, ctx) =>
  cancel(ctx.deps, requirePermission(ctx, "TRADE"), ids).map(async (order) =>
    markCancelRequested(await order),
  );
