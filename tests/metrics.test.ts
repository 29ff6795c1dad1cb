import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACE_ORDER } from "../client/index.ts";
import { startPlatform } from "../workers/platform.ts";
import {
  cancelOrder,
  codeOf,
  delta,
  fundedUser,
  observations,
  placeLimit,
  placeOrder,
  poll,
  samples,
  scrape,
  startExchange,
  valueOf,
  waitForStatus,
  type Exchange,
  type Scrape,
  type TestUser,
} from "./kit/index.ts";

/**
 * Issue 13: every process serves Prometheus metrics. A whole exchange in this process: its API's
 * /metrics shows every component's, counted under the right labels; a process without an API
 * serves its own on METRICS_PORT.
 */
let ex: Exchange;
let metricsUrl: string;
let buyer: TestUser;
let seller: TestUser;
beforeAll(async () => {
  ex = await startExchange();
  metricsUrl = ex.url.replace("/graphql", "/metrics");
  buyer = await fundedUser(ex, "metrics-buyer", { USDT: "100000" });
  seller = await fundedUser(ex, "metrics-seller", { BTC: "1", ETH: "10" });
});
afterAll(() => ex.stop());

const BTC = { market: "BTC_USDT" };
const DURATION = "eventhub_graphql_operation_duration_seconds";

/** Scrapes until `done` holds for the scrape (polled gauges move every 5 s). */
function scrapeUntil(done: (s: Scrape) => boolean, what: string, timeoutMs = 20_000) {
  return poll(() => scrape(metricsUrl), done, {
    timeoutMs,
    intervalMs: 200,
    failure: (s) => `${what}; last scrape:\n${s.text.split("\n").filter(isOurs).join("\n")}`,
  });
}
const isOurs = (line: string) => line.startsWith("eventhub_") && !line.includes("_bucket");

