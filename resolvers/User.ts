import type { UserResolvers } from "../schema/generated/resolvers-types.ts";
import { feeTierOf } from "../services/fee-tiers.service.ts";
import { verificationLimitsOf } from "../services/verification.service.ts";

/** Fields of User computed beyond its row. */
export const User: UserResolvers = {
  verificationLimits: (user, _args, ctx) => verificationLimitsOf(ctx.deps, user),
  feeTier: (user, _args, ctx) => feeTierOf(ctx.deps, user.id),
};
