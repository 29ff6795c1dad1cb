import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { requestWithdrawal as request } from "../../services/withdrawals.service.ts";

export const requestWithdrawal: MutationResolvers["requestWithdrawal"] = (
  _parent,
  { input },
  ctx,
) => request(ctx.deps, requirePermission(ctx, "WITHDRAW"), ctx.ip, input);
