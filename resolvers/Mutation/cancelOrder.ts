import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { cancelOrder as cancel } from "../../services/orders.service.ts";
import { markCancelRequested } from "../Order.ts";

/** Answers the order as it was, marked `cancelRequested`: the matcher cancels it next. */
export const cancelOrder: MutationResolvers["cancelOrder"] = async (_parent, { id }, ctx) =>
  markCancelRequested(await cancel(ctx.deps, requirePermission(ctx, "TRADE"), id));
