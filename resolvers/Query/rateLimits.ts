import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { readRequestWeight } from "../../services/request-weight.ts";

export const rateLimits: QueryResolvers["rateLimits"] = (_parent, _args, ctx) =>
  readRequestWeight(ctx.deps, ctx.auth, ctx.ip);
