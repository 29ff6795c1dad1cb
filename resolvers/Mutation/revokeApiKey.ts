import { requireSession } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { revokeApiKey as revoke } from "../../services/api-keys.service.ts";

export const revokeApiKey: MutationResolvers["revokeApiKey"] = (_parent, { id }, ctx) =>
  revoke(ctx.deps, requireSession(ctx).user.id, id);
