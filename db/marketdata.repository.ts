import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { OrderSide } from "../domain/order-kinds.ts";
import { formatDecimal } from "../money/decimal.ts";
import {
  INTERVAL_SQL,
  ROLLUP_SOURCE,
  originSql,
  type CandleInterval,
} from "../marketdata/intervals.ts";
import { isoInstant } from "../marketdata/format.ts";
import type { Candle, CandleAggregate, TradeTick } from "../marketdata/types.ts";
import { executeNamed, inTransaction, type Executor } from "./client.ts";

const param = <T>(value: T) => sql.param(value);

interface TickDbRow extends Record<string, unknown> {
  market: string;
  sequence: string;
  price: string;
  amount: string;
  quote_amount: string;
  taker_side: OrderSide;
  /** Epoch ms (drizzle hands timestamps of raw queries over as text). */
  executed_ms: string;
}

const EXECUTED_MS = sql.raw(
  "floor(extract(epoch FROM executed_at) * 1000)::int8::text AS executed_ms",
);

const toTick = (row: TickDbRow): TradeTick => ({
  market: row.market,
  sequence: BigInt(row.sequence),
  price: row.price,
  amount: row.amount,
  quoteAmount: row.quote_amount,
  takerSide: row.taker_side,
  executedAt: new Date(Number(row.executed_ms)),
});

/** Inserts the trades not stored yet (by market + sequence) and returns only those. */
export async function insertNewTicks(tx: Executor, unsorted: readonly TradeTick[]) {
  if (unsorted.length === 0) return [];
  // Inserted in key order, so concurrent deliveries of overlapping batches never deadlock on
  // each other's unique-index entries.
  const trades = [...unsorted].sort((a, b) =>
    a.market === b.market
      ? a.sequence < b.sequence
        ? -1
        : a.sequence > b.sequence
          ? 1
          : 0
      : a.market < b.market
        ? -1
        : 1,
  );
  const result = await executeNamed<TickDbRow>(
    tx,
    "marketdata_insert_ticks",
    sql`
    INSERT INTO ticks (market, sequence, price, amount, quote_amount, taker_side, executed_at)
    SELECT * FROM unnest(
      ${param(trades.map((t) => t.market))}::varchar[],
      ${param(trades.map((t) => t.sequence.toString()))}::int8[],
      ${param(trades.map((t) => t.price))}::numeric[],
      ${param(trades.map((t) => t.amount))}::numeric[],
      ${param(trades.map((t) => t.quoteAmount))}::numeric[],
      ${param(trades.map((t) => t.takerSide))}::order_side[],
      ${param(trades.map((t) => t.executedAt.toISOString()))}::timestamptz[])
    ON CONFLICT DO NOTHING
    RETURNING market, sequence, price, amount, quote_amount, taker_side, ${EXECUTED_MS}`,
  );
  return result.rows.map(toTick);
}

interface BarDbRow extends Record<string, unknown> {
  bucket_ms: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quote_volume: string;
  trades: number;
}

interface CandleDbRow extends BarDbRow {
  market: string;
  interval: CandleInterval;
}

/** A bar's columns as text (trim_scale'd decimals, the start in epoch ms), without its series. */
const BAR_COLUMNS = `floor(extract(epoch FROM bucket) * 1000)::int8::text AS bucket_ms,
  trim_scale(open)::text AS open, trim_scale(high)::text AS high, trim_scale(low)::text AS low,
  trim_scale(close)::text AS close, trim_scale(volume)::text AS volume,
  trim_scale(quote_volume)::text AS quote_volume, trades`;
const CANDLE_COLUMNS = sql.raw(`market, interval, ${BAR_COLUMNS}`);

export const toCandle = (row: BarDbRow): Candle => ({
  timestamp: isoInstant(Number(row.bucket_ms)),
  open: row.open,
  high: row.high,
  low: row.low,
  close: row.close,
  volume: row.volume,
  quoteAssetVolume: row.quote_volume,
  numberOfTrades: row.trades,
});

export interface StoredCandle extends Candle {
  market: string;
  interval: CandleInterval;
}

