import { requirePermission } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { myTradesPage } from "../../services/orders.service.ts";

export const myTrades: QueryResolvers["myTrades"] = (_parent, args, ctx) =>
  myTradesPage(ctx.deps, requirePermission(ctx, "READ"), args);
