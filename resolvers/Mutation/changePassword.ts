import { requireSession } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { changePassword as change } from "../../services/auth.service.ts";

export const changePassword: MutationResolvers["changePassword"] = (_parent, { input }, ctx) =>
  change(ctx.deps, requireSession(ctx).user, input);
