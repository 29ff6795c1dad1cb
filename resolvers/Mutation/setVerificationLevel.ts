import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { setVerificationLevel as setLevel } from "../../services/verification.service.ts";

export const setVerificationLevel: MutationResolvers["setVerificationLevel"] = (
  _parent,
  args,
  ctx,
) => setLevel(ctx.deps, requireAdmin(ctx), args.userId, args.level);
