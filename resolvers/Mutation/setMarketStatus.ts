import { requireAdmin } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { setMarketStatus as setStatus } from "../../services/market-admin.service.ts";

export const setMarketStatus: MutationResolvers["setMarketStatus"] = (_parent, args, ctx) =>
  setStatus(ctx.deps, requireAdmin(ctx), args.market, args.status);
