import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { Server } from "node:http";
import { ErrorCode } from "../kernel/errors.ts";
import { INVALID_OPERATION, type Metrics } from "../kernel/metrics.ts";
import type { RequestContext } from "./context.ts";

/** The API's routes as /metrics names them; any other path is "other". */
const ROUTES = new Set(["/graphql", "/healthz", "/readyz", "/metrics"]);

/**
 * Times every query and mutation Apollo answers over HTTP, by type and (bounded) operationName;
 * a request that never resolved to an operation (unparsable, invalid) is type "unknown",
 * operation "invalid".
 */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse(request) {
          const { operation } = request;
          metrics.graphqlDuration.observe(
            {
              transport: "http",
              type: operation?.operation ?? "unknown",
              operation: operation
                ? metrics.operationLabel(request.operationName)
                : INVALID_OPERATION,
            },
            (performance.now() - startedAt) / 1000,
          );
        },
      };
    },
  };
}

/**
 * The error formatter, counting what it sends by code (and RATE_LIMITED by the limit's scope).
 * Its codes are a closed set: anything unknown leaves it as INTERNAL_SERVER_ERROR.
 */
export function countingErrors(
  metrics: Metrics,
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = format(formatted, error);
    const code = typeof out.extensions?.code === "string" ? out.extensions.code : "NONE";
    metrics.graphqlErrors.inc({ code });
    const scope = out.extensions?.scope;
    if (code === ErrorCode.RATE_LIMITED && typeof scope === "string") {
      metrics.rateLimited.inc({ limit: scope });
    }
    return out;
  };
}

/**
 * Counts every HTTP response of the server by route and status code once it is sent, and times
 * it from the request's arrival.
 */
export function countResponses(metrics: Metrics, httpServer: Server): void {
  httpServer.on("request", (req, res) => {
    const arrivedAt = performance.now();
    res.once("finish", () => {
      const path = (req.url ?? "/").split("?", 1)[0]!;
      const route = ROUTES.has(path) ? path : path.startsWith("/graphiql") ? "/graphiql" : "other";
      metrics.httpResponses.inc({ route, code: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, (performance.now() - arrivedAt) / 1000);
    });
  });
}
