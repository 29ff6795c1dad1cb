import { requirePermission } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { tradesOfUser } from "../../services/orders.service.ts";

/** One edge per fill; its cursor is the fill's position (trade id and side, `fillPosition`). */
export const myTrades: QueryResolvers["myTrades"] = (_parent, args, ctx) => {
  const auth = requirePermission(ctx, "READ");
  return paginate(
    "fill",
    args,
    (page) => tradesOfUser(ctx.deps, auth, { market: args.market, ...page }),
    (row) => row.position,
  );
};
