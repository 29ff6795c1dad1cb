import type pg from "pg";

/**
 * The TimescaleDB layer of market data, applied after drizzle's migrations when the
 * `timescaledb` extension is available (docs/MARKETDATA.md). Each statement runs on its own,
 * outside any transaction: continuous aggregates cannot be created inside one. Every step is
 * idempotent, so it runs on every migrate.
 *
 * UNTESTED on the project's machines (they have no TimescaleDB package); written from
 * TimescaleDB 2.x documentation. Without the extension nothing here runs and the plain
 * PostgreSQL path (BRIN on ticks, `candles` rollup table) serves every query.
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
  // empties an aggregate.
  `SELECT add_continuous_aggregate_policy('ticks_1m', start_offset => INTERVAL '3 days',
     end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute',
     if_not_exists => TRUE)`,
  `SELECT add_continuous_aggregate_policy('ticks_1h', start_offset => INTERVAL '7 days',
     end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '10 minutes',
     if_not_exists => TRUE)`,
  `SELECT add_continuous_aggregate_policy('ticks_1d', start_offset => INTERVAL '30 days',
     end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour',
     if_not_exists => TRUE)`,

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
  `SELECT add_compression_policy('ticks', compress_after => INTERVAL '7 days',
     if_not_exists => TRUE)`,
  `SELECT add_retention_policy('ticks', drop_after => INTERVAL '90 days', if_not_exists => TRUE)`,
];

export type MarketDataStorage = "TimescaleDB" | "plain PostgreSQL";

/** Whether this server can load TimescaleDB (installed package, not necessarily enabled). */
export async function timescaleAvailable(client: pg.PoolClient | pg.Client): Promise<boolean> {
  const found = await client.query(
    "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'",
  );
  return (found.rowCount ?? 0) > 0;
}

/** Which storage path the database at hand uses now. */
export async function marketDataStorage(
  client: pg.PoolClient | pg.Client,
): Promise<MarketDataStorage> {
  const found = await client
    .query("SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'ticks'")
    .catch(() => ({ rowCount: 0 }));
  return (found.rowCount ?? 0) > 0 ? "TimescaleDB" : "plain PostgreSQL";
}

/**
 * Applies the TimescaleDB layer when the extension is available; otherwise leaves the plain
 * PostgreSQL tables as they are. A server that lists the extension but cannot load it (not in
 * shared_preload_libraries) is reported and left on the plain path.
 */
export async function applyTimescaleLayer(
  client: pg.PoolClient | pg.Client,
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
