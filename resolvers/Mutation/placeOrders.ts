import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { placeOrders as place } from "../../services/orders.service.ts";

/** One entry per input: its order, or null with its own error at that index. */
export const placeOrders: MutationResolvers["placeOrders"] = (_parent, { inputs }, ctx) =>
  place(ctx.deps, requirePermission(ctx, "TRADE"), inputs);
