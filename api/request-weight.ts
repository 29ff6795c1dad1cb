import { HeaderMap, type GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { GraphQLError, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { DomainError, ErrorCode } from "../kernel/errors.ts";
import {
  chargeRequestWeight,
  operationWeight,
  orderTokensOf,
  tightest,
  type WeightUsage,
} from "../services/request-weight.ts";
import type { RequestContext } from "./context.ts";

/**
 * Usage headers on every HTTP answer to an operation that reached execution or was refused by
 * its weight: the scope with the least weight left (docs/SECURITY.md, "Request weight").
 */
export const RATE_LIMIT_HEADERS = {
  used: "x-ratelimit-used-weight",
  limit: "x-ratelimit-limit",
  reset: "x-ratelimit-reset",
  scope: "x-ratelimit-scope",
} as const;

/**
 * Apollo's didResolveOperation hook: weighs the operation, charges it (and claims a signed key's
 * signature) in one Redis round trip, and puts the usage headers on the answer. Over the limit:
 * RATE_LIMITED with HTTP 429 and Retry-After; a replayed signature: 401 `reason: REPLAYED`.
 * Either way nothing runs.
 */
export async function chargeOperation(
  request: GraphQLRequestContextDidResolveOperation<RequestContext>,
): Promise<void> {
  const { contextValue: ctx, document, operation } = request;
  const headers = request.response.http.headers;
  if (!operation) return; // Apollo refuses the request itself
  try {
    const usage = await charge(ctx, document, operation, request.request.variables);
    if (usage) setUsageHeaders(headers, usage);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const usage = error.details.usage as WeightUsage[] | undefined;
    if (usage) setUsageHeaders(headers, usage);
    const http = new HeaderMap();
    if (error.code === ErrorCode.RATE_LIMITED) {
      // Whole seconds (order buckets answer fractions in retryAfterSeconds and retryAfterMs).
      http.set("retry-after", String(Math.ceil(Number(error.details.retryAfterSeconds) || 1)));
    }
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: { http: { status: statusOf(error), headers: http } },
    });
  }
}

/**
 * The same charge for an operation over graphql-ws (its usage: the `rateLimits` query). Throws
 * the DomainError of a refusal.
 */
export async function chargeSocketOperation(
  ctx: RequestContext,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Promise<void> {
  await charge(ctx, document, operation, variables);
}

function charge(
  ctx: RequestContext,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
) {
  const weight = operationWeight(document, operation, variables);
  const orderTokens = orderTokensOf(document, operation, variables);
  return chargeRequestWeight(ctx.deps, ctx.auth, ctx.ip, weight, orderTokens);
}

function setUsageHeaders(headers: HeaderMap, usage: readonly WeightUsage[]): void {
  const shown = tightest(usage);
  if (!shown) return;
  headers.set(RATE_LIMIT_HEADERS.used, String(shown.used));
  headers.set(RATE_LIMIT_HEADERS.limit, String(shown.limit));
  headers.set(RATE_LIMIT_HEADERS.reset, String(shown.resetSeconds));
  headers.set(RATE_LIMIT_HEADERS.scope, shown.scope);
}

/** The HTTP status of what chargeRequestWeight refuses with. */
function statusOf(error: DomainError): number {
  if (error.code === ErrorCode.RATE_LIMITED) return 429;
  if (error.code === ErrorCode.UNAUTHENTICATED) return 401;
  return error.code === ErrorCode.SERVICE_UNAVAILABLE ? 503 : 400;
}
