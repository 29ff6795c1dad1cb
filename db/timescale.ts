import type pg from "pg";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A continuous aggregate over the ticks and its refresh policy (intervals as SQL and in ms). */
export interface ContinuousAggregate {
  view: "ticks_1m" | "ticks_1h" | "ticks_1d";
  bucketMs: number;
  /** The policy refreshes [now − startOffset, now − endOffset) every `schedule`. */
  startOffset: string;
  startOffsetMs: number;
  endOffset: string;
  schedule: string;
  scheduleMs: number;
}

/** The hierarchy, source first: ticks → ticks_1m → ticks_1h → ticks_1d. */
export const CONTINUOUS_AGGREGATES: readonly ContinuousAggregate[] = [
  {
    view: "ticks_1m",
    bucketMs: MINUTE,
    startOffset: "3 days",
    startOffsetMs: 3 * DAY,
    endOffset: "1 minute",
    schedule: "1 minute",
    scheduleMs: MINUTE,
  },
  {
    view: "ticks_1h",
    bucketMs: HOUR,
    startOffset: "7 days",
    startOffsetMs: 7 * DAY,
    endOffset: "1 hour",
    schedule: "10 minutes",
    scheduleMs: 10 * MINUTE,
  },
  {
    view: "ticks_1d",
    bucketMs: DAY,
    startOffset: "30 days",
    startOffsetMs: 30 * DAY,
    endOffset: "1 day",
    schedule: "1 hour",
    scheduleMs: HOUR,
  },
];

/** Ticks older than this are compressed (columnstore) by the policy. */
export const COMPRESS_AFTER_DAYS = 7;

/**
 * The TimescaleDB layer of market data, applied after drizzle's migrations when the
 * `timescaledb` extension is available (docs/MARKETDATA.md). Each statement runs on its own,
 * outside any transaction: continuous aggregates cannot be created inside one. Every step is
 * idempotent, so it runs on every migrate.
 *
 * Run against TimescaleDB 2.28.3 on PostgreSQL 15 (tests/marketdata-timescale.test.ts and
 * tests/marketdata-tape.test.ts with TEST_DATABASE_SERVER pointing at such a server; CI has no
 * TimescaleDB). Without the extension nothing here runs and the plain PostgreSQL path (BRIN on
 * ticks, `candles` rollup table) serves every query.
 */
