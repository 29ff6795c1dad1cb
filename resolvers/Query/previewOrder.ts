import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { previewOrder as preview } from "../../services/order-preview.service.ts";

export const previewOrder: QueryResolvers["previewOrder"] = (_parent, { input }, ctx) =>
  preview(ctx.deps, ctx.auth, input);
