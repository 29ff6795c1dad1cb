import { specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import type { Auth, RequestContext } from "../api/context.ts";
import type { Dependencies } from "../api/dependencies.ts";
import { queryLimitsRule } from "../api/limits.ts";
import { authenticate } from "../services/auth.service.ts";

interface SocketExtra {
  auth: Auth | null;
  ip: string;
}

/**
 * graphql-ws on the same HTTP server and path as queries. Credentials travel in
 * `connectionParams` (`authorization` and/or `apiKey`); wrong ones close the socket (4403).
 */
export function attachSubscriptions(
  deps: Dependencies,
  httpServer: Server,
  schema: GraphQLSchema,
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError,
) {
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: 1 << 20 });
  const rules = [...specifiedRules, queryLimitsRule()];
  const cleanup = useServer<Record<string, unknown>, Partial<SocketExtra>>(
    {
      schema,
      validate: (s, document) => validate(s, document, rules),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const str = (v: unknown) => (typeof v === "string" ? v : null);
        try {
          ctx.extra.auth = await authenticate(deps, {
            authorization: str(params.authorization) ?? str(params.Authorization),
            apiKey: str(params.apiKey) ?? str(params["x-api-key"]) ?? str(params["X-API-Key"]),
          });
          ctx.extra.ip = ctx.extra.request.socket.remoteAddress ?? "unknown";
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): RequestContext => ({
        deps,
        auth: ctx.extra.auth ?? null,
        ip: ctx.extra.ip ?? "unknown",
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if ("errors" in result && result.errors) {
          return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
        }
        return result;
      },
    },
    wss,
  );
  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