export const TIMESCALE_STATEMENTS: readonly string[] = [
  `CREATE EXTENSION IF NOT EXISTS timescaledb`,
  // A hypertable's unique indexes must contain its time column.
  `DROP INDEX IF EXISTS ticks_market_sequence_key`,
  `CREATE UNIQUE INDEX IF NOT EXISTS ticks_market_sequence_time_key
     ON ticks (market, sequence, executed_at)`,
  `DROP INDEX IF EXISTS ticks_executed_at_brin`,
  `SELECT create_hypertable('ticks', by_range('executed_at', INTERVAL '1 day'),
     if_not_exists => TRUE, migrate_data => TRUE)`,
  `CREATE INDEX IF NOT EXISTS ticks_market_time_idx ON ticks (market, executed_at DESC)`,

  // Hierarchical continuous aggregates over the ticks: 1 minute → 1 hour → 1 day.
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ticks_1m
     WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
     SELECT market, time_bucket(INTERVAL '1 minute', executed_at) AS bucket,
       first(price, executed_at) AS open, max(price) AS high, min(price) AS low,
       last(price, executed_at) AS close, sum(amount) AS volume,
       sum(quote_amount) AS quote_volume, count(*) AS trades
     FROM ticks GROUP BY market, time_bucket(INTERVAL '1 minute', executed_at)
     WITH NO DATA`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ticks_1h
     WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
     SELECT market, time_bucket(INTERVAL '1 hour', bucket) AS bucket,
       first(open, bucket) AS open, max(high) AS high, min(low) AS low,
       last(close, bucket) AS close, sum(volume) AS volume,
       sum(quote_volume) AS quote_volume, sum(trades) AS trades
     FROM ticks_1m GROUP BY market, time_bucket(INTERVAL '1 hour', bucket)
     WITH NO DATA`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ticks_1d
     WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
     SELECT market, time_bucket(INTERVAL '1 day', bucket) AS bucket,
       first(open, bucket) AS open, max(high) AS high, min(low) AS low,
       last(close, bucket) AS close, sum(volume) AS volume,
       sum(quote_volume) AS quote_volume, sum(trades) AS trades
     FROM ticks_1h GROUP BY market, time_bucket(INTERVAL '1 day', bucket)
     WITH NO DATA`,
  // Explicit, because since 2.13 new continuous aggregates default to materialized-only.
  `ALTER MATERIALIZED VIEW ticks_1m SET (timescaledb.materialized_only = false)`,
  `ALTER MATERIALIZED VIEW ticks_1h SET (timescaledb.materialized_only = false)`,
  `ALTER MATERIALIZED VIEW ticks_1d SET (timescaledb.materialized_only = false)`,
  // Refresh windows stay inside the ticks' retention (90 days), so dropped raw data never
  // empties an aggregate. A trade recorded later than a policy's start offset is refreshed by
  // the recording path itself (refreshLateTicks).
  ...CONTINUOUS_AGGREGATES.map(
    (a) => `SELECT add_continuous_aggregate_policy('${a.view}',
     start_offset => INTERVAL '${a.startOffset}', end_offset => INTERVAL '${a.endOffset}',
     schedule_interval => INTERVAL '${a.schedule}', if_not_exists => TRUE)`,
  ),

  // Columnstore (compression) of week-old ticks, segmented by market; raw ticks kept 90 days.
  // Settings cannot change once chunks are compressed, so only the first run sets them. The
  // unique index's columns are all in segmentby/orderby, as compressed chunks require.
  `DO $$ BEGIN
     IF NOT (SELECT compression_enabled FROM timescaledb_information.hypertables
             WHERE hypertable_name = 'ticks') THEN
       ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'market',
         timescaledb.compress_orderby = 'executed_at DESC, sequence DESC');
     END IF;
   END $$`,
  `SELECT add_compression_policy('ticks',
     compress_after => INTERVAL '${COMPRESS_AFTER_DAYS} days', if_not_exists => TRUE)`,
  `SELECT add_retention_policy('ticks', drop_after => INTERVAL '90 days', if_not_exists => TRUE)`,
];

export type MarketDataStorage = "TimescaleDB" | "plain PostgreSQL";

/** A pool or a connection: what the read-only helpers below query through. */
export type Queryable = pg.Pool | pg.ClientBase;

/** Whether this server can load TimescaleDB (installed package, not necessarily enabled). */
export async function timescaleAvailable(client: Queryable): Promise<boolean> {
  const found = await client.query(
    "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'",
  );
  return (found.rowCount ?? 0) > 0;
}

/**
 * Which storage path the database at hand uses now. Throws when PostgreSQL cannot be asked
 * (unlike a missing extension, which is the plain path).
 */
export async function marketDataStorage(client: Queryable): Promise<MarketDataStorage> {
  const found = await client.query<{ on: boolean }>(
    `SELECT to_regclass('timescaledb_information.hypertables') IS NOT NULL AS on`,
  );
  if (!found.rows[0]?.on) return "plain PostgreSQL";
  const ticks = await client.query(
    "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'ticks'",
  );
  return (ticks.rowCount ?? 0) > 0 ? "TimescaleDB" : "plain PostgreSQL";
}

/**
 * One line saying which storage path is active, for the start-up log: e.g. `timescaledb 2.28.3
 * (hypertable ticks, continuous aggregates 1m/1h/1d, compression after 7 days)` or `plain
 * PostgreSQL tables (TimescaleDB not available)`. Throws when PostgreSQL cannot be asked.
 */
export async function describeMarketDataStorage(client: Queryable): Promise<string> {
  if ((await marketDataStorage(client)) === "plain PostgreSQL") {
    const why = (await timescaleAvailable(client))
      ? "TimescaleDB installed but not enabled"
      : "TimescaleDB not available";
    return `plain PostgreSQL tables (${why})`;
  }
  const { rows } = await client.query<{ version: string; views: string[]; compress: string }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS version,
       ARRAY(SELECT view_name::text FROM timescaledb_information.continuous_aggregates
             WHERE hypertable_name IN ('ticks', 'ticks_1m', 'ticks_1h')
                OR view_name IN ('ticks_1m', 'ticks_1h', 'ticks_1d')
             ORDER BY view_name) AS views,
       (SELECT config->>'compress_after' FROM timescaledb_information.jobs
         WHERE proc_name = 'policy_compression' AND hypertable_name = 'ticks' LIMIT 1) AS compress`,
  );
  const row = rows[0]!;
  const order = ["ticks_1m", "ticks_1h", "ticks_1d"];
  const views = order.filter((v) => row.views.includes(v)).map((v) => v.slice("ticks_".length));
  const aggregates = views.length
    ? `continuous aggregates ${views.join("/")}`
    : "no continuous aggregates";
  const compression = row.compress ? `compression after ${row.compress}` : "no compression policy";
  return `timescaledb ${row.version} (hypertable ticks, ${aggregates}, ${compression})`;
}

