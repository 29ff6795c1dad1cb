// npm run bench:candles [-- --days 365 --iterations 200]
// A scratch database: a year of 1-minute history for 3 markets, then GraphQL read latency and
// recordTrades throughput. Prints figures; the last stdout line is one JSON object.
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDependencies } from "../kernel/dependencies.ts";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { marketDataStorage } from "../db/timescale.ts";
import { CANDLE_INTERVALS } from "../marketdata/intervals.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { importHistory } from "../services/marketdata-history.service.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import { startComponent } from "../workers/registry.ts";

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "365" },
    iterations: { type: "string", default: "200" },
  },
});
const days = Number(values.days);
const iterations = Number(values.iterations);

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

async function timed(run: () => Promise<void>, count: number) {
  for (let i = 0; i < Math.min(20, count); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
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
});
const deps = await createDependencies(config, "bench-candles");
const probe = await deps.pool.connect();
const storage = await marketDataStorage(probe);
probe.release();

log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, node ${process.version}`,
);
log(`storage: ${storage}; scratch database ${redactUrl(databaseUrl)}`);

const figures: Record<string, unknown> = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  node: process.version,
  storage,
  days,
};
const api = await startComponent("api", deps, { port: 0, host: "127.0.0.1" });
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

  // 2. Reads through GraphQL over HTTP.
  const { port } = api;
  const url = `http://127.0.0.1:${port}/graphql`;
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as { candles: { data: unknown[] } };
  };
  // limit as a variable: api/limits.ts prices a literal limit: 1000 × 8 fields over its cost cap.
  const CANDLES = `query($m: String!, $i: CandleInterval!, $l: Int) { candles(market: $m, interval: $i, limit: $l) {
    stale data { timestamp open high low close volume quoteAssetVolume numberOfTrades } } }`;
  const latency: Record<string, { bars: number; p50: number; p99: number }> = {};
  for (const interval of CANDLE_INTERVALS) {
    const bars = (await post(CANDLES, { m: "BTC_USDT", i: interval, l: 1000 })).candles.data.length;
    const t = await timed(
      async () => void (await post(CANDLES, { m: "BTC_USDT", i: interval, l: 1000 })),
      iterations,
    );
    latency[interval] = { bars, ...t };
    log(
      `candles ${interval.padEnd(3)} ${String(bars).padStart(4)} bars: p50 ${t.p50} ms, p99 ${t.p99} ms`,
    );
  }
  const TICKER = `query($m: String!) { ticker(market: $m) { open high low last volume quoteVolume change changePercent stale } }`;
  const ticker = await timed(async () => void (await post(TICKER, { m: "BTC_USDT" })), iterations);
  log(`ticker: p50 ${ticker.p50} ms, p99 ${ticker.p99} ms`);
  Object.assign(figures, { candlesLatencyMs: latency, tickerLatencyMs: ticker });

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
