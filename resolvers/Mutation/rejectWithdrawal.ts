import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { rejectWithdrawal as reject } from "../../services/withdrawals.service.ts";

export const rejectWithdrawal: MutationResolvers["rejectWithdrawal"] = (_parent, args, ctx) =>
  reject(ctx.deps, requireAdmin(ctx), args.id, args.reason);
