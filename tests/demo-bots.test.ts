import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoMarkets } from "../bots/demo.ts";
import { graphql, ORDER_BOOK } from "../client/index.ts";
import { parseDecimal } from "../money/decimal.ts";
import { poll, startExchange, type Exchange } from "./kit/index.ts";

const DEMO_MARKETS = ["BTC_USDT", "ETH_USDT", "ETH_BTC"] as const;
const MINUTE = 60_000;

const MARKET_VIEW = graphql(`
  query DemoMarketView($market: String!, $from: DateTime!) {
    ticker(market: $market) {
      last
      numberOfTrades
    }
    trades(market: $market, limit: 20) {
      id
      price
    }
    candles(market: $market, interval: M1, from: $from, limit: 100) {
      data {
        timestamp
        close
      }
    }
  }
`);

let ex: Exchange;
let demo: Awaited<ReturnType<typeof startDemoMarkets>> | null = null;
const logs: string[] = [];
const keyDir = mkdtempSync(join(tmpdir(), "eventhub-bots-"));
let startedAt = 0;

beforeAll(async () => {
  ex = await startExchange();
  startedAt = Date.now();
  demo = await startDemoMarkets(ex.deps, { url: ex.url, log: (line) => logs.push(line), keyDir });
}, 60_000);
afterAll(async () => {
  await demo?.stop();
  await ex?.stop();
});

/** Everything the issue asks of one demo market a minute after `npm start`, or why not yet. */
async function shortfall(market: string): Promise<string | null> {
  const hourAgo = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
  const [book, view] = await Promise.all([
    ex.gql(ORDER_BOOK, { market, depth: 20 }),
    ex.gql(MARKET_VIEW, { market, from: new Date(hourAgo).toISOString() }),
  ]);
  const { bids = [], asks = [] } = book.data?.orderBook ?? {};
  if (bids.length < 5 || asks.length < 5)
    return `${market}: ${bids.length} bids, ${asks.length} asks`;
  if (!view.data) return `${market}: ${JSON.stringify(view.errors)}`;
  if (view.data.trades.length === 0) return `${market}: no trade on the tape`;
  if (!view.data.ticker.last) return `${market}: ticker without a last price`;
  const minutes = new Set(view.data.candles.data.map((c) => Date.parse(c.timestamp)));
  const currentMinute = Math.floor(Date.now() / MINUTE) * MINUTE;
  for (let t = hourAgo; t < currentMinute; t += MINUTE) {
    if (!minutes.has(t)) return `${market}: no 1-minute bar at ${new Date(t).toISOString()}`;
  }
  return null;
}

describe("demo markets with bots (npm start in development)", () => {
  it("gives every demo market a 7-day history ending now and a two-sided, trading book within 60 s", async () => {
    expect(demo!.history.map((h) => h.market)).toEqual([...DEMO_MARKETS]);
    for (const h of demo!.history) {
      expect(h.imported, h.market).toBe(7 * 1_440);
      expect(h.lastClose, h.market).not.toBeNull();
    }
    await poll(
      async () => (await Promise.all(DEMO_MARKETS.map(shortfall))).filter(Boolean),
      (missing) => missing.length === 0,
      {
        timeoutMs: 60_000 - (Date.now() - startedAt),
        intervalMs: 1_000,
        failure: (m) => m.join("; "),
      },
    );
    const seconds = (Date.now() - startedAt) / 1_000;
    console.log(
      `all three demo markets two-sided and trading ${seconds.toFixed(1)} s after the start`,
    );
    for (const market of DEMO_MARKETS) {
      expect(
        logs.some((line) => line.startsWith(`${market}: book two-sided`)),
        market,
      ).toBe(true);
    }
  }, 90_000);

  it("trades near the history's last close: no jump outside a price band", async () => {
    for (const { market, lastClose } of demo!.history) {
      const view = await ex.gql(MARKET_VIEW, { market, from: new Date().toISOString() });
      const last = parseDecimal(view.data!.ticker.last!);
      const close = parseDecimal(lastClose!);
      const distance = last > close ? last - close : close - last;
      // Within 1 % after a minute of a walk of 0.05 % a minute (demo markets have no band; 10 % would be wide).
      expect(
        distance * 100n,
        `${market}: last ${view.data!.ticker.last} vs close ${lastClose}`,
      ).toBeLessThan(close);
    }
  });

  it("runs each bot as its own user with one TRADE key, kept out of the logs, and conserves money", async () => {
    const { rows } = await ex.deps.pool.query<{
      email: string;
      keys: number;
      permissions: string;
    }>(`
      SELECT u.email, count(k.id)::int AS keys, string_agg(DISTINCT p::text, ',') AS permissions
        FROM users u JOIN api_keys k ON k.user_id = u.id AND k.revoked_at IS NULL,
             unnest(k.permissions) p
       WHERE u.email LIKE '%@bots.eventhub.internal' GROUP BY u.email`);
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(row, row.email).toMatchObject({ keys: 1, permissions: "TRADE" });
    const file = join(keyDir, `${ex.config.namespace}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
    expect(secrets).toHaveLength(9);
    for (const secret of secrets) expect(logs.join("\n")).not.toContain(secret);

    const { rows: traded } = await ex.deps.pool.query<{ email: string }>(`
      SELECT DISTINCT u.email FROM trades t JOIN orders o ON o.id = t.maker_order_id
        JOIN users u ON u.id = o.user_id`);
    expect(traded.filter((r) => r.email.startsWith("maker."))).toHaveLength(3);

    // Settles (the first test saw its effect: no minute of the last hour without a bar).
    await demo!.quietMinutes;
    await demo!.stop();
    demo = null;
    // Conservation: per asset, all wallets (bots' and the fee account's) = faucet deposits.
    await ex.checkInvariants();
  }, 60_000);
});
