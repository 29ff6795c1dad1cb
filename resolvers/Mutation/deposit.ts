import { requirePermission } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { deposit as depositFunds } from "../../services/wallets.service.ts";

/** A faucet deposit through an API key needs TRADE: a READ key changes nothing. */
export const deposit: MutationResolvers["deposit"] = (_parent, { input }, ctx) =>
  depositFunds(ctx.deps, requirePermission(ctx, "TRADE"), input);
