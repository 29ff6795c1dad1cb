// Compiled execution of public market-data reads (api/jit-executor.ts): two APIs on the same
// exchange's stores, one compiling (graphql-jit) and one plain (graphql-js), both without the read
// cache, must answer every document byte for byte alike, errors included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer } from "../api/server.ts";
import { PLACE_ORDER_ID } from "../client/index.ts";
import { createDependencies } from "../kernel/dependencies.ts";
import { loadSchema } from "../resolvers/schema.ts";
import { importHistory } from "../services/marketdata-history.service.ts";
import {
  deposit,
  newApiKey,
  newUser,
  poll,
  startExchange,
  testConfig,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

interface Api {
  url: string;
  stats: { jit: number; plain: number; rerun: number; compiled: number };
  stop(): Promise<void>;
}

/** An API on the exchange's stores, read cache off, graphql-jit on or off. */
async function startOwnApi(ex: Exchange, jit: boolean): Promise<Api> {
  const config = testConfig({
    DATABASE_URL: ex.config.databaseUrl,
    EVENTHUB_NAMESPACE: ex.config.namespace,
    READ_CACHE_MAX_AGE_MS: "0",
  });
  const deps = await createDependencies(config, jit ? "test-api-jit" : "test-api-plain");
  const server = await createApiServer(deps, loadSchema(), { jit });
  const port = await server.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stats: server.jit,
    async stop() {
      await server.stop();
      await deps.close();
    },
  };
}

let ex: Exchange;
let compiled: Api;
let plain: Api;
const MARKET = "BTC_USDT";

async function trade(price: string, amount: string) {
  const seller = await newUser(ex, "jit-seller");
  const buyer = await newUser(ex, "jit-buyer");
  const sellerKey = await newApiKey(ex, seller, ["TRADE"]);
  const buyerKey = await newApiKey(ex, buyer, ["TRADE"]);
  await deposit(ex, sellerKey.header, { BTC: "10" });
  await deposit(ex, buyerKey.header, { USDT: "1000000" });
  const order = (side: "BUY" | "SELL", p: string) => ({
    input: { market: MARKET, side, type: "LIMIT" as const, price: p, amount },
  });
  const ask = await ex.gql(PLACE_ORDER_ID, order("SELL", price), sellerKey.header);
  await waitForStatus(ex, sellerKey.header, ask.data!.placeOrder.id, ["OPEN"]);
  const bid = await ex.gql(PLACE_ORDER_ID, order("BUY", price), buyerKey.header);
  await waitForStatus(ex, buyerKey.header, bid.data!.placeOrder.id, ["FILLED"]);
  // Resting orders on both sides, so the book has levels.
  const rest = await ex.gql(
    PLACE_ORDER_ID,
    order("SELL", String(Number(price) + 100)),
    sellerKey.header,
  );
  await waitForStatus(ex, sellerKey.header, rest.data!.placeOrder.id, ["OPEN"]);
  const low = await ex.gql(
    PLACE_ORDER_ID,
    order("BUY", String(Number(price) - 100)),
    buyerKey.header,
  );
  await waitForStatus(ex, buyerKey.header, low.data!.placeOrder.id, ["OPEN"]);
}

beforeAll(async () => {
  ex = await startExchange();
  for (const price of ["50000", "50100", "50200"]) await trade(price, "0.01");
  await poll(
    () => ex.gql(`{ trades(market: "${MARKET}") { id } }`),
    (r) => ((r.data?.trades as unknown[] | undefined)?.length ?? 0) >= 3,
    { timeoutMs: 10_000 },
  );
  await importHistory(ex.deps, { market: MARKET, days: 8, seed: 11, end: new Date() });
  compiled = await startOwnApi(ex, true);
  plain = await startOwnApi(ex, false);
}, 120_000);
afterAll(async () => {
  await compiled?.stop();
  await plain?.stop();
  await ex?.stop();
});

interface Answer {
  status: number;
  type: string | null;
  text: string;
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
  } satisfies Answer;
}

/**
 * Sends the document to both APIs and expects the same status, type and bytes, and the compiled
 * API to have run it the way named (`jit`: compiled; `rerun`: compiled, met an error, answered by
 * graphql-js; `plain`: graphql-js only; `none`: never executed, e.g. refused by validation).
 * Returns the parsed answer.
 */
