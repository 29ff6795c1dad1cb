import { requirePermission } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { tradesOfUser } from "../../services/orders.service.ts";

export const myTrades: QueryResolvers["myTrades"] = (_parent, args, ctx) => {
  const auth = requirePermission(ctx, "READ");
  return paginate(
    "trade",
    args,
    (page) => tradesOfUser(ctx.deps, auth, { market: args.market, ...page }),
    (row) => row.id,
  );
};
