import { requireSession } from "../../api/context.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { listApiKeys } from "../../services/api-keys.service.ts";

export const apiKeys: QueryResolvers["apiKeys"] = (_parent, _args, ctx) =>
  listApiKeys(ctx.deps, requireSession(ctx).user.id);
