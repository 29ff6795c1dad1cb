import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { placeOrder as place } from "../../services/orders.service.ts";

export const placeOrder: MutationResolvers["placeOrder"] = (_parent, { input }, ctx) =>
  place(ctx.deps, requirePermission(ctx, "TRADE"), input);
