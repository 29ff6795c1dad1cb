import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, inject } from "vitest";
import type { Config } from "../../config/config.ts";
import { findMarket } from "../../db/markets.repository.ts";
import { readBookMirror } from "../../db/order-book-mirror.repository.ts";
import { formatDecimal, parseDecimal } from "../../money/decimal.ts";
import type { MatcherOptions } from "../../workers/matcher.worker.ts";
import type { RelayOptions } from "../../workers/relay.worker.ts";
import { startPlatform, type Component } from "../../workers/platform.ts";
import { lotsToAmount, marketSpec, ticksToPrice } from "../../services/market-spec.ts";
import { graphqlClient, testConfig, type TestApi } from "./api.ts";
import { poll, sleep } from "./wait.ts";

export interface Exchange extends TestApi {
  config: Config;
  platform: Awaited<ReturnType<typeof startPlatform>>;
  /** Starts more components (a second matcher, a relay that was left out, …) on the same stores. */
  start(
    components: Component[],
    overrides?: Record<string, string>,
    matcher?: MatcherOptions,
  ): ReturnType<typeof startPlatform>;
  waitUntilSettled(timeoutMs?: number): Promise<void>;
  checkInvariants(): Promise<void>;
}

/** A whole exchange (API, relay, matcher, settlement, market data) on a database of its own. */
export async function startExchange(
  options: {
    components?: Component[];
    overrides?: Record<string, string>;
    relay?: RelayOptions;
  } = {},
): Promise<Exchange> {
  const server = inject("databaseServer");
  const name = `${inject("databaseUrl").split("/").pop()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  await admin.end();
  const config = testConfig({
    DATABASE_URL: `${server}/${name}`,
    EVENTHUB_NAMESPACE: `${inject("namespace")}_${randomBytes(3).toString("hex")}`,
    ...options.overrides,
  });
  const matcherOptions = { leaseTtlMs: 2_000, snapshotEvery: 7, maxMakersPerCommand: 50 };
  const relayOptions = { resendAfterSeconds: 1, ...options.relay };
  const platform = await startPlatform(config, {
    components: options.components ?? ["api", "relay", "matcher", "settlement", "marketdata"],
    matcher: matcherOptions,
    relay: relayOptions,
  });
  const extra: Awaited<ReturnType<typeof startPlatform>>[] = [];
  const deps = platform.deps.api ?? Object.values(platform.deps)[0]!;
  const url = `http://127.0.0.1:${platform.port}/graphql`;
  const client = graphqlClient(url);

  const exchange: Exchange = {
    url,
    deps,
    config,
    platform,
    gql: client.gql,
    ws: client.ws,
    async start(components, overrides = {}, matcher = {}) {
      const more = await startPlatform(
        { ...config, ...overridesToConfig(overrides) },
        { components, matcher: { ...matcherOptions, ...matcher }, relay: relayOptions },
      );
      extra.push(more);
      return more;
    },
    async waitUntilSettled(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await deps.pool.query<{ unsent: number; pending: number }>(`
          SELECT (SELECT count(*) FROM outbox)::int AS unsent,
                 (SELECT count(*) FROM orders WHERE status = 'PENDING')::int AS pending`);
        const pendingWork = rows[0]!.unsent + rows[0]!.pending;
        const lag = await settlementLag();
        if (pendingWork === 0 && lag === 0) return;
        if (Date.now() > deadline) {
          throw new Error(
            `not settled after ${timeoutMs} ms: ${JSON.stringify(rows[0])}, lag ${lag}`,
          );
        }
        await sleep(50);
      }
    },
    async checkInvariants() {
      await exchange.waitUntilSettled();
      // Conservation (design §2): per asset, all wallets incl. fees = deposits − withdrawals
      // (a completed withdrawal's WITHDRAWAL row takes the amount off the locked balance).
      const { rows: totals } = await deps.pool.query<{
        symbol: string;
        held: string;
        deposited: string;
      }>(`
        SELECT a.symbol,
               coalesce((SELECT sum(available + locked) FROM wallets w WHERE w.asset = a.symbol), 0)::text AS held,
               coalesce((SELECT sum(available_delta + locked_delta) FROM ledger_entries l
                          WHERE l.asset = a.symbol AND reason IN ('DEPOSIT', 'WITHDRAWAL')), 0)::text AS deposited
          FROM assets a`);
      for (const row of totals)
        expect(parseDecimal(row.held), `conservation of ${row.symbol}`).toBe(
          parseDecimal(row.deposited),
        );
      // Every wallet equals the sum of its ledger rows.
      const { rows: drift } = await deps.pool.query(`
        SELECT w.user_id, w.asset FROM wallets w
          LEFT JOIN (SELECT user_id, asset, sum(available_delta) a, sum(locked_delta) l
                       FROM ledger_entries GROUP BY 1, 2) s USING (user_id, asset)
         WHERE w.available <> coalesce(s.a, 0) OR w.locked <> coalesce(s.l, 0)`);
      expect(drift).toEqual([]);
      // Every locked balance is exactly what the user's unfinished orders and pending
      // withdrawals (amount + fee) hold.
      const { rows: locks } = await deps.pool.query(`
        SELECT w.user_id, w.asset, w.locked::text, coalesce(o.held, 0)::text AS held FROM wallets w
          LEFT JOIN (SELECT user_id, asset, sum(held) AS held FROM (
                       SELECT o.user_id, CASE WHEN o.side = 'BUY' THEN m.quote ELSE m.base END AS asset,
                              o.locked_remaining AS held
                         FROM orders o JOIN markets m ON m.symbol = o.market
                        WHERE o.status IN ('PENDING', 'OPEN', 'PARTIALLY_FILLED')
                       UNION ALL
                       SELECT user_id, asset, amount + fee FROM withdrawals WHERE status = 'PENDING'
                     ) h GROUP BY 1, 2) o
            USING (user_id, asset)
         WHERE w.locked <> coalesce(o.held, 0)`);
      expect(locks).toEqual([]);
      const { rows: negative } = await deps.pool.query(
        `SELECT * FROM wallets WHERE available < 0 OR locked < 0`,
      );
      expect(negative).toEqual([]);
      // The Redis book equals the matcher's.
      for (const p of [platform, ...extra]) {
        const matcher = p.matcher();
        if (!matcher) continue;
        for (const market of matcher.owned()) {
          const book = matcher.book(market)!;
          const spec = marketSpec((await findMarket(deps.db, market))!);
          const depth = book.depth(Number.MAX_SAFE_INTEGER);
          const level = (l: { priceTicks: number; lots: number }) => ({
            price: formatDecimal(ticksToPrice(spec, l.priceTicks)),
            amount: formatDecimal(lotsToAmount(spec, l.lots)),
          });
          // The matcher writes the mirror after it publishes the events settlement applies, so
          // the mirror may still be a batch behind: wait for it to reach the book's sequence.
          const mirror = await poll(
            () => readBookMirror(deps.redis, config.namespace, market, 1_000_000),
            (m) => m?.seq === String(book.seq),
            { timeoutMs: 5_000 },
          ).catch(() => readBookMirror(deps.redis, config.namespace, market, 1_000_000));
          expect(mirror, `Redis book of ${market}`).toEqual({
            seq: String(book.seq),
            bids: depth.bids.map(level),
            asks: depth.asks.map(level),
          });
        }
      }
    },
    async stop() {
      await client.close();
      for (const p of extra) await p.stop();
      await platform.stop();
    },
  };

  /** Market sequence the matcher reached minus what settlement applied, over all markets. */
  async function settlementLag(): Promise<number> {
    const { rows } = await deps.pool.query<{ market: string; last_sequence: string }>(
      `SELECT market, last_sequence FROM consumer_offsets WHERE consumer = 'settlement'`,
    );
    const applied = new Map(rows.map((r) => [r.market, Number(r.last_sequence)]));
    let lag = 0;
    for (const p of [platform, ...extra]) {
      const matcher = p.matcher();
      for (const market of matcher?.owned() ?? []) {
        lag += matcher!.book(market)!.seq - (applied.get(market) ?? 0);
      }
    }
    return lag;
  }
  return exchange;
}

function overridesToConfig(overrides: Record<string, string>): Partial<Config> {
  const out: Partial<Config> = {};
  if (overrides.NATS_URL) out.natsUrl = overrides.NATS_URL;
  if (overrides.DATABASE_URL) out.databaseUrl = overrides.DATABASE_URL;
  if (overrides.REDIS_URL) out.redisUrl = overrides.REDIS_URL;
  if (overrides.PORT) out.port = Number(overrides.PORT);
  return out;
}
