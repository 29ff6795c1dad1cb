import { requirePermission } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { withdrawalsOfUser } from "../../services/withdrawals.service.ts";

export const withdrawals: QueryResolvers["withdrawals"] = (_parent, args, ctx) => {
  const { user } = requirePermission(ctx, "READ");
  return paginate(
    "withdrawal",
    args,
    (page) => withdrawalsOfUser(ctx.deps, user.id, page),
    (row) => row.seq,
  );
};
