import {
  bigint,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { CANDLE_INTERVALS } from "../marketdata/intervals.ts";
import { orderSideEnum } from "./schema.ts";

const money = (name: string) => numeric(name, { precision: 38, scale: 18 });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The bar lengths of marketdata/intervals.ts, in its order (a new one is appended by ALTER TYPE). */
export const candleIntervalEnum = pgEnum("candle_interval", CANDLE_INTERVALS);

/**
 * Public tick data: every trade of every market, without user ids or fees (those stay in the
 * financial core's `trades`). Plain PostgreSQL: BRIN on time; TimescaleDB: a hypertable.
 */
export const ticks = pgTable(
  "ticks",
  {
    market: varchar("market", { length: 32 }).notNull(),
    /** The matcher's market sequence: recording the same trade twice is a no-op. */
    sequence: bigint("sequence", { mode: "bigint" }).notNull(),
    price: money("price").notNull(),
    amount: money("amount").notNull(),
    quoteAmount: money("quote_amount").notNull(),
    takerSide: orderSideEnum("taker_side").notNull(),
    executedAt: instant("executed_at").notNull(),
  },
  (t) => [
    // db/timescale.ts swaps this for (market, sequence, executed_at): hypertable keys need time.
    uniqueIndex("ticks_market_sequence_key").on(t.market, t.sequence),
    index("ticks_executed_at_brin").using("brin", t.executedAt),
  ],
);

/**
 * OHLCV bars of every interval, kept current trade by trade and by SQL rollup of 1-minute bars.
 * `open_at/open_seq` and `close_at/close_seq` name the trades that set open and close, so a late
 * trade lands with the right open and close.
 */
export const candles = pgTable(
  "candles",
  {
    market: varchar("market", { length: 32 }).notNull(),
    interval: candleIntervalEnum("interval").notNull(),
    /** Start of the bar, UTC (weeks start on Monday). */
    bucket: instant("bucket").notNull(),
    open: money("open").notNull(),
    high: money("high").notNull(),
    low: money("low").notNull(),
    close: money("close").notNull(),
    volume: money("volume").notNull(),
    quoteVolume: money("quote_volume").notNull(),
    trades: integer("trades").notNull(),
    openAt: instant("open_at").notNull(),
    openSeq: bigint("open_seq", { mode: "bigint" }).notNull(),
    closeAt: instant("close_at").notNull(),
    closeSeq: bigint("close_seq", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.market, t.interval, t.bucket] })],
);

export type TickRow = typeof ticks.$inferSelect;
export type CandleRow = typeof candles.$inferSelect;
