import { requirePermission } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { ledgerOfUser } from "../../services/wallets.service.ts";

export const ledger: QueryResolvers["ledger"] = (_parent, args, ctx) => {
  const { user } = requirePermission(ctx, "READ");
  return paginate(
    "ledger",
    args,
    (page) => ledgerOfUser(ctx.deps, user.id, { asset: args.asset, ...page }),
    (row) => row.id,
  );
};
