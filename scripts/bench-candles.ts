// npm run bench:candles [-- --days 365 --iterations 200 --runs 3]
// A scratch database: a year of 1-minute history for 3 markets, then read latency of `candles`
// (limit 1,000, every interval) and `ticker` through GraphQL over HTTP — served from the API's
// read cache (hit) and computed (miss, the cache's versions bumped before each request) — next to
// the raw SQL read of the same rows (the repository's own statement, run with pg), and
// recordTrades throughput. The client holds one keep-alive connection (node:http). Each figure:
// a warm-up, then `--runs` repetitions of `--iterations` requests; printed as the median of the
// repetitions' p50s with their spread (min–max), and the median p99. Prints figures; the last
// stdout line is one JSON object.
import http from "node:http";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { createApiServer } from "../api/server.ts";
import { createDependencies } from "../kernel/dependencies.ts";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl, type Executor } from "../db/client.ts";
import { latestCandles, tickerSince } from "../db/marketdata.repository.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { marketDataStorage } from "../db/timescale.ts";
import { bucketStart, CANDLE_INTERVALS } from "../marketdata/intervals.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { importHistory } from "../services/marketdata-history.service.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import { loadSchema } from "../resolvers/schema.ts";
import { sharedFeeds } from "../resolvers/Subscription/feeds.ts";

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "365" },
    iterations: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
  },
});
const days = Number(values.days);
const iterations = Number(values.iterations);
const runs = Number(values.runs);
if (![days, iterations, runs].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error("--days, --iterations and --runs must be positive integers");
}

const server = process.env.BENCH_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const stamp = Date.now().toString(36);
const databaseUrl = `${server}/eventhub_bench_${stamp}`;
const MARKETS = [
  { market: "BTC_USDT", startPrice: "64000" },
  { market: "ETH_USDT", startPrice: "3200" },
  { market: "ETH_BTC", startPrice: "0.05" },
];

const log = (line: string) => console.log(line);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median over the runs of p50 and p99 (ms), and the spread (min–max) of the runs' p50s. */
interface Timing {
  p50: number;
  p99: number;
  p50Min: number;
  p50Max: number;
}

/**
 * A warm-up of min(20, iterations) calls, then `runs` repetitions of `iterations` calls of `run`,
 * each timed alone (`prepare`, untimed, runs before each call).
 */
async function timed(run: () => Promise<void>, prepare: () => void = () => undefined) {
  for (let i = 0; i < Math.min(20, iterations); i++) {
    prepare();
    await run();
  }
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let r = 0; r < runs; r++) {
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      prepare();
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    p50s.push(percentile(samples, 50));
    p99s.push(percentile(samples, 99));
  }
  return {
    p50: round(median(p50s)),
    p99: round(median(p99s)),
    p50Min: round(Math.min(...p50s)),
    p50Max: round(Math.max(...p50s)),
  } satisfies Timing;
}

const show = (t: Timing) => `p50 ${t.p50} ms (${t.p50Min}–${t.p50Max}), p99 ${t.p99} ms`;

/** The statement a repository function sends (drizzle's SQL object), as text and parameters. */
async function statementOf(read: (db: Executor) => Promise<unknown>): Promise<pg.QueryConfig> {
  let captured: SQL | undefined;
  const capture = {
    execute: async (query: SQL) => {
      captured = query;
      return { rows: [] };
    },
  } as unknown as Executor;
  await read(capture).catch(() => undefined); // a read of no rows may fail on mapping: not needed
  if (!captured) throw new Error("the repository sent no statement");
  const { sql, params } = new PgDialect().sqlToQuery(captured);
  return { text: sql, values: params };
}

await migrateDatabase(databaseUrl);
const seedPool = createPool(databaseUrl, 1);
await seedDemoMarkets(createDatabase(seedPool));
await seedPool.end();

const config = loadConfig({
  ...process.env,
  // Measured as deployed: NODE_ENV=production (graphql-js drops its development checks).
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString("hex"),
  DEMO_FAUCET: "true",
  DATABASE_URL: databaseUrl,
  EVENTHUB_NAMESPACE: `bench_${stamp}`,
  LOG_LEVEL: "warn",
  PORT: "0",
  // Every request is still weighed and charged (one Redis round trip); only the limit is lifted,
  // since one address asks far more than 1,200 weight a minute here.
  RATE_LIMIT_IP_WEIGHT_PER_MINUTE: "1000000000",
});
const deps = await createDependencies(config, "bench-candles");
const probe = await deps.pool.connect();
const storage = await marketDataStorage(probe);
probe.release();

