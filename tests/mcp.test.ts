import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiKeyGuardrailsInput,
  ApiKeyPermission,
  McpBalancesQuery,
  McpCancelOrderMutation,
  McpMarketsQuery,
  McpMyOrdersQuery,
  McpOrderBookQuery,
  McpPlaceOrderMutation,
  McpPreviewOrderQuery,
  McpTickerQuery,
} from "../client/generated/graphql.ts";
import { graphql } from "../client/index.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import { auditArguments, AUDIT_ARGUMENTS_MAX } from "../mcp/server.ts";
import { changeUserRole } from "../services/user-role.service.ts";
import {
  codeOf,
  fundedUser,
  newUser,
  placeLimit,
  poll,
  startExchange,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";

/*
 * The MCP server (mcp/) through the SDK's own Client: over stdio (`mcp/stdio.ts` spawned against
 * this file's exchange, tools over HTTP) and over streamable HTTP at the API's `/mcp`.
 */

const TOOLS = [
  "cancel_order",
  "cancel_orders",
  "get_balances",
  "get_candles",
  "get_my_orders",
  "get_my_trades",
  "get_order_book",
  "get_ticker",
  "list_markets",
  "place_order",
  "place_orders",
  "preview_order",
];

const CREATE_KEY = graphql(`
  mutation McpTestCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
      }
    }
  }
`);

const AUDIT = graphql(`
  query McpTestAudit($target: String!) {
    auditLog(target: $target, first: 100) {
      edges {
        node {
          action
          actor {
            email
          }
          after
        }
      }
    }
  }
`);

/** Raw text (no generated type): the trader's BTC_USDT orders, their price only. */
const MY_ORDER_PRICES = `{ orders(market: "BTC_USDT", first: 100) { edges { node { price } } } }`;

/** Ed25519 over the message services/signed-requests.ts describes, in base64. */
const signed = (key: KeyObject, message: string) =>
  sign(null, Buffer.from(message), key).toString("base64");

const RECORD = graphql(`
  mutation McpTestRecord($input: AgentToolCallInput!) {
    recordAgentToolCall(input: $input)
  }
`);

let ex: Exchange;
let admin: TestUser;
let trader: TestUser;
const clients: Client[] = [];
beforeAll(async () => {
  ex = await startExchange();
  admin = await newUser(ex, "mcp-admin");
  await changeUserRole(ex.deps.db, { email: admin.email, role: "ADMIN" });
  trader = await fundedUser(ex, "mcp-trader", { USDT: "100000", BTC: "1" });
  const maker = await fundedUser(ex, "mcp-maker", { BTC: "1" });
  const ask = await placeLimit(ex, maker.bearer, "SELL", "60000", "0.5");
  await waitForStatus(ex, maker.bearer, ask.id, ["OPEN"]);
  // The Redis mirror follows the events that opened the ask by a moment.
  await poll(
    () => readBookMirror(ex.deps.redis, ex.config.namespace, "BTC_USDT", 5),
    (book) => book?.asks.length === 1,
    { timeoutMs: 5_000 },
  );
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await ex.stop();
});

async function key(permissions: ApiKeyPermission[], guardrails: ApiKeyGuardrailsInput = {}) {
  const res = await ex.gql(
    CREATE_KEY,
    { input: { name: "agent", permissions, ...guardrails } },
    trader.bearer,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createApiKey.apiKey.id, secret: res.data.createApiKey.secret };
}

/** A key registered with a fresh Ed25519 public key: every request must be signed with `privateKey`. */
async function signedKey(permissions: ApiKeyPermission[]) {
  const pair = generateKeyPairSync("ed25519");
  const publicKey = pair.publicKey
    .export({ format: "der", type: "spki" })
    .subarray(12)
    .toString("base64");
  const res = await ex.gql(
    CREATE_KEY,
    { input: { name: "signed agent", permissions, publicKey } },
    trader.bearer,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return {
    id: res.data.createApiKey.apiKey.id,
    secret: res.data.createApiKey.secret,
    privateKey: pair.privateKey,
  };
}

async function stdioClient(secret: string, extraEnv: Record<string, string> = {}): Promise<Client> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "mcp/stdio.ts"],
    cwd: resolve(import.meta.dirname, ".."),
    env: { ...env, EVENTHUB_API_URL: ex.url, EVENTHUB_API_KEY: secret, ...extraEnv },
    stderr: "ignore",
  });
  const client = new Client({ name: "eventhub-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const mcpUrl = () => new URL(ex.url.replace(/\/graphql$/, "/mcp"));

async function httpClient(secret: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(mcpUrl(), {
    requestInit: { headers: { "x-api-key": secret } },
  });
  const client = new Client({ name: "eventhub-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

/** What a tool error's text holds: the API's code, message and details. */
interface ToolError {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** An audit entry's `after` for a tool call. */
const recorded = (after: string | null) =>
  JSON.parse(after!) as { arguments: Record<string, unknown>; outcome: string };

/** A tool's answer: its JSON text parsed, and whether it was a tool error. */
async function call<T = ToolError>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ isError: boolean; body: T }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  if (first?.type !== "text") throw new Error(`no text from ${name}`);
  return { isError: result.isError === true, body: JSON.parse(first.text) as T };
}

const buy = (price: string, amount: string, market = "BTC_USDT") => ({
  market,
  side: "BUY",
  type: "LIMIT",
  price,
  amount,
});

describe("over stdio (npm run mcp)", () => {
  it("lists the tools, reads a ticker, places within the guardrails and refuses past them", async () => {
    const agent = await key(["TRADE"], {
      maxOrderNotional: "1000",
      maxDailyNotional: "1500",
      allowedMarkets: ["BTC_USDT"],
    });
    const client = await stdioClient(agent.secret);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    const place = tools.find((t) => t.name === "place_order")!;
    expect(place.description).toContain("GUARDRAIL_EXCEEDED");
    expect(place.inputSchema.required).toEqual(expect.arrayContaining(["market", "side", "type"]));

    const ticker = await call<McpTickerQuery>(client, "get_ticker", { market: "BTC_USDT" });
    expect(ticker).toMatchObject({ isError: false, body: { ticker: { market: "BTC_USDT" } } });
    const book = await call<McpOrderBookQuery>(client, "get_order_book", {
      market: "BTC_USDT",
      depth: 5,
    });
    expect(book.body.orderBook.asks).toEqual([{ price: "60000", amount: "0.5" }]);

    const placed = await call<McpPlaceOrderMutation>(client, "place_order", buy("50000", "0.018"));
    expect(placed.isError).toBe(false);
    const orderId = placed.body.placeOrder.id;
    expect(placed.body.placeOrder).toMatchObject({ market: "BTC_USDT", status: "PENDING" });
    await waitForStatus(ex, trader.bearer, orderId, ["OPEN"]);
    const mine = await call<McpMyOrdersQuery>(client, "get_my_orders", { market: "BTC_USDT" });
    expect(mine.body.orders.edges.map((e) => e.node.id)).toContain(orderId);

    const tooBig = await call(client, "place_order", buy("50000", "0.021"));
    expect(tooBig).toMatchObject({
      isError: true,
      body: {
        code: "GUARDRAIL_EXCEEDED",
        reason: "ORDER_NOTIONAL",
        limit: "1000",
        requested: "1050",
      },
    });
    await call(client, "place_order", buy("50000", "0.01")); // 900 + 500 = 1400 of 1500 used
    const overDay = await call(client, "place_order", buy("50000", "0.004"));
    expect(overDay).toMatchObject({
      isError: true,
      body: { code: "GUARDRAIL_EXCEEDED", reason: "DAILY_NOTIONAL", remaining: "100" },
    });
    const otherMarket = await call(client, "place_order", buy("2000", "0.1", "ETH_USDT"));
    expect(otherMarket).toMatchObject({
      isError: true,
      body: { code: "FORBIDDEN", reason: "MARKET_NOT_ALLOWED" },
    });

    const cancelled = await call<McpCancelOrderMutation>(client, "cancel_order", { orderId });
    expect(cancelled.body.cancelOrder).toMatchObject({ id: orderId, cancelRequested: true });
    await waitForStatus(ex, trader.bearer, orderId, ["CANCELLED"]);

    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    const entries = audit.data!.auditLog.edges.map((e) => e.node).reverse();
    expect(entries.map((e) => e.action)).toEqual([
      "mcp:get_ticker",
      "mcp:get_order_book",
      "mcp:place_order",
      "mcp:get_my_orders",
      "mcp:place_order",
      "mcp:place_order",
      "mcp:place_order",
      "mcp:place_order",
      "mcp:cancel_order",
    ]);
    expect(entries.every((e) => e.actor?.email === trader.email)).toBe(true);
    const outcomes = entries.map((e) => recorded(e.after).outcome);
    expect(outcomes).toEqual([
      "OK",
      "OK",
      "OK",
      "OK",
      "GUARDRAIL_EXCEEDED",
      "OK",
      "GUARDRAIL_EXCEEDED",
      "FORBIDDEN",
      "OK",
    ]);
    expect(recorded(entries[2]!.after).arguments).toEqual(buy("50000", "0.018"));
    expect(JSON.stringify(entries)).not.toContain(agent.secret);
    await ex.waitUntilSettled();
  });

  it("a dry-run key previews and places nothing; a READ key cannot place", async () => {
    const dry = await key(["TRADE"], { dryRun: true });
    const client = await stdioClient(dry.secret);
    const preview = await call<McpPreviewOrderQuery>(client, "preview_order", {
      market: "BTC_USDT",
      side: "BUY",
      type: "MARKET",
      quoteAmount: "600",
    });
    expect(preview).toMatchObject({
      isError: false,
      body: {
        previewOrder: {
          notionalUsdt: "600",
          estimatedFillAmount: "0.01",
          estimatedAveragePrice: "60000",
          feeAsset: "BTC",
          estimatedFee: "0.00001",
          dryRun: true,
        },
      },
    });
    const refused = await call(client, "place_order", buy("50000", "0.01"));
    expect(refused).toMatchObject({
      isError: true,
      body: { code: "FORBIDDEN", reason: "DRY_RUN" },
    });
    expect(refused.body.message).toContain("preview");
    const orders = await call<McpMyOrdersQuery>(client, "get_my_orders", {
      status: ["PENDING", "OPEN"],
    });
    const before = orders.body.orders.edges.length;

    const reader = await key(["READ"]);
    const readOnly = await stdioClient(reader.secret);
    const balances = await call<McpBalancesQuery>(readOnly, "get_balances");
    const btc = balances.body.wallets.find((w) => w.asset === "BTC");
    expect(btc).toEqual({ asset: "BTC", available: "1", locked: "0" });
    const denied = await call(readOnly, "place_order", buy("50000", "0.01"));
    expect(denied).toMatchObject({ isError: true, body: { code: "FORBIDDEN" } });
    const after = await call<McpMyOrdersQuery>(readOnly, "get_my_orders", {
      status: ["PENDING", "OPEN"],
    });
    expect(after.body.orders.edges.length).toBe(before);
  });
});

describe("over stdio: signing, long arguments, an unreachable API", () => {
  it("signs each request with EVENTHUB_API_PRIVATE_KEY_FILE for a signed key", async () => {
    const agent = await signedKey(["TRADE"]);
    const unsigned = await stdioClient(agent.secret);
    const refused = await call(unsigned, "get_balances");
    expect(refused).toMatchObject({
      isError: true,
      body: { code: "UNAUTHENTICATED", reason: "SIGNATURE_REQUIRED" },
    });

    const file = join(mkdtempSync(join(tmpdir(), "eventhub-mcp-")), "agent.pem");
    writeFileSync(file, agent.privateKey.export({ format: "pem", type: "pkcs8" }), {
      mode: 0o600,
    });
    const client = await stdioClient(agent.secret, { EVENTHUB_API_PRIVATE_KEY_FILE: file });
    const balances = await call<McpBalancesQuery>(client, "get_balances");
    expect(balances.isError).toBe(false);
    expect(balances.body.wallets.map((w) => w.asset)).toContain("USDT");
    const placed = await call<McpPlaceOrderMutation>(client, "place_order", buy("30000", "0.001"));
    expect(placed).toMatchObject({ isError: false, body: { placeOrder: { status: "PENDING" } } });
    // The audit rows are written through the key too, each its own signed request.
    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    expect(audit.data!.auditLog.edges.map((e) => e.node.action)).toEqual([
      "mcp:place_order",
      "mcp:get_balances",
    ]);
    await ex.waitUntilSettled();
  });

  it("records a call whose arguments are too long to record whole, cut to fit", async () => {
    const agent = await key(["TRADE"]);
    const client = await stdioClient(agent.secret);
    const price = "1".repeat(4_100);
    const refused = await call(client, "place_order", buy(price, "0.001"));
    expect(refused.isError).toBe(true);
    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    const entries = audit.data!.auditLog.edges.map((e) => e.node);
    expect(entries.map((e) => e.action)).toEqual(["mcp:place_order"]);
    const entry = recorded(entries[0]!.after);
    expect(entry.outcome).toBe(refused.body.code);
    expect(entry.arguments).toMatchObject({ market: "BTC_USDT", amount: "0.001" });
    expect(entry.arguments.price).toBe(`${"1".repeat(256)}…[+3844 chars]`);
  });

  it("cuts any arguments to valid JSON within what the audit takes", () => {
    expect(auditArguments({ market: "BTC_USDT" })).toBe('{"market":"BTC_USDT"}');
    const many = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`field${i}`, '"\\'.repeat(200)]),
    );
    const text = auditArguments(many);
    expect(text.length).toBeLessThanOrEqual(AUDIT_ARGUMENTS_MAX);
    const parsed = JSON.parse(text) as { truncated: boolean; json: string };
    expect(parsed.truncated).toBe(true);
    expect(parsed.json.startsWith('{"field0":')).toBe(true);
  });

  it("names the URL it could not reach", async () => {
    const agent = await key(["READ"]);
    const client = await stdioClient(agent.secret, {
      EVENTHUB_API_URL: "http://127.0.0.1:9/graphql",
    });
    const answer = await call(client, "list_markets");
    expect(answer).toMatchObject({ isError: true, body: { code: "SERVICE_UNAVAILABLE" } });
    expect(answer.body.message).toContain("http://127.0.0.1:9/graphql");
    expect(answer.body.message).toContain("EVENTHUB_API_URL");
  });
});

describe("over streamable HTTP at /mcp", () => {
  it("claims a signed key's signature once per HTTP request: a batch runs whole, its replay runs nothing", async () => {
    const agent = await signedKey(["TRADE"]);
    const N = 5;
    const batch = Array.from({ length: N }, (_, i) => ({
      jsonrpc: "2.0",
      id: i + 1,
      method: "tools/call",
      params: { name: "place_order", arguments: buy("31000", "0.001") },
    }));
    const body = JSON.stringify(batch);
    const timestamp = String(Date.now());
    const headers = {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "x-api-key": agent.secret,
      "x-timestamp": timestamp,
      "x-signature": signed(agent.privateKey, `${timestamp}\n5000\nPOST\n/mcp\n${body}`),
    };
    const first = await fetch(mcpUrl(), { method: "POST", headers, body });
    expect(first.status).toBe(200);
    const answers = (await first.json()) as { id: number; result: CallToolResult }[];
    expect(answers).toHaveLength(N);
    for (const answer of answers) {
      expect(answer.result.isError).not.toBe(true);
      const text = (answer.result.content[0] as { text: string }).text;
      expect((JSON.parse(text) as McpPlaceOrderMutation).placeOrder.status).toBe("PENDING");
    }
    const target = { target: `apiKey:${agent.id}` };
    const before = await ex.gql(AUDIT, target, admin.bearer);
    expect(before.data!.auditLog.edges).toHaveLength(N);

    const replay = await fetch(mcpUrl(), { method: "POST", headers, body });
    expect(replay.status).toBe(401);
    const refusal = (await replay.json()) as { error: { message: string } };
    expect(refusal.error.message).toContain("REPLAYED");
    const after = await ex.gql(AUDIT, target, admin.bearer);
    expect(after.data!.auditLog.edges).toHaveLength(N);
    const orders = await ex.gql(MY_ORDER_PRICES, {}, trader.bearer);
    const prices = (orders.data as McpMyOrdersQuery).orders.edges.map((e) => e.node.price);
    expect(prices.filter((p) => p === "31000")).toHaveLength(N);
    await ex.waitUntilSettled();
  });

  it("acts as the X-API-Key of the request, in process, with its guardrails", async () => {
    const agent = await key(["TRADE"], { maxOrderNotional: "500" });
    const client = await httpClient(agent.secret);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    const markets = await call<McpMarketsQuery>(client, "list_markets");
    expect(markets.body.markets.map((m) => m.symbol)).toContain("ETH_BTC");
    const placed = await call<McpPlaceOrderMutation>(client, "place_order", buy("40000", "0.01"));
    expect(placed.body.placeOrder.status).toBe("PENDING");
    const over = await call(client, "place_order", buy("40000", "0.02"));
    expect(over).toMatchObject({
      isError: true,
      body: { code: "GUARDRAIL_EXCEEDED", limit: "500", requested: "800" },
    });
    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    expect(audit.data!.auditLog.edges.map((e) => e.node.action)).toEqual([
      "mcp:place_order",
      "mcp:place_order",
      "mcp:list_markets",
    ]);
    await ex.waitUntilSettled();
  });

  it("places and cancels in batches: one result per entry, each order's own error beside", async () => {
    const agent = await key(["TRADE"]);
    const client = await httpClient(agent.secret);
    type Results = {
      results: ({ order: { id: string; status: string } } | { error: ToolError })[];
    };
    const placed = await call<Results>(client, "place_orders", {
      orders: [buy("40000", "0.01"), buy("40000.001", "0.01"), buy("1", "1", "NOPE_USDT")],
    });
    expect(placed.isError).toBe(false);
    const [first, offTick, unknown] = placed.body.results;
    expect(first).toMatchObject({ order: { status: "PENDING" } });
    expect(offTick).toMatchObject({ error: { code: "BAD_USER_INPUT", field: "price" } });
    expect(unknown).toMatchObject({ error: { code: "MARKET_NOT_FOUND" } });
    const id = "order" in first! ? first.order.id : "";
    const cancelled = await call<Results>(client, "cancel_orders", {
      orderIds: [id, "00000000-0000-4000-8000-000000000000"],
    });
    expect(cancelled.body.results[0]).toMatchObject({ order: { id, cancelRequested: true } });
    expect(cancelled.body.results[1]).toMatchObject({ error: { code: "ORDER_NOT_FOUND" } });
    const tooMany = await call(client, "place_orders", {
      orders: Array.from({ length: 21 }, () => buy("40000", "0.01")),
    });
    expect(tooMany).toMatchObject({ isError: true, body: { code: "BAD_USER_INPUT" } });
    await waitForStatus(ex, trader.bearer, id, ["CANCELLED"]);
  });

  it("answers invalid arguments as BAD_USER_INPUT JSON naming the field, and records the call", async () => {
    const agent = await key(["TRADE"]);
    const client = await httpClient(agent.secret);
    const bad = await call(client, "place_order", buy("cheap", "0.01"));
    expect(bad).toMatchObject({ isError: true, body: { code: "BAD_USER_INPUT", field: "price" } });
    expect(bad.body.message).toContain("decimal string");
    const missing = await call(client, "cancel_order", {});
    expect(missing).toMatchObject({
      isError: true,
      body: { code: "BAD_USER_INPUT", field: "orderId" },
    });
    const unknown = await call(client, "place_everything", buy("1", "1"));
    expect(unknown).toMatchObject({
      isError: true,
      body: { code: "BAD_USER_INPUT", field: "name" },
    });
    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    const entries = audit.data!.auditLog.edges.map((e) => e.node);
    expect(entries.map((e) => [e.action, recorded(e.after).outcome])).toEqual([
      ["mcp:cancel_order", "BAD_USER_INPUT"],
      ["mcp:place_order", "BAD_USER_INPUT"],
    ]);
    expect(recorded(entries[1]!.after).arguments).toEqual(buy("cheap", "0.01"));
  });

  it("answers 401 without a key or with a wrong one", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-03-26",
        capabilities: {},
        clientInfo: { name: "raw", version: "1" },
      },
    };
    const post = (headers: Record<string, string>) =>
      fetch(mcpUrl(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
        body: JSON.stringify(initialize),
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32001 } });
    const wrong = await post({ "x-api-key": `ehk_${"a".repeat(12)}_${"b".repeat(43)}` });
    expect(wrong.status).toBe(401);
    const client = new Client({ name: "no-key", version: "1" });
    await expect(client.connect(new StreamableHTTPClientTransport(mcpUrl()))).rejects.toThrow();
  });
});

describe("recordAgentToolCall", () => {
  it("records for an API key only, and refuses malformed fields", async () => {
    const agent = await key(["READ"]);
    const headers = { "x-api-key": agent.secret };
    const input = { tool: "get_ticker", arguments: '{"market":"BTC_USDT"}', outcome: "OK" };
    expect((await ex.gql(RECORD, { input }, headers)).data?.recordAgentToolCall).toBe(true);
    expect(codeOf(await ex.gql(RECORD, { input }, trader.bearer))).toBe("FORBIDDEN");
    expect(codeOf(await ex.gql(RECORD, { input }))).toBe("UNAUTHENTICATED");
    for (const bad of [
      { ...input, tool: "x".repeat(61) },
      { ...input, tool: "Get Ticker" },
      { ...input, arguments: "not json" },
      { ...input, outcome: "ok" },
    ]) {
      expect(codeOf(await ex.gql(RECORD, { input: bad }, headers))).toBe("BAD_USER_INPUT");
    }
    const audit = await ex.gql(AUDIT, { target: `apiKey:${agent.id}` }, admin.bearer);
    expect(audit.data!.auditLog.edges.map((e) => e.node.action)).toEqual(["mcp:get_ticker"]);
  });
});