/**
 * Adds bars into the stored ones (same rule as marketdata/fold.ts mergeCandles) in one
 * statement and returns the resulting bars. Rows are sorted so concurrent batches lock the
 * same rows in the same order.
 */
export async function mergeCandlesInto(
  tx: Executor,
  bars: readonly CandleAggregate[],
): Promise<StoredCandle[]> {
  if (bars.length === 0) return [];
  const sorted = [...bars].sort((a, b) =>
    a.market !== b.market
      ? a.market < b.market
        ? -1
        : 1
      : a.interval !== b.interval
        ? a.interval < b.interval
          ? -1
          : 1
        : a.bucket - b.bucket,
  );
  const col = <T>(pick: (bar: CandleAggregate) => T) => param(sorted.map(pick));
  const iso = (ms: number) => new Date(ms).toISOString();
  const result = await executeNamed<CandleDbRow>(
    tx,
    "marketdata_merge_candles",
    sql`
    INSERT INTO candles AS c (market, interval, bucket, open, high, low, close, volume,
      quote_volume, trades, open_at, open_seq, close_at, close_seq)
    SELECT * FROM unnest(
      ${col((b) => b.market)}::varchar[],
      ${col((b) => b.interval)}::candle_interval[],
      ${col((b) => iso(b.bucket))}::timestamptz[],
      ${col((b) => formatDecimal(b.open))}::numeric[],
      ${col((b) => formatDecimal(b.high))}::numeric[],
      ${col((b) => formatDecimal(b.low))}::numeric[],
      ${col((b) => formatDecimal(b.close))}::numeric[],
      ${col((b) => formatDecimal(b.volume))}::numeric[],
      ${col((b) => formatDecimal(b.quoteVolume))}::numeric[],
      ${col((b) => b.trades)}::int4[],
      ${col((b) => iso(b.openAt))}::timestamptz[],
      ${col((b) => b.openSeq.toString())}::int8[],
      ${col((b) => iso(b.closeAt))}::timestamptz[],
      ${col((b) => b.closeSeq.toString())}::int8[])
    ON CONFLICT (market, interval, bucket) DO UPDATE SET
      open = CASE WHEN (excluded.open_at, excluded.open_seq) < (c.open_at, c.open_seq)
        THEN excluded.open ELSE c.open END,
      open_at = CASE WHEN (excluded.open_at, excluded.open_seq) < (c.open_at, c.open_seq)
        THEN excluded.open_at ELSE c.open_at END,
      open_seq = CASE WHEN (excluded.open_at, excluded.open_seq) < (c.open_at, c.open_seq)
        THEN excluded.open_seq ELSE c.open_seq END,
      close = CASE WHEN (excluded.close_at, excluded.close_seq) > (c.close_at, c.close_seq)
        THEN excluded.close ELSE c.close END,
      close_at = CASE WHEN (excluded.close_at, excluded.close_seq) > (c.close_at, c.close_seq)
        THEN excluded.close_at ELSE c.close_at END,
      close_seq = CASE WHEN (excluded.close_at, excluded.close_seq) > (c.close_at, c.close_seq)
        THEN excluded.close_seq ELSE c.close_seq END,
      high = greatest(c.high, excluded.high),
      low = least(c.low, excluded.low),
      volume = c.volume + excluded.volume,
      quote_volume = c.quote_volume + excluded.quote_volume,
      trades = c.trades + excluded.trades
    RETURNING ${CANDLE_COLUMNS}`,
  );
  return result.rows.map((row) => ({
    ...toCandle(row),
    market: row.market,
    interval: row.interval,
  }));
}

/** The latest `limit` bars with from ≤ start < to, oldest first. */
export async function latestCandles(
  db: Executor,
  query: {
    market: string;
    interval: CandleInterval;
    from?: Date | null;
    to?: Date | null;
    limit: number;
  },
): Promise<Candle[]> {
  // The series is the query's: 2 of 10 columns fewer to send and parse per bar.
  const result = await db.execute<BarDbRow>(sql`
    SELECT ${sql.raw(BAR_COLUMNS)} FROM candles
    WHERE market = ${query.market} AND interval = ${query.interval}::candle_interval
      ${query.from ? sql`AND bucket >= ${query.from.toISOString()}::timestamptz` : sql``}
      ${query.to ? sql`AND bucket < ${query.to.toISOString()}::timestamptz` : sql``}
    ORDER BY bucket DESC LIMIT ${query.limit}`);
  return result.rows.map(toCandle).reverse();
}

