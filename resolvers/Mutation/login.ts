import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { login as loginUser } from "../../services/auth.service.ts";

export const login: MutationResolvers["login"] = (_parent, { input }, ctx) =>
  loginUser(ctx.deps, input, ctx.ip);
