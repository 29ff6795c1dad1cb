import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";

export const me: QueryResolvers["me"] = (_parent, _args, ctx) => ctx.auth?.user ?? null;
