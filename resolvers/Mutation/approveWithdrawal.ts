import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { approveWithdrawal as approve } from "../../services/withdrawals.service.ts";

export const approveWithdrawal: MutationResolvers["approveWithdrawal"] = (_parent, args, ctx) =>
  approve(ctx.deps, requireAdmin(ctx), args.id, args.txid);
