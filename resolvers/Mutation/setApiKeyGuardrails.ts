import { requireSession } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { setApiKeyGuardrails as set } from "../../services/guardrails.ts";

export const setApiKeyGuardrails: MutationResolvers["setApiKeyGuardrails"] = (
  _parent,
  { id, input },
  ctx,
) => set(ctx.deps, requireSession(ctx), id, input);