async function same(
  path: "jit" | "rerun" | "plain" | "none",
  query: string,
  variables?: Record<string, unknown>,
) {
  const before = { ...compiled.stats };
  const a = await post(compiled.url, query, variables);
  const b = await post(plain.url, query, variables);
  expect(a.text, query).toBe(b.text);
  expect(a.status).toBe(b.status);
  expect(a.type).toBe(b.type);
  const ran = {
    jit: compiled.stats.jit - before.jit,
    rerun: compiled.stats.rerun - before.rerun,
    plain: compiled.stats.plain - before.plain,
  };
  expect(ran, query).toEqual({
    jit: path === "jit" ? 1 : 0,
    rerun: path === "rerun" ? 1 : 0,
    plain: path === "plain" || path === "rerun" ? 1 : 0,
  });
  return JSON.parse(a.text) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
}

const codes = (r: Awaited<ReturnType<typeof same>>) => r.errors?.map((e) => e.extensions?.code);

const CANDLES = `
  query Bars($m: String!, $i: CandleInterval = H1, $l: Int = 200, $meta: Boolean = true) {
    series: candles(market: $m, interval: $i, limit: $l) { ...Series }
    daily: candles(market: $m, interval: D1) { __typename stale data { ...Bar } }
    ... on Query {
      minutes: candles(market: $m, interval: M1, limit: 1000) {
        data { t: timestamp open high low close v: volume quoteAssetVolume numberOfTrades }
      }
    }
  }
  fragment Series on CandleSeries {
    __typename
    metadata @include(if: $meta) { exchange symbol interval assetClass }
    stale
    data { ...Bar }
  }
  fragment Bar on Candle {
    __typename timestamp open high low close volume quoteAssetVolume numberOfTrades
  }`;

