import { requirePermission } from "../../api/context.ts";
import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";
import { myWalletUpdates } from "../../subscriptions/my-wallets.ts";

export const myWallets: SubscriptionResolvers["myWallets"] = {
  subscribe: (_parent, _args, ctx) => myWalletUpdates(ctx.deps, requirePermission(ctx, "READ")),
};
