import { requireAdmin } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { allWithdrawals } from "../../services/withdrawals.service.ts";

export const adminWithdrawals: QueryResolvers["adminWithdrawals"] = (_parent, args, ctx) => {
  requireAdmin(ctx);
  return paginate(
    "withdrawal",
    args,
    (page) => allWithdrawals(ctx.deps, { status: args.status, ...page }),
    (row) => row.seq,
  );
};
