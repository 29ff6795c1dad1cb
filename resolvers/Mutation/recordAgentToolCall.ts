import { requireUser } from "../../api/context.ts";
import type { MutationResolvers } from "../../schema/generated/resolvers-types.ts";
import { recordAgentToolCall as record } from "../../services/agent-audit.service.ts";

export const recordAgentToolCall: MutationResolvers["recordAgentToolCall"] = (
  _parent,
  { input },
  ctx,
) => record(ctx.deps, requireUser(ctx), input);
