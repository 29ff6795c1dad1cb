import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { register as registerUser } from "../../services/auth.service.ts";

export const register: MutationResolvers["register"] = (_parent, { input }, ctx) =>
  registerUser(ctx.deps, input, ctx.ip);