describe("/metrics of a whole exchange in one process", () => {
  it("counts placed, cancelled, refused and rejected orders, trades and expiries per market and reason", async () => {
    const before = await scrape(metricsUrl);

    const ask = await placeLimit(ex, seller.bearer, "SELL", "20000", "0.01");
    await waitForStatus(ex, seller.bearer, ask.id, ["OPEN"]);
    const bid = await placeLimit(ex, buyer.bearer, "BUY", "20000", "0.01");
    await waitForStatus(ex, buyer.bearer, bid.id, ["FILLED"]);

    const low = await placeLimit(ex, buyer.bearer, "BUY", "10000", "0.01");
    await waitForStatus(ex, buyer.bearer, low.id, ["OPEN"]);
    expect(codeOf(await cancelOrder(ex, buyer.bearer, low.id))).toBeUndefined();
    await waitForStatus(ex, buyer.bearer, low.id, ["CANCELLED"]);

    const high = await placeLimit(ex, seller.bearer, "SELL", "30000", "0.01");
    await waitForStatus(ex, seller.bearer, high.id, ["OPEN"]);
    const crossing = await placeOrder(ex, buyer.bearer, {
      ...BTC,
      side: "BUY",
      type: "LIMIT",
      price: "30000",
      amount: "0.01",
      postOnly: true,
    });
    await waitForStatus(ex, buyer.bearer, crossing.id, ["REJECTED"]);
    const ioc = await placeOrder(ex, buyer.bearer, {
      ...BTC,
      side: "BUY",
      type: "LIMIT",
      price: "10000",
      amount: "0.01",
      timeInForce: "IOC",
    });
    await waitForStatus(ex, buyer.bearer, ioc.id, ["EXPIRED"]);
    expect(codeOf(await cancelOrder(ex, seller.bearer, high.id))).toBeUndefined();
    await waitForStatus(ex, seller.bearer, high.id, ["CANCELLED"]);

    const refused = async (input: Parameters<typeof placeOrder>[2], code: string) =>
      expect(codeOf(await ex.gql(PLACE_ORDER, { input }, buyer.bearer))).toBe(code);
    await refused(
      { ...BTC, side: "BUY", type: "LIMIT", price: "20000", amount: "10" },
      "INSUFFICIENT_FUNDS",
    );
    await refused({ ...BTC, side: "BUY", type: "LIMIT", amount: "0.01" }, "BAD_USER_INPUT");
    await refused(
      { market: "NOPE_USDT", side: "BUY", type: "LIMIT", price: "1", amount: "1" },
      "MARKET_NOT_FOUND",
    );

    const after = await scrapeUntil(
      (s) => delta(before, s, "eventhub_matcher_commands_total", BTC) >= 8,
      "the matcher never counted the 8 commands",
    );
    const grew = (name: string, labels: Record<string, string>) =>
      delta(before, after, name, labels);
    expect(grew("eventhub_orders_placed_total", BTC)).toBe(6);
    expect(grew("eventhub_order_cancel_requests_total", BTC)).toBe(2);
    expect(grew("eventhub_orders_cancelled_total", BTC)).toBe(2);
    expect(grew("eventhub_trades_total", BTC)).toBe(1);
    expect(grew("eventhub_matcher_commands_total", BTC)).toBe(8);
    expect(grew("eventhub_orders_expired_total", { ...BTC, reason: "IOC_REMAINDER" })).toBe(1);
    const rejected = (market: string, stage: string, reason: string) =>
      grew("eventhub_orders_rejected_total", { market, stage, reason });
    expect(rejected("BTC_USDT", "matcher", "POST_ONLY_WOULD_TAKE")).toBe(1);
    expect(rejected("BTC_USDT", "api", "INSUFFICIENT_FUNDS")).toBe(1);
    expect(rejected("BTC_USDT", "api", "BAD_USER_INPUT")).toBe(1);
    // A market that does not exist is never a label: a client could make up any number.
    expect(rejected("unknown", "api", "MARKET_NOT_FOUND")).toBe(1);
    expect(samples(after, "eventhub_orders_rejected_total", { market: "NOPE_USDT" })).toEqual([]);
    // Nothing was counted for another market.
    expect(grew("eventhub_orders_placed_total", { market: "ETH_USDT" })).toBe(0);
    expect(grew("eventhub_graphql_errors_total", { code: "INSUFFICIENT_FUNDS" })).toBe(1);
    expect(grew("eventhub_graphql_errors_total", { code: "MARKET_NOT_FOUND" })).toBe(1);

    // Histograms: one age per command, batches timed, every mutation timed under its name.
    const age = (s: Scrape) => observations(s, "eventhub_matcher_command_age_seconds", BTC);
    expect(age(after).count - age(before).count).toBe(8);
    expect(age(after).sum).toBeGreaterThan(0);
    const batches = observations(after, "eventhub_matcher_batch_duration_seconds", BTC);
    expect(batches.count).toBeGreaterThanOrEqual(1);
    expect(batches.count).toBeLessThanOrEqual(8);
    const timed = (s: Scrape, type: string, operation: string) =>
      observations(s, DURATION, { transport: "http", type, operation }).count;
    expect(timed(after, "mutation", "PlaceOrder") - timed(before, "mutation", "PlaceOrder")).toBe(
      9,
    );
    expect(timed(after, "mutation", "CancelOrder") - timed(before, "mutation", "CancelOrder")).toBe(
      2,
    );
    expect(timed(after, "query", "Order")).toBeGreaterThan(timed(before, "query", "Order"));
    const settling = observations(after, "eventhub_consumer_batch_duration_seconds", {
      consumer: "settlement",
    });
    expect(settling.count).toBeGreaterThan(0);
    expect(
      grew("eventhub_consumer_messages_total", { consumer: "settlement", outcome: "acked" }),
    ).toBeGreaterThan(0);
  });

  it("times operations under bounded names: unnamed is anonymous, invalid is invalid", async () => {
    const before = await scrape(metricsUrl);
    expect((await ex.gql("{ __typename }")).errors).toBeUndefined();
    expect(codeOf(await ex.gql("query Broken { noSuchField }"))).toBe("GRAPHQL_VALIDATION_FAILED");
    const after = await scrape(metricsUrl);
    const timed = (s: Scrape, type: string, operation: string) =>
      observations(s, DURATION, { type, operation }).count;
    expect(timed(after, "query", "anonymous") - timed(before, "query", "anonymous")).toBe(1);
    expect(timed(after, "unknown", "invalid") - timed(before, "unknown", "invalid")).toBe(1);
    expect(samples(after, `${DURATION}_count`, { operation: "Broken" })).toEqual([]);
    expect(
      delta(before, after, "eventhub_graphql_errors_total", {
        code: "GRAPHQL_VALIDATION_FAILED",
      }),
    ).toBe(1);
    expect(
      delta(before, after, "eventhub_http_responses_total", {
        route: "/graphql",
        code: "200",
      }),
    ).toBeGreaterThanOrEqual(1);
    // Every response is also timed from its arrival, under the same route.
    const responses = (s: Scrape) =>
      samples(s, "eventhub_http_responses_total", { route: "/graphql" }).reduce(
        (sum, x) => sum + Number(x.value),
        0,
      );
    const http = (s: Scrape) =>
      observations(s, "eventhub_http_request_duration_seconds", { route: "/graphql" });
    expect(http(after).count - http(before).count).toBe(responses(after) - responses(before));
    expect(http(after).sum).toBeGreaterThan(http(before).sum);
  });

  it("reports every component's gauges: pools, sockets, markets, settlement, consumers, outbox", async () => {
    const client = ex.ws();
    const trades = client.iterate({
      query: 'subscription { trades(market: "BTC_USDT") { sequence } }',
    });
    void trades.next().catch(() => {});
    const withSocket = await scrapeUntil(
      (s) => valueOf(s, "eventhub_websocket_subscriptions") === 1,
      "the subscription was never counted",
    );
    expect(valueOf(withSocket, "eventhub_websocket_connections")).toBe(1);
    await trades.return?.();
    await client.dispose();
    await scrapeUntil(
      (s) =>
        valueOf(s, "eventhub_websocket_subscriptions") === 0 &&
        valueOf(s, "eventhub_websocket_connections") === 0,
      "the closed socket was still counted",
    );

    const matcher = ex.platform.matcher()!;
    const sequence = matcher.book("BTC_USDT")!.seq;
    expect(sequence).toBeGreaterThan(0);
    const settled = await scrapeUntil(
      (s) =>
        valueOf(s, "eventhub_settled_sequence", BTC) === sequence &&
        valueOf(s, "eventhub_settlement_lag_sequences", BTC) === 0 &&
        valueOf(s, "eventhub_consumer_pending_messages", { consumer: "settlement" }) === 0 &&
        valueOf(s, "eventhub_consumer_pending_messages", { consumer: "marketdata" }) === 0,
      `settlement never reported sequence ${sequence} applied`,
    );
    expect(valueOf(settled, "eventhub_matcher_sequence", BTC)).toBe(sequence);
    expect(valueOf(settled, "eventhub_matcher_owned_markets")).toBe(3);
    for (const market of ["BTC_USDT", "ETH_BTC", "ETH_USDT"]) {
      expect(valueOf(settled, "eventhub_market_stopped", { market }), market).toBe(0);
    }
    for (const consumer of ["settlement", "marketdata"]) {
      expect(valueOf(settled, "eventhub_consumer_ack_pending_messages", { consumer })).toBeTypeOf(
        "number",
      );
      expect(valueOf(settled, "eventhub_consumer_stopped", { consumer })).toBe(0);
    }
    expect(valueOf(settled, "eventhub_outbox_messages")).toBe(0);
    expect(valueOf(settled, "eventhub_outbox_oldest_age_seconds")).toBe(0);
    for (const [component, size] of Object.entries({
      api: 20,
      relay: 10,
      matcher: 10,
      settlement: 10,
      marketdata: 10,
    })) {
      expect(valueOf(settled, "eventhub_component_running", { component })).toBe(1);
      expect(valueOf(settled, "eventhub_pg_pool_max_connections", { component })).toBe(size);
      const open = valueOf(settled, "eventhub_pg_pool_connections", { component })!;
      expect(open).toBeLessThanOrEqual(size);
      expect(
        valueOf(settled, "eventhub_pg_pool_idle_connections", { component }),
      ).toBeLessThanOrEqual(open);
      expect(valueOf(settled, "eventhub_pg_pool_waiting_clients", { component })).toBe(0);
    }
    for (const poll of ["outbox", "settlement", "settlement_lag", "settlement_consumer"]) {
      const at = valueOf(settled, "eventhub_poll_success_timestamp_seconds", { poll })!;
      expect(Date.now() / 1000 - at, poll).toBeLessThan(30);
    }
    // Node's own, once per registry.
    expect(valueOf(settled, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(settled.families.get("nodejs_eventloop_lag_seconds")?.type).toBe("GAUGE");
  });

  it("names every metric by the conventions, with a help text, and shows no personal data or secret", async () => {
    const scraped = await scrape(metricsUrl);
    const ours = [...scraped.families.values()].filter((f) => f.name.startsWith("eventhub_"));
    expect(ours.length).toBeGreaterThanOrEqual(33);
    for (const family of ours) {
      expect(family.help.length, family.name).toBeGreaterThan(20);
      if (family.type === "COUNTER") expect(family.name).toMatch(/_total$/);
      else expect(family.name).not.toMatch(/_total$/);
      // A histogram is of a base unit: seconds, or a count of things (orders in a batch, commands
      // in a relay round).
      if (family.type === "HISTOGRAM") expect(family.name).toMatch(/_(seconds|orders|commands)$/);
    }
    const labelNames = new Set(
      [...scraped.series.values()].flat().flatMap((s) => Object.keys(s.labels ?? {})),
    );
    for (const forbidden of ["user", "userId", "email", "ip", "apiKey", "order", "orderId"]) {
      expect(labelNames.has(forbidden), forbidden).toBe(false);
    }
    for (const secret of [
      buyer.id,
      seller.id,
      buyer.email,
      buyer.token,
      ex.config.jwtSecret,
      ex.config.databaseUrl,
    ]) {
      expect(scraped.text.includes(secret), "a secret or a user's data in /metrics").toBe(false);
    }
  });

  it("shows a market settlement cannot apply as stopped, with its lag, until it applies again", async () => {
    const ETH = { market: "ETH_USDT" };
    // This test's own database (a clone): its ETH_USDT trades are refused, as a bad migration
    // or a constraint added by hand would.
    await ex.deps.pool.query(`
      CREATE FUNCTION refuse_metrics_trades() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the metrics test'; END $$;
      CREATE TRIGGER refuse_metrics_trades BEFORE INSERT ON trades FOR EACH ROW
        WHEN (NEW.market = 'ETH_USDT') EXECUTE FUNCTION refuse_metrics_trades();`);
    const ask = await placeLimit(ex, seller.bearer, "SELL", "2000", "0.1", "ETH_USDT");
    await waitForStatus(ex, seller.bearer, ask.id, ["OPEN"]);
    await placeLimit(ex, buyer.bearer, "BUY", "2000", "0.1", "ETH_USDT");

    const stopped = await scrapeUntil(
      (s) => valueOf(s, "eventhub_market_stopped", ETH) === 1,
      "ETH_USDT was never reported stopped",
    );
    expect(valueOf(stopped, "eventhub_settlement_lag_sequences", ETH)).toBeGreaterThan(0);
    expect(valueOf(stopped, "eventhub_market_stopped", BTC)).toBe(0);

    await ex.deps.pool.query(
      `DROP TRIGGER refuse_metrics_trades ON trades; DROP FUNCTION refuse_metrics_trades();`,
    );
    await scrapeUntil(
      (s) =>
        valueOf(s, "eventhub_market_stopped", ETH) === 0 &&
        valueOf(s, "eventhub_settlement_lag_sequences", ETH) === 0,
      "ETH_USDT stayed stopped after its cause went",
      30_000,
    );
    await ex.checkInvariants();
  }, 60_000);
});

describe("/metrics of a process without an API", () => {
  it("is served on METRICS_PORT with that process's own metrics only; none without it", async () => {
    const port = await freePort();
    const worker = await startPlatform(
      { ...ex.config, metricsPort: port },
      {
        components: ["settlement"],
      },
    );
    const quiet = await startPlatform(ex.config, { components: ["marketdata"] });
    try {
      expect(worker.metricsPort).toBe(port);
      expect(quiet.metricsPort).toBe(0);
      const url = `http://127.0.0.1:${port}/metrics`;
      const own = await poll(
        () => scrape(url),
        (s) => valueOf(s, "eventhub_settled_sequence", BTC) !== undefined,
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      expect(valueOf(own, "eventhub_component_running", { component: "settlement" })).toBe(1);
      expect(samples(own, "eventhub_component_running")).toHaveLength(1);
      expect(valueOf(own, "eventhub_pg_pool_max_connections", { component: "settlement" })).toBe(
        10,
      );
      expect(samples(own, "eventhub_pg_pool_connections", { component: "api" })).toEqual([]);
      expect(valueOf(own, "eventhub_consumer_stopped", { consumer: "settlement" })).toBe(0);
      // The API's metrics are defined but this process has no API: no samples.
      expect(samples(own, `${DURATION}_count`)).toEqual([]);
      expect(valueOf(own, "eventhub_websocket_connections")).toBe(0);
      expect(valueOf(own, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    } finally {
      await quiet.stop();
      await worker.stop();
    }
    // Stopped: the port is closed.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

/** A port free right now (the OS picks it; the test binds it again at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