/** Late trades are refreshed by hand when within this much of a policy's start offset. */
export const LATE_MARGIN_MS = DAY;

/**
 * Ranges of one aggregate closer than this many buckets are refreshed in one call. Measured on
 * TimescaleDB 2.28: a call costs ~20 ms, and each bucket of the window ~0.5 ms whether it holds
 * data or not (1 day of ticks_1m: ~1 s), so windows never span wide gaps.
 */
export const MERGE_GAP_BUCKETS = 30;

/** A window to pass to `refresh_continuous_aggregate(view, from, to)`; epoch ms, [from, to). */
export interface RefreshRange {
  view: ContinuousAggregate["view"];
  from: number;
  to: number;
}

/**
 * Which continuous-aggregate windows must be refreshed by hand after trades executed at `times`
 * (epoch ms) were recorded at `now`: a scheduled policy only refreshes [now − startOffset, …), so
 * a bucket that starts before now − startOffset + one bucket + LATE_MARGIN_MS (room for the next
 * run to be late) may never be refreshed again. Per aggregate, the late trades' buckets
 * (aligned to the epoch, as time_bucket aligns 1m/1h/1d) are merged when they touch or lie
 * within MERGE_GAP_BUCKETS of each other. Ordered as the hierarchy must be refreshed: every ticks_1m
 * range, then ticks_1h, then ticks_1d. Pure; empty when no trade is late.
 */
export function lateRefreshRanges(
  times: readonly number[],
  now: number,
  aggregates: readonly ContinuousAggregate[] = CONTINUOUS_AGGREGATES,
): RefreshRange[] {
  const ranges: RefreshRange[] = [];
  for (const a of aggregates) {
    const horizon = now - a.startOffsetMs + a.bucketMs + LATE_MARGIN_MS;
    const buckets = [
      ...new Set(
        times
          .filter((t) => Number.isFinite(t))
          .map((t) => Math.floor(t / a.bucketMs) * a.bucketMs)
          .filter((b) => b < horizon),
      ),
    ].sort((x, y) => x - y);
    const own: RefreshRange[] = [];
    for (const bucket of buckets) {
      const open = own.at(-1);
      if (open && bucket <= open.to + MERGE_GAP_BUCKETS * a.bucketMs) open.to = bucket + a.bucketMs;
      else own.push({ view: a.view, from: bucket, to: bucket + a.bucketMs });
    }
    ranges.push(...own);
  }
  return ranges;
}

/**
 * Refreshes the continuous aggregates over `ranges` (lateRefreshRanges), in order, one
 * `CALL refresh_continuous_aggregate` each. Must run outside any transaction (TimescaleDB
 * refuses it inside one): on a pool, after the trades' transaction committed. Throws the
 * first failure.
 */
export async function refreshContinuousAggregates(
  pool: pg.Pool,
  ranges: readonly RefreshRange[],
): Promise<void> {
  for (const r of ranges) {
    await pool.query(
      "CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)",
      [r.view, new Date(r.from).toISOString(), new Date(r.to).toISOString()],
    );
  }
}

/**
 * Applies the TimescaleDB layer when the extension is available; otherwise leaves the plain
 * PostgreSQL tables as they are. A server that lists the extension but cannot load it (not in
 * shared_preload_libraries) is reported and left on the plain path.
 */
export async function applyTimescaleLayer(
  client: Queryable,
  log: (message: string) => void = () => {},
): Promise<MarketDataStorage> {
  if (!(await timescaleAvailable(client))) return "plain PostgreSQL";
  try {
    await client.query(TIMESCALE_STATEMENTS[0]!);
  } catch (error) {
    log(`timescaledb is available but could not be enabled: ${(error as Error).message}`);
    return "plain PostgreSQL";
  }
  for (const statement of TIMESCALE_STATEMENTS.slice(1)) await client.query(statement);
  return "TimescaleDB";
}