describe("compiled execution of public reads (graphql-jit)", () => {
  it("candles at every interval, with aliases, fragments, directives and defaults", async () => {
    const first = await same("jit", CANDLES, { m: MARKET });
    const minutes = (first.data!.minutes as { data: unknown[] }).data;
    expect(minutes).toHaveLength(1000);
    expect((first.data!.series as { metadata: { interval: string } }).metadata.interval).toBe("1h");
    for (const i of ["M1", "M5", "M15", "M30", "H1", "H4", "D1", "W1"]) {
      await same("jit", CANDLES, { m: MARKET, i, l: 1000, meta: i !== "M5" });
    }
    const ranged = `query Range($m: String!, $from: DateTime, $to: DateTime) {
      candles(market: $m, interval: M15, from: $from, to: $to, limit: 50) { data { timestamp close } }
    }`;
    const to = new Date(Date.now() - 86_400_000).toISOString();
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const r = await same("jit", ranged, { m: MARKET, from, to });
    expect((r.data!.candles as { data: unknown[] }).data).toHaveLength(50);
    // Literal arguments, no variables, and a nested __typename under a root __typename.
    await same(
      "jit",
      `{ __typename candles(market: "${MARKET}", interval: W1) { metadata { __typename symbol } data { timestamp volume } } }`,
    );
    // The same document again runs the cached compilation.
    const compiledBefore = compiled.stats.compiled;
    await same("jit", CANDLES, { m: MARKET, i: "H4" });
    expect(compiled.stats.compiled).toBe(compiledBefore);
  });

  it("ticker, the tape with paging, the order book and the markets", async () => {
    const ticker = `query T($m: String!) { ticker(market: $m) {
      __typename id market open high low last volume quoteVolume change changePercent numberOfTrades stale } }`;
    const t = await same("jit", ticker, { m: MARKET });
    expect((t.data!.ticker as { last: string }).last).toMatch(/^50[12]00$/);

    const tape = `query Tape($m: String!, $l: Int, $after: String, $before: String) {
      trades(market: $m, limit: $l, after: $after, before: $before) {
        __typename id market sequence price amount quoteAmount takerSide executedAt } }`;
    const page = await same("jit", tape, { m: MARKET, l: 2 });
    const trades = page.data!.trades as { sequence: string }[];
    expect(trades).toHaveLength(2);
    const older = await same("jit", tape, { m: MARKET, l: 2, before: trades[1]!.sequence });
    expect(older.data!.trades).toHaveLength(1);
    const newer = await same("jit", tape, { m: MARKET, after: trades[1]!.sequence });
    expect(newer.data!.trades).toHaveLength(1);
    // Resolver errors: bad paging input.
    const bad = await same("rerun", tape, { m: MARKET, after: "12x" });
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.data).toBeNull();
    const both = await same("rerun", tape, { m: MARKET, after: "1", before: "9" });
    expect(codes(both)).toEqual(["BAD_USER_INPUT"]);

    const book = `query Book($m: String!, $d: Int = 5) { orderBook(market: $m, depth: $d) {
      ...Side market sequence } } fragment Side on OrderBook { bids { price amount } asks { p: price amount } }`;
    const b = await same("jit", book, { m: MARKET });
    expect((b.data!.orderBook as { bids: unknown[] }).bids.length).toBeGreaterThan(0);
    expect(codes(await same("rerun", book, { m: MARKET, d: 0 }))).toEqual(["BAD_USER_INPUT"]);

    const markets = `{ all: markets { __typename id symbol base quote tickSize lotSize minNotional
      makerFee takerFee priceBandPercent status } again: markets { symbol } }`;
    const m = await same("jit", markets);
    expect((m.data!.all as unknown[]).length).toBeGreaterThan(1);
  });

  it("errors: unknown market, bad interval, bad limit, several errors, null propagation", async () => {
    const unknown = await same(
      "rerun",
      `query U($m: String!) { candles(market: $m, interval: H1) { data { close } } }`,
      { m: "NOPE_USDT" },
    );
    expect(codes(unknown)).toEqual(["MARKET_NOT_FOUND"]);
    expect(unknown.data).toBeNull();
    // Three failing non-null roots: graphql-js keeps the first error to occur, which depends on
    // timing (the same API may name another field next time), so only its shape is compared.
    for (const url of [compiled.url, plain.url]) {
      const three = JSON.parse((await post(url, CANDLES, { m: "NOPE_USDT" })).text) as {
        data: unknown;
        errors: { extensions: { code: string } }[];
      };
      expect(three.data).toBeNull();
      expect(three.errors.map((e) => e.extensions.code)).toEqual(["MARKET_NOT_FOUND"]);
    }
    const one = await same("rerun", `{ ticker(market: "NOPE_A") { last } }`);
    expect(one.errors?.[0]?.path).toEqual(["ticker"]);
    // A bad limit reaches the service (a DomainError or a scalar's GraphQLError, as it may be).
    const limit = await same("rerun", CANDLES, { m: MARKET, l: 5000 });
    expect(codes(limit)).toEqual(["BAD_USER_INPUT"]);
    // A bad interval as a variable: graphql-js refuses the variables (no compiled run).
    const interval = await same("plain", CANDLES, { m: MARKET, i: "M2" });
    expect(codes(interval)).toEqual(["BAD_USER_INPUT"]);
    // A wrong variable type, and a missing required variable.
    expect(codes(await same("plain", CANDLES, { m: 5 }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await same("plain", CANDLES, {}))).toEqual(["BAD_USER_INPUT"]);
    const badDate = `query R($from: DateTime) { candles(market: "${MARKET}", interval: H1, from: $from) { stale } }`;
    expect(codes(await same("plain", badDate, { from: "2026-02-30T00:00:00Z" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    // A bad interval as a literal: validation refuses it before execution.
    const literal = await same("none", `{ candles(market: "${MARKET}", interval: M2) { stale } }`);
    expect(codes(literal)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("everything else runs graphql-js, as before", async () => {
    const mixed = await same("plain", `{ markets { symbol } me { email } }`);
    expect((mixed.data as { me: unknown }).me).toBeNull();
    await same("plain", `{ __schema { queryType { name } } }`);
    await same(
      "plain",
      `mutation { deposit(input: { asset: "USDT", amount: "1" }) { available } }`,
    );
    await same("plain", `{ rateLimits { scope } }`);
    expect(plain.stats.jit).toBe(0);
    expect(compiled.stats.jit).toBeGreaterThan(10);
  });
});
