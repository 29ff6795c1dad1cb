import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { resolve } from "node:path";
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
import { changeUserRole } from "../services/user-role.service.ts";
import {
  codeOf,
  fundedUser,
  newUser,
  placeLimit,
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
  "get_balances",
  "get_candles",
  "get_my_orders",
  "get_my_trades",
  "get_order_book",
  "get_ticker",
  "list_markets",
  "place_order",
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

async function stdioClient(secret: string): Promise<Client> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "mcp/stdio.ts"],
    cwd: resolve(import.meta.dirname, ".."),
    env: { ...env, EVENTHUB_API_URL: ex.url, EVENTHUB_API_KEY: secret },
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

describe("over streamable HTTP at /mcp", () => {
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