log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, node ${process.version}`,
);
log(`storage: ${storage}; scratch database ${redactUrl(databaseUrl)}`);
const loadAtStart = loadavg().map((x) => round(x));
log(`load average at start: ${loadAtStart.join(" ")} (other work on the machine shows here)`);

const figures: Record<string, unknown> = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  node: process.version,
  storage,
  days,
  iterations,
  runs,
  loadAverageAtStart: loadAtStart,
};
const api = await createApiServer(deps, loadSchema(), { sharedFeeds, jit: config.graphqlJit });
const port = await api.listen(0, "127.0.0.1");
const readCache = api.readCache;
// One keep-alive connection, as a poller holds: node:http, whose own cost per request is small
// (undici's fetch added about 0.6 ms to every request on a 2-core VM: enough to push a ticker hit
// over its 1 ms target).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
if (!readCache) throw new Error("READ_CACHE_MAX_AGE_MS is 0: no read cache to measure");
try {
  // 1. Import: the three markets side by side (one COPY + rollup transaction each).
  const end = new Date();
  const importStarted = performance.now();
  const imports = await Promise.all(
    MARKETS.map((m, i) =>
      importHistory(deps, { market: m.market, days, seed: 42 + i, end, startPrice: m.startPrice }),
    ),
  );
  const importSeconds = (performance.now() - importStarted) / 1_000;
  const candles = imports.reduce((s, r) => s + r.candles, 0);
  const { rows } = await deps.pool.query<{ n: string }>("SELECT count(*)::text AS n FROM candles");
  log(
    `import: ${candles.toLocaleString("en")} one-minute bars (${Number(rows[0]!.n).toLocaleString("en")} bars of all intervals) in ${importSeconds.toFixed(1)} s ` +
      `= ${Math.round(candles / importSeconds).toLocaleString("en")} bars/s, rollups included`,
  );
  for (const r of imports) {
    log(
      `  ${r.market}: COPY ${r.copySeconds.toFixed(1)} s, rollups ${r.rollupSeconds.toFixed(1)} s`,
    );
  }
  Object.assign(figures, {
    importedCandles: candles,
    storedCandlesAllIntervals: Number(rows[0]!.n),
    importSeconds: round(importSeconds),
    importCandlesPerSecond: Math.round(candles / importSeconds),
  });

  // 2. Reads through GraphQL over HTTP: hits, misses, and the same rows by raw SQL.
  const url = `http://127.0.0.1:${port}/graphql`;
  const request = (query: string, variables: Record<string, unknown>) =>
    new Promise<{ status: number; bytes: Buffer }>((resolve, reject) => {
      const body = JSON.stringify({ query, variables });
      const headers = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      http
        .request(url, { method: "POST", agent, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject)
        .end(body);
    });
  const post = async (query: string, variables: Record<string, unknown>) => {
    const body = JSON.parse((await request(query, variables)).bytes.toString("utf8")) as {
      data?: unknown;
      errors?: unknown;
    };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as { candles: { data: unknown[] } };
  };
  /** Timed: the whole answer received, as bytes; not parsed (that is the client's work). */
  const readAnswer = async (query: string, variables: Record<string, unknown>) => {
    const { status, bytes } = await request(query, variables);
    if (status !== 200 || !bytes.subarray(0, 8).equals(Buffer.from('{"data":'))) {
      throw new Error(`${status}: ${bytes.toString("utf8", 0, 500)}`);
    }
  };
  const miss = () => readCache.bumpAll();
  const sqlRead = (statement: pg.QueryConfig) => async () => {
    await deps.pool.query(statement);
  };
  const pair = (graphql: number, sql: number) => round(graphql / sql, 1);
  // limit as a variable: api/limits.ts prices a literal limit: 1000 × 8 fields over its cost cap.
  const CANDLES = `query($m: String!, $i: CandleInterval!, $l: Int) { candles(market: $m, interval: $i, limit: $l) {
    stale data { timestamp open high low close volume quoteAssetVolume numberOfTrades } } }`;
  type Read = { p50: number; p99: number; hit: Timing; miss: Timing; sql: Timing };
  const latency: Record<string, Read & { bars: number; hitToSql: number; missToSql: number }> = {};
  log(`reads: ${runs} runs × ${iterations} requests after a warm-up; p50 median (spread of runs)`);
  for (const interval of CANDLE_INTERVALS) {
    const variables = { m: "BTC_USDT", i: interval, l: 1000 };
    const read = () => readAnswer(CANDLES, variables);
    const bars = (await post(CANDLES, variables)).candles.data.length;
    const statement = await statementOf((db) =>
      latestCandles(db, { market: "BTC_USDT", interval, limit: 1000 }),
    );
    const hit = await timed(read);
    const missed = await timed(read, miss);
    const sql = await timed(sqlRead(statement));
    latency[interval] = {
      bars,
      p50: hit.p50,
      p99: hit.p99,
      hit,
      miss: missed,
      sql,
      hitToSql: pair(hit.p50, sql.p50),
      missToSql: pair(missed.p50, sql.p50),
    };
    log(`candles ${interval.padEnd(3)} ${String(bars).padStart(4)} bars`);
    log(`  GraphQL hit  ${show(hit)}`);
    log(`  GraphQL miss ${show(missed)}`);
    log(`  raw SQL      ${show(sql)}`);
    log(`  GraphQL/SQL p50: hit ${pair(hit.p50, sql.p50)}×, miss ${pair(missed.p50, sql.p50)}×`);
  }
  const TICKER = `query($m: String!) { ticker(market: $m) { open high low last volume quoteVolume change changePercent stale } }`;
  const readTicker = () => readAnswer(TICKER, { m: "BTC_USDT" });
  const tickerStatement = await statementOf((db) =>
    tickerSince(
      db,
      "BTC_USDT",
      new Date(bucketStart(Date.now(), "M1") - 1_439 * 60_000), // as computeTicker asks
    ),
  );
  const tickerHit = await timed(readTicker);
  const tickerMiss = await timed(readTicker, miss);
  const tickerSql = await timed(sqlRead(tickerStatement));
  const ticker = {
    p50: tickerHit.p50,
    p99: tickerHit.p99,
    hit: tickerHit,
    miss: tickerMiss,
    sql: tickerSql,
    hitToSql: pair(tickerHit.p50, tickerSql.p50),
    missToSql: pair(tickerMiss.p50, tickerSql.p50),
  };
  log("ticker");
  log(`  GraphQL hit  ${show(tickerHit)}`);
  log(`  GraphQL miss ${show(tickerMiss)}`);
  log(`  raw SQL      ${show(tickerSql)}`);
  log(`  GraphQL/SQL p50: hit ${ticker.hitToSql}×, miss ${ticker.missToSql}×`);
  log(
    `read cache: ${readCache.stats.hits} hits, ${readCache.stats.misses} misses, ` +
      `max age ${readCache.maxAgeMs} ms`,
  );
  Object.assign(figures, {
    candlesLatencyMs: latency,
    tickerLatencyMs: ticker,
    readCache: { maxAgeMs: readCache.maxAgeMs, ...readCache.stats },
  });

  // 3. recordTrades throughput (ticks + 8 candle upserts + cache refresh per call).
  let sequence = 1n;
  const now = Date.now();
  const tradeAt = (i: number): TradeTick => ({
    market: "BTC_USDT",
    sequence: sequence++,
    price: (64_000 + (i % 200) / 100).toFixed(2),
    amount: "0.01",
    quoteAmount: ((64_000 + (i % 200) / 100) / 100).toFixed(4),
    takerSide: i % 2 ? "BUY" : "SELL",
    executedAt: new Date(now + i),
  });
  let n = 0;
  const batchCount = 100;
  const batchStarted = performance.now();
  for (let b = 0; b < batchCount; b++) {
    await recordTrades(
      deps,
      Array.from({ length: 100 }, () => tradeAt(n++)),
    );
  }
  const batchedPerSecond = (batchCount * 100) / ((performance.now() - batchStarted) / 1_000);
  const singles = 1_000;
  const singleStarted = performance.now();
  for (let s = 0; s < singles; s++) await recordTrades(deps, [tradeAt(n++)]);
  const singlePerSecond = singles / ((performance.now() - singleStarted) / 1_000);
  log(
    `recordTrades: ${Math.round(batchedPerSecond).toLocaleString("en")} trades/s in batches of 100, ` +
      `${Math.round(singlePerSecond).toLocaleString("en")} trades/s one at a time (sequential calls)`,
  );
  Object.assign(figures, {
    recordTradesPerSecondBatch100: Math.round(batchedPerSecond),
    recordTradesPerSecondSingle: Math.round(singlePerSecond),
  });
} finally {
  figures.loadAverageAtEnd = loadavg().map((x) => round(x));
  agent.destroy();
  await api.stop();
  const keys = await deps.redis.keys(`${config.namespace}:*`).catch(() => []);
  if (keys.length) await deps.redis.del(...keys).catch(() => undefined);
  await deps.close();
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "eventhub_bench_${stamp}" WITH (FORCE)`);
  await admin.end();
}
console.log(JSON.stringify(figures));
