import { requireSession } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { createApiKey as create } from "../../services/api-keys.service.ts";

export const createApiKey: MutationResolvers["createApiKey"] = (_parent, { input }, ctx) =>
  create(ctx.deps, requireSession(ctx).user.id, input);
