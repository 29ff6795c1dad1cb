import { requirePermission } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { ordersOfUser } from "../../services/orders.service.ts";

export const orders: QueryResolvers["orders"] = (_parent, args, ctx) => {
  const auth = requirePermission(ctx, "READ");
  return paginate(
    "order",
    args,
    (page) => ordersOfUser(ctx.deps, auth, { market: args.market, statuses: args.status, ...page }),
    (row) => row.seq,
  );
};
