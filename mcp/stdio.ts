import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { fetchTransport, httpClient, type RequestArgs, type Transport } from "../client/http.ts";
import { DEFAULT_RECV_WINDOW_MS, signedMessageBytes } from "../services/signed-requests.ts";
import { createMcpServer, type GraphQLExecutor } from "./server.ts";

/*
 * `npm run -s mcp` (or `npx tsx mcp/stdio.ts`): EventHub's MCP server over stdio for a local
 * agent (docs/AGENTS.md). Its tools call the API at EVENTHUB_API_URL (default
 * http://127.0.0.1:4000/graphql) over HTTP with EVENTHUB_API_KEY as X-API-Key; a signed key
 * (README, "Signed API keys") also needs EVENTHUB_API_PRIVATE_KEY_FILE, the Ed25519 private key
 * PEM each request is signed with. stdout carries the protocol: logs go to stderr only, and never
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

const privateKeyFile = process.env.EVENTHUB_API_PRIVATE_KEY_FILE;
let privateKey: KeyObject | null = null;
if (privateKeyFile) {
  try {
    privateKey = createPrivateKey(readFileSync(privateKeyFile));
  } catch (error) {
    log("EVENTHUB_API_PRIVATE_KEY_FILE could not be read as a private key PEM", {
      file: privateKeyFile,
      error: (error as Error).message,
    });
    process.exit(2);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    log("EVENTHUB_API_PRIVATE_KEY_FILE must hold an Ed25519 private key", {
      file: privateKeyFile,
      type: privateKey.asymmetricKeyType,
    });
    process.exit(2);
  }
}

/**
 * Posts through fetch; with a private key, signs each request as services/signed-requests.ts
 * says (timestamp, window, POST, the path and query, the exact body). A failure to reach the API
 * names the URL and how to change it.
 */
const transport: Transport = async (target, body, headers) => {
  const signed = { ...headers };
  if (privateKey) {
    const timestamp = String(Date.now());
    const { pathname, search } = new URL(target);
    const message = signedMessageBytes(timestamp, DEFAULT_RECV_WINDOW_MS, {
      transport: "http",
      method: "POST",
      target: `${pathname}${search}`,
      body: Buffer.from(body, "utf8"),
    });
    signed["x-timestamp"] = timestamp;
    signed["x-recv-window"] = String(DEFAULT_RECV_WINDOW_MS);
    signed["x-signature"] = sign(null, message, privateKey).toString("base64");
  }
  try {
    return await fetchTransport(target, body, signed);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(
      `Could not reach the EventHub API at ${target} (${why}); set EVENTHUB_API_URL to its GraphQL URL, e.g. http://127.0.0.1:4000/graphql`,
    );
  }
};

const client = httpClient(url, transport);
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
log("EventHub MCP server on stdio", { api: url, signed: privateKey !== null });
