import type { ApiKeyResolvers } from "../schema/generated/resolvers-types.ts";
import { guardrailsView } from "../services/guardrails.ts";

export const ApiKey: ApiKeyResolvers = {
  guardrails: (key, _args, ctx) => guardrailsView(ctx.deps, key),
  signed: (key) => key.publicKey !== null,
};
