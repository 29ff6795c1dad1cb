import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createMcpServer, type ApiError, type GraphQLExecutor } from "./server.ts";

/**
 * What the API's server lends `/mcp`: its bounded body reader, the request context its own
 * authentication builds (throws for a bad key, with `extensions.http.status`), and GraphQL run in
 * process through its own schema with that context — so every check, permission and guardrail
 * of the key applies exactly as on `/graphql`.
 */
export interface McpHost<Context> {
  readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null>;
  contextFor(req: IncomingMessage, body: Buffer): Promise<Context>;
  execute(
    context: Context,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ data?: unknown; errors?: readonly ApiError[] }>;
  onAuditFailure?(error: unknown): void;
}

/**
 * Streamable HTTP MCP at `/mcp`, stateless (a server and transport per request, no session id):
 * the request's `X-API-Key` is the key the tools act as. No key: 401 with a JSON-RPC error; a
 * key that does not authenticate: 401 (403 outside its IP allow-list).
 */
export async function serveMcp<Context>(
  req: IncomingMessage,
  res: ServerResponse,
  host: McpHost<Context>,
): Promise<void> {
  if (!req.headers["x-api-key"]) {
    return refuse(res, 401, "Send the API key the tools act as in the X-API-Key header");
  }
  const body = req.method === "POST" ? await host.readBody(req, res) : Buffer.alloc(0);
  if (body === null) return;
  let context: Context;
  try {
    context = await host.contextFor(req, body);
  } catch (error) {
    const status = (error as { extensions?: { http?: { status?: number } } }).extensions?.http
      ?.status;
    if (status === undefined) throw error;
    return refuse(res, status, (error as Error).message);
  }
  let parsed: unknown = undefined;
  if (body.length > 0) {
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return refuse(res, 400, "The body is not valid JSON", -32700);
    }
  }
  const execute: GraphQLExecutor = async (document, variables) =>
    (await host.execute(context, document.toString(), variables as Record<string, unknown>)) as {
      data?: never;
      errors?: readonly ApiError[];
    };
  const server = createMcpServer(execute, {
    onAuditFailure: (error) => host.onAuditFailure?.(error),
  });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, parsed);
}

/** A JSON-RPC error answer outside any session (id null). */
function refuse(res: ServerResponse, status: number, message: string, code = -32001): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}