export interface TickerRow {
  open: string | null;
  high: string | null;
  low: string | null;
  last: string | null;
  volume: string;
  quoteVolume: string;
  numberOfTrades: number;
}

/**
 * Open, high, low and volume of the 1-minute bars starting at or after `since`; last = the
 * latest close ever (a quiet market keeps its last price).
 */
export async function tickerSince(db: Executor, market: string, since: Date): Promise<TickerRow> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT
      trim_scale((array_agg(open ORDER BY bucket))[1])::text AS open,
      trim_scale(max(high))::text AS high,
      trim_scale(min(low))::text AS low,
      coalesce(trim_scale(sum(volume)), 0)::text AS volume,
      coalesce(trim_scale(sum(quote_volume)), 0)::text AS quote_volume,
      coalesce(sum(trades), 0)::int AS trades,
      (SELECT trim_scale(close)::text FROM candles
        WHERE market = ${market} AND interval = 'M1' ORDER BY bucket DESC LIMIT 1) AS last
    FROM candles
    WHERE market = ${market} AND interval = 'M1' AND bucket >= ${since.toISOString()}::timestamptz`);
  const row = result.rows[0]!;
  return {
    open: row.open as string | null,
    high: row.high as string | null,
    low: row.low as string | null,
    last: row.last as string | null,
    volume: row.volume as string,
    quoteVolume: row.quote_volume as string,
    numberOfTrades: row.trades as number,
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How far a tick's executed_at may fall behind that of a tick earlier on the same market's tape
 * (lower sequence). executedAt is the JetStream time of the command that made the trade, stamped
 * in stream order, and the sequence follows that order, so time only runs back when a clock is
 * stepped back. Every time bound on `ticks` below keeps this much slack; a tape whose clock ran
 * back further than this could have a trade left out of a page.
 */
export const TAPE_CLOCK_SKEW_MS = HOUR_MS;

/**
 * The widths (ms) of the time windows a bounded tape read tries in turn: 2 hours, ×8 each time
 * (16 h, 5⅓ d, 42⅔ d, 341⅓ d), then `null` — no time bound, the last resort, so nothing is ever
 * lost. On TimescaleDB this keeps planning and scanning (decompressing) to the chunks of the
 * window; unbounded, it plans every chunk and reads every compressed one.
 */
export function* tapeWindows(): Generator<number | null> {
  for (let width = 2 * HOUR_MS; width < 365 * DAY_MS; width *= 8) yield width;
  yield null;
}

/**
 * Whether the newest-first page `times` (executed_at ms of the rows found with executed_at ≥
 * `lower`, asked for `limit` rows) is the page an unbounded read would give: it is full, and its
 * oldest row lies TAPE_CLOCK_SKEW_MS inside the window, so any row with a higher sequence than
 * it, by the skew rule, lies inside the window too.
 */
export const newestFirstComplete = (times: readonly number[], limit: number, lower: number) =>
  times.length === limit && times.at(-1)! >= lower + TAPE_CLOCK_SKEW_MS;

/**
 * Whether the oldest-first page `times` (rows found with executed_at ≤ `upper`, asked for
 * `limit`) is the page an unbounded read would give: full, and its last row lies
 * TAPE_CLOCK_SKEW_MS inside the window, so any row with a lower sequence lies inside too.
 */
export const oldestFirstComplete = (times: readonly number[], limit: number, upper: number) =>
  times.length === limit && times.at(-1)! + TAPE_CLOCK_SKEW_MS <= upper;

const TICK_COLUMNS = sql`market, sequence, trim_scale(price)::text AS price,
  trim_scale(amount)::text AS amount, trim_scale(quote_amount)::text AS quote_amount, taker_side,
  ${EXECUTED_MS}`;

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** One read of a market's tape: sequence in (after, before), executed_at in [lower, upper]. */
async function readTape(
  db: Executor,
  q: {
    market: string;
    after: bigint | null;
    before: bigint | null;
    lower: number | null;
    upper: number | null;
    newestFirst: boolean;
    limit: number;
  },
): Promise<TradeTick[]> {
  const result = await db.execute<TickDbRow>(sql`
    SELECT ${TICK_COLUMNS} FROM ticks WHERE market = ${q.market}
      ${q.after === null ? sql`` : sql`AND sequence > ${q.after.toString()}::int8`}
      ${q.before === null ? sql`` : sql`AND sequence < ${q.before.toString()}::int8`}
      ${q.lower === null ? sql`` : sql`AND executed_at >= ${at(q.lower)}`}
      ${q.upper === null ? sql`` : sql`AND executed_at <= ${at(q.upper)}`}
    ORDER BY sequence ${q.newestFirst ? sql`DESC` : sql`ASC`} LIMIT ${q.limit}`);
  return result.rows.map(toTick);
}

/** How a tape read runs. */
export interface TapeReadOptions {
  /**
   * Bound the read by time (tapeWindows). Default: when `ticks` is a TimescaleDB hypertable. On
   * plain PostgreSQL the unbounded read is one backward scan of the (market, sequence) index
   * (~0.2 ms), and a time bound there only tempts the planner into the BRIN index and a sort.
   */
  bounded?: boolean;
  /** The reader's clock, epoch ms (default now). */
  now?: number;
}

const hypertableByDb = new WeakMap<object, Promise<boolean>>();

/**
 * Whether `ticks` is a TimescaleDB hypertable in `db`'s database; asked once per executor (an
 * answer that failed is asked again). Throws when PostgreSQL is unreachable.
 */
export function ticksAreHypertable(db: Executor): Promise<boolean> {
  let known = hypertableByDb.get(db);
  if (!known) {
    known = (async () => {
      const ext = await db.execute<{ on: boolean }>(
        sql`SELECT to_regclass('timescaledb_information.hypertables') IS NOT NULL AS on`,
      );
      if (!ext.rows[0]?.on) return false;
      const found = await db.execute(sql`SELECT 1 FROM timescaledb_information.hypertables
        WHERE hypertable_name = 'ticks' AND hypertable_schema = current_schema()`);
      return found.rows.length > 0;
    })();
    hypertableByDb.set(db, known);
    known.catch(() => hypertableByDb.delete(db));
  }
  return known;
}

async function readOptions(db: Executor, options: TapeReadOptions) {
  return {
    bounded: options.bounded ?? (await ticksAreHypertable(db)),
    now: options.now ?? Date.now(),
  };
}

/**
 * The executed_at (epoch ms) of the market's tick with this tape sequence, or null if there is
 * none. Bounded: looked for in windows ending now (tapeWindows), unbounded last.
 */
export async function tickTime(
  db: Executor,
  market: string,
  sequence: bigint,
  options: TapeReadOptions = {},
): Promise<number | null> {
  const { bounded, now } = await readOptions(db, options);
  for (const width of bounded ? tapeWindows() : [null]) {
    const result = await db.execute<{ executed_ms: string }>(sql`
      SELECT ${EXECUTED_MS} FROM ticks
      WHERE market = ${market} AND sequence = ${sequence.toString()}::int8
        ${width === null ? sql`` : sql`AND executed_at >= ${at(now - width)}`}`);
    if (result.rows[0]) return Number(result.rows[0].executed_ms);
  }
  return null;
}

/**
 * The public tape, newest first, at most `limit`; with `before`, only sequences below it (paging
 * back). Bounded (TapeReadOptions): windows of tapeWindows() ending now — or, with `before`,
 * at that tick's time + TAPE_CLOCK_SKEW_MS — widened until the page is complete
 * (newestFirstComplete), unbounded last; the rows are those of the unbounded read.
 */
export async function latestTicks(
  db: Executor,
  market: string,
  limit: number,
  before: bigint | null = null,
  options: TapeReadOptions = {},
): Promise<TradeTick[]> {
  const { bounded, now } = await readOptions(db, options);
  const read = (lower: number | null, upper: number | null) =>
    readTape(db, { market, after: null, before, lower, upper, newestFirst: true, limit });
  if (!bounded) return read(null, null);
  const anchor = before === null ? null : await tickTime(db, market, before, { bounded, now });
  const upper = anchor === null ? null : anchor + TAPE_CLOCK_SKEW_MS;
  for (const width of tapeWindows()) {
    const lower = width === null ? null : (anchor ?? now) - width;
    const rows = await read(lower, upper);
    if (lower === null) return rows;
    const times = rows.map((t) => t.executedAt.getTime());
    if (newestFirstComplete(times, limit, lower)) return rows;
  }
  throw new Error("unreachable: tapeWindows ends unbounded");
}

/**
 * Ticks of a market with tape sequence in (after, before) — `before` null for no upper bound —
 * oldest first, at most `limit`. Bounded (TapeReadOptions): from the `after` tick's time −
 * TAPE_CLOCK_SKEW_MS to windows of tapeWindows() past it, widened until the page is complete
 * (oldestFirstComplete) or the window reaches now (then open-ended); unbounded when no tick has
 * sequence `after`. The rows are those of the unbounded read.
 */
export async function ticksAfter(
  db: Executor,
  market: string,
  after: bigint,
  before: bigint | null,
  limit: number,
  options: TapeReadOptions = {},
): Promise<TradeTick[]> {
  const { bounded, now } = await readOptions(db, options);
  const read = (lower: number | null, upper: number | null) =>
    readTape(db, { market, after, before, lower, upper, newestFirst: false, limit });
  const anchor = bounded ? await tickTime(db, market, after, { bounded, now }) : null;
  if (anchor === null) return read(null, null);
  const lower = anchor - TAPE_CLOCK_SKEW_MS;
  for (const width of tapeWindows()) {
    // Nothing is known to lie past now + skew: a window reaching there is left open-ended.
    const upper =
      width === null || anchor + width >= now + TAPE_CLOCK_SKEW_MS ? null : anchor + width;
    const rows = await read(lower, upper);
    if (upper === null) return rows;
    const times = rows.map((t) => t.executedAt.getTime());
    if (oldestFirstComplete(times, limit, upper)) return rows;
  }
  throw new Error("unreachable: tapeWindows ends unbounded");
}

/** The consumer that records ticks, in consumer_offsets. */
const TAPE_CONSUMER = "marketdata";

/**
 * Moves the tape's offsets on: market → the last command sequence of a batch recorded, when the
 * batch follows on from what is recorded (fromSeq ≤ offset + 1), or the first seen for a market.
 * So "offset ≥ n" means every trade of commands up to n is in `ticks`.
 *
 * Returns the runs that could not move the offset because an earlier batch is not recorded yet
 * (a delivery that failed comes back after later ones): the caller hands them back, to be
 * applied again once the gap is filled; dropping them would hold the offset below them forever.
 */
export async function advanceTapeOffsets(
  db: Executor,
  batches: readonly CommandRange[],
): Promise<CommandRange[]> {
  const waiting: CommandRange[] = [];
  // One statement per unbroken run of a market's batches (a delivery is usually one per market),
  // not one per batch: the same result as applying them one by one, in order. The outer SELECT
  // sees the offset as it was before the upsert.
  for (const b of contiguousRuns(batches)) {
    const result = await executeNamed<{ moved: number; before: string | null }>(
      db,
      "marketdata_advance_tape_offset",
      sql`
      WITH up AS (
        INSERT INTO consumer_offsets (consumer, market, last_sequence)
        VALUES (${TAPE_CONSUMER}, ${b.market}, ${b.toSeq})
        ON CONFLICT (consumer, market) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
          updated_at = now()
        WHERE consumer_offsets.last_sequence >= ${b.fromSeq - 1}
          AND consumer_offsets.last_sequence < EXCLUDED.last_sequence
        RETURNING 1)
      SELECT (SELECT count(*) FROM up)::int AS moved,
             (SELECT last_sequence::text FROM consumer_offsets
               WHERE consumer = ${TAPE_CONSUMER} AND market = ${b.market}) AS before`,
    );
    const row = result.rows[0]!;
    if (row.moved === 0 && row.before !== null && Number(row.before) < b.fromSeq - 1) {
      waiting.push(b);
    }
  }
  return waiting;
}

/** A market's command sequences fromSeq..toSeq (one matcher batch, or several that follow on). */
export interface CommandRange {
  market: string;
  fromSeq: number;
  toSeq: number;
}

/** Ranges merged per market where they overlap or follow on, each market's in sequence order. */
export function contiguousRuns(ranges: readonly CommandRange[]): CommandRange[] {
  const sorted = [...ranges].sort((a, b) =>
    a.market === b.market ? a.fromSeq - b.fromSeq : a.market < b.market ? -1 : 1,
  );
  const runs: CommandRange[] = [];
  for (const range of sorted) {
    const last = runs.at(-1);
    if (last && last.market === range.market && range.fromSeq <= last.toSeq + 1) {
      last.toSeq = Math.max(last.toSeq, range.toSeq);
    } else runs.push({ ...range });
  }
  return runs;
}

/** The last command sequence of the market whose trades are all in `ticks` (0 if none). */
export async function tapeOffset(db: Executor, market: string): Promise<number> {
  const result = await db.execute<{ last_sequence: string }>(sql`
    SELECT last_sequence::text FROM consumer_offsets
    WHERE consumer = ${TAPE_CONSUMER} AND market = ${market}`);
  return Number(result.rows[0]?.last_sequence ?? 0);
}

/**
 * Removes the synthetic 1-minute bars of a market in [from, to) (before a history import replaces
 * them) and answers the starts (epoch ms) of the bars it kept: those made by real trades (a
 * trade's sequence, or ticks in the minute), which an import must never overwrite.
 */
export async function deleteSyntheticMinuteCandles(
  tx: Executor,
  market: string,
  from: Date,
  to: Date,
): Promise<Set<number>> {
  const range = sql`c.market = ${market} AND c.interval = 'M1'
      AND c.bucket >= ${from.toISOString()}::timestamptz AND c.bucket < ${to.toISOString()}::timestamptz`;
  await tx.execute(sql`
    DELETE FROM candles c WHERE ${range} AND c.open_seq = 0
      AND NOT EXISTS (SELECT 1 FROM ticks t WHERE t.market = c.market
        AND t.executed_at >= c.bucket AND t.executed_at < c.bucket + interval '1 minute'
        -- The same range as constants: TimescaleDB plans only the chunks it spans.
        AND t.executed_at >= ${from.toISOString()}::timestamptz
        AND t.executed_at < ${to.toISOString()}::timestamptz + interval '1 minute')`);
  const kept = await tx.execute<{ bucket_ms: string }>(sql`
    SELECT (extract(epoch FROM c.bucket) * 1000)::bigint::text AS bucket_ms FROM candles c WHERE ${range}`);
  return new Set(kept.rows.map((row) => Number(row.bucket_ms)));
}

const copyLine = (b: CandleAggregate) =>
  `${b.market}\t${b.interval}\t${new Date(b.bucket).toISOString()}\t${formatDecimal(b.open)}\t${formatDecimal(b.high)}\t${formatDecimal(b.low)}\t${formatDecimal(b.close)}\t${formatDecimal(b.volume)}\t${formatDecimal(b.quoteVolume)}\t${b.trades}\t${new Date(b.openAt).toISOString()}\t${b.openSeq}\t${new Date(b.closeAt).toISOString()}\t${b.closeSeq}\n`;

/** Bulk-loads bars with COPY FROM STDIN on `client` (inside the caller's transaction). */
export async function copyCandles(
  client: pg.PoolClient | pg.Client,
  bars: Iterable<CandleAggregate>,
  onProgress?: (rows: number) => void,
): Promise<number> {
  let rows = 0;
  const chunks = function* () {
    let buffer: string[] = [];
    for (const bar of bars) {
      buffer.push(copyLine(bar));
      rows++;
      if (buffer.length === 5_000) {
        yield buffer.join("");
        buffer = [];
        onProgress?.(rows);
      }
    }
    if (buffer.length) yield buffer.join("");
    onProgress?.(rows);
  };
  const target = client.query(
    copyFrom(`COPY candles (market, interval, bucket, open, high, low, close, volume, quote_volume,
      trades, open_at, open_seq, close_at, close_seq) FROM STDIN`),
  );
  await pipeline(Readable.from(chunks()), target);
  return rows;
}

/**
 * Recomputes the bars of `target` whose buckets overlap [from, to) from its rollup source
 * (intervals.ts ROLLUP_SOURCE), replacing what was there.
 */
export async function rollupCandles(
  db: Executor,
  query: { market: string; target: Exclude<CandleInterval, "M1">; from: Date; to: Date },
): Promise<number> {
  const source = ROLLUP_SOURCE[query.target];
  const width = sql.raw(`'${INTERVAL_SQL[query.target]}'::interval`);
  const origin = sql.raw(`'${originSql(query.target)}'::timestamptz`);
  const result = await db.execute(sql`
    INSERT INTO candles AS c (market, interval, bucket, open, high, low, close, volume,
      quote_volume, trades, open_at, open_seq, close_at, close_seq)
    SELECT market, ${query.target}::candle_interval, date_bin(${width}, bucket, ${origin}) AS b,
      (array_agg(open ORDER BY open_at, open_seq))[1], max(high), min(low),
      (array_agg(close ORDER BY close_at DESC, close_seq DESC))[1],
      sum(volume), sum(quote_volume), sum(trades),
      min(open_at), (array_agg(open_seq ORDER BY open_at, open_seq))[1],
      max(close_at), (array_agg(close_seq ORDER BY close_at DESC, close_seq DESC))[1]
    FROM candles
    WHERE market = ${query.market} AND interval = ${source}::candle_interval
      AND bucket >= date_bin(${width}, ${query.from.toISOString()}::timestamptz, ${origin})
      AND bucket < date_bin(${width}, ${query.to.toISOString()}::timestamptz - interval '1 microsecond', ${origin}) + ${width}
    GROUP BY market, b
    ON CONFLICT (market, interval, bucket) DO UPDATE SET
      open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
      volume = excluded.volume, quote_volume = excluded.quote_volume, trades = excluded.trades,
      open_at = excluded.open_at, open_seq = excluded.open_seq,
      close_at = excluded.close_at, close_seq = excluded.close_seq`);
  return result.rowCount ?? 0;
}

function* withoutBuckets(bars: Iterable<CandleAggregate>, skip: ReadonlySet<number>) {
  for (const bar of bars) if (!skip.has(bar.bucket)) yield bar;
}

const ROLLUP_ORDER = ["M5", "M15", "M30", "H1", "H4", "D1", "W1"] as const;

/**
 * One transaction: delete the market's synthetic 1-minute bars in [from, to), COPY the new ones
 * except for the minutes whose bars real trades made (kept as they are), roll up every other
 * interval over the same range (from all 1-minute bars, real ones included).
 */
export async function importMinuteCandles(
  pool: pg.Pool,
  load: {
    market: string;
    from: Date;
    to: Date;
    bars: Iterable<CandleAggregate>;
    onCopied?: (rows: number) => void;
    onRolledUp?: (done: number, total: number) => void;
  },
): Promise<{ rows: number; copySeconds: number; rollupSeconds: number }> {
  const { rows, copySeconds, copied } = await inTransaction(pool, async (client) => {
    const db = drizzle(client);
    const started = performance.now();
    const real = await deleteSyntheticMinuteCandles(db, load.market, load.from, load.to);
    const rows = await copyCandles(client, withoutBuckets(load.bars, real), load.onCopied);
    const copied = performance.now();
    for (const [index, target] of ROLLUP_ORDER.entries()) {
      await rollupCandles(db, { market: load.market, target, from: load.from, to: load.to });
      load.onRolledUp?.(index + 1, ROLLUP_ORDER.length);
    }
    return { rows, copySeconds: (copied - started) / 1_000, copied };
  });
  // Fresh statistics: with stale ones the planner scans a whole market's bars for LIMIT 1000.
  await pool.query("ANALYZE candles");
  return {
    rows,
    copySeconds,
    rollupSeconds: (performance.now() - copied) / 1_000,
  };
}
