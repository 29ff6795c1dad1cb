import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { httpClient, type RequestArgs } from "../client/http.ts";
import { createMcpServer, type GraphQLExecutor } from "./server.ts";

/*
 * `npm run mcp`: EventHub's MCP server over stdio for a local agent (docs/AGENTS.md). Its tools
 * call the API at EVENTHUB_API_URL (default http://127.0.0.1:4000/graphql) over HTTP with
 * EVENTHUB_API_KEY as X-API-Key. stdout carries the protocol: logs go to stderr only, and never
 * hold the key.
 */

const log = (message: string, fields: Record<string, unknown> = {}) =>
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), message, ...fields })}\n`);

const url = process.env.EVENTHUB_API_URL ?? "http://127.0.0.1:4000/graphql";
const apiKey = process.env.EVENTHUB_API_KEY;
if (!apiKey) {
  log("EVENTHUB_API_KEY is required: the API key the tools act as (createApiKey)");
  process.exit(2);
}

const client = httpClient(url);
const headers = { "x-api-key": apiKey };
const execute: GraphQLExecutor = (document, variables) =>
  client.request(document, ...([variables, headers] as RequestArgs<typeof variables>));

const server = createMcpServer(execute, {
  onAuditFailure: (error) =>
    log("could not record a tool call in the audit log", {
      error: error instanceof Error ? error.message : JSON.stringify(error),
    }),
});
await server.connect(new StdioServerTransport());
log("EventHub MCP server on stdio", { api: url });
