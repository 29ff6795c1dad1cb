import { recordAudit } from "../db/audit.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, forbidden } from "../kernel/errors.ts";
import type { Auth } from "./caller.ts";

const TOOL = /^[a-z0-9_]{1,60}$/;
const OUTCOME = /^[A-Z0-9_]{1,64}$/;
const MAX_ARGUMENTS = 4_096;

/**
 * Records one tool call of an agent acting as the caller's API key (the MCP server calls it
 * after every tool): audit entry `mcp:<tool>` on `apiKey:<id>`, with the arguments and the
 * outcome (OK or an error code). FORBIDDEN through a session; BAD_USER_INPUT for a malformed
 * field or arguments that are not JSON.
 */
export async function recordAgentToolCall(
  deps: Pick<Dependencies, "db">,
  auth: Auth,
  call: { tool: string; arguments: string; outcome: string },
): Promise<true> {
  if (auth.via !== "apiKey" || !auth.apiKeyId) {
    throw forbidden("Agent tool calls are recorded for an API key; send X-API-Key");
  }
  if (!TOOL.test(call.tool)) throw badInput("tool is 1–60 characters of a–z 0–9 _", "tool");
  if (!OUTCOME.test(call.outcome)) {
    throw badInput("outcome is OK or an error code (A–Z 0–9 _)", "outcome");
  }
  if (call.arguments.length > MAX_ARGUMENTS) {
    throw badInput(`arguments are at most ${MAX_ARGUMENTS} characters`, "arguments");
  }
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    throw badInput("arguments must be JSON text", "arguments");
  }
  await recordAudit(deps.db, {
    actorId: auth.user.id,
    action: `mcp:${call.tool}`,
    target: `apiKey:${auth.apiKeyId}`,
    before: null,
    after: { arguments: args, outcome: call.outcome },
  });
  return true;
}
