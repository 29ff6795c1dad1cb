import {
  CACHED_BARS,
  cacheCandles,
  cacheTicker,
  cacheTrades,
  dropCachedBars,
  markMarketKnown,
  readCachedCandles,
  readCachedTicker,
  readCachedTrades,
} from "../db/marketdata-cache.repository.ts";
import {
  latestCandles,
  latestTicks,
  tickerSince,
  ticksAfter,
} from "../db/marketdata.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, isUnavailable, serviceUnavailable } from "../kernel/errors.ts";
import { seriesMetadata, type SeriesMetadata } from "../marketdata/format.ts";
import { bucketStart, type CandleInterval } from "../marketdata/intervals.ts";
import { isTapeSequence, publicTrade, TAPE_SEQUENCE_RULE } from "../marketdata/tape.ts";
import type { Candle, PublicTrade, Ticker } from "../marketdata/types.ts";
import { ONE, formatDecimal, parseDecimal, roundDown } from "../money/decimal.ts";
import type { MarketSpec } from "./market-spec.ts";
import { marketsOf } from "./markets.provider.ts";

// The API's market-data reads: candles, ticker, tape. Answered from PostgreSQL, each read
// refreshing the Redis copy (db/marketdata-cache.repository.ts) that is served, marked stale,
// while PostgreSQL is down.

export const DEFAULT_CANDLES = 500;
export const MAX_CANDLES = 1_000;
export const DEFAULT_TRADES = 100;
export const MAX_TRADES = 1_000;
const READ_REFRESH_MS = 10_000;
const MARK_KNOWN_MS = 60_000;
const MINUTE = 60_000;

let fallbackReads = 0;

/**
 * How many reads this process has answered from the Redis fallback (PostgreSQL unreachable) since
 * it started: the API's read cache (api/read-cache.ts) keeps no answer computed while it moved.
 */
export function marketDataFallbacks(): number {
  return fallbackReads;
}

export interface CandleSeries {
  metadata: SeriesMetadata;
  data: Candle[];
  stale: boolean;
}

export async function getCandles(
  deps: Dependencies,
  args: {
    market: string;
    interval: CandleInterval;
    from?: Date | null;
    to?: Date | null;
    limit?: number | null;
  },
): Promise<CandleSeries> {
  const limit = args.limit ?? DEFAULT_CANDLES;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDLES) {
    throw badInput(`limit must be between 1 and ${MAX_CANDLES}`, "limit");
  }
  if (args.from && args.to && args.from.getTime() > args.to.getTime()) {
    throw badInput("from must not be after to", "from");
  }
  const metadata = seriesMetadata(args.market, args.interval);
  const { redis, config } = deps;
  try {
    await requireMarket(deps, args.market);
    const data = await latestCandles(deps.db, { ...args, limit });
    refreshInBackground(deps, `candles:${args.market}:${args.interval}`, async () => {
      const latest = await latestCandles(deps.db, {
        market: args.market,
        interval: args.interval,
        limit: CACHED_BARS,
      });
      await cacheCandles(redis, config.namespace, args.market, args.interval, latest);
    });
    return { metadata, data, stale: false };
  } catch (error) {
    if (!storeDown(error)) throw error;
    const data = await readCachedCandles(redis, config.namespace, { ...args, limit });
    if (data === null) throw serviceUnavailable("Market data");
    fallbackReads += 1;
    return { metadata, data, stale: true };
  }
}

export async function getTicker(deps: Dependencies, market: string): Promise<Ticker> {
  try {
    await requireMarket(deps, market);
    const ticker = await computeTicker(deps, market, new Date());
    void cacheTicker(deps.redis, deps.config.namespace, ticker).catch(() => undefined);
    return ticker;
  } catch (error) {
    if (!storeDown(error)) throw error;
    const cached = await readCachedTicker(deps.redis, deps.config.namespace, market);
    if (cached === null) throw serviceUnavailable("Market data");
    fallbackReads += 1;
    return { ...cached, stale: true };
  }
}

/**
 * The public tape, newest first; served from the Redis copy while PostgreSQL is down. With
 * `after` (a tape sequence), the trades after it, oldest first (no cache: PostgreSQL only).
 */
export async function getTrades(
  deps: Dependencies,
  args: { market: string; limit?: number | null; after?: string | null; before?: string | null },
): Promise<PublicTrade[]> {
  const limit = args.limit ?? DEFAULT_TRADES;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRADES) {
    throw badInput(`limit must be between 1 and ${MAX_TRADES}`, "limit");
  }
  if (args.before != null) {
    if (args.after != null) throw badInput("pass after or before, not both", "before");
    if (!isTapeSequence(args.before)) throw badInput(TAPE_SEQUENCE_RULE, "before");
    await requireMarket(deps, args.market);
    const ticks = await latestTicks(deps.db, args.market, limit, BigInt(args.before));
    return ticks.map(publicTrade);
  }
  if (args.after != null) {
    if (!isTapeSequence(args.after)) {
      throw badInput(TAPE_SEQUENCE_RULE, "after");
    }
    await requireMarket(deps, args.market);
    const ticks = await ticksAfter(deps.db, args.market, BigInt(args.after), null, limit);
    return ticks.map(publicTrade);
  }
  const { redis, config } = deps;
  try {
    await requireMarket(deps, args.market);
    const trades = (await latestTicks(deps.db, args.market, limit)).map(publicTrade);
    refreshInBackground(deps, `trades:${args.market}`, () =>
      cacheTrades(redis, config.namespace, args.market, trades),
    );
    return trades;
  } catch (error) {
    if (!storeDown(error)) throw error;
    const cached = await readCachedTrades(redis, config.namespace, args.market, limit);
    if (cached === null) throw serviceUnavailable("Market data");
    fallbackReads += 1;
    return cached;
  }
}

/** The ticker over the 1,440 one-minute bars ending with the one holding `now`. */
export async function computeTicker(
  deps: Dependencies,
  market: string,
  now: Date,
): Promise<Ticker> {
  const openTime = new Date(bucketStart(now.getTime(), "M1") - 1_439 * MINUTE);
  const row = await tickerSince(deps.db, market, openTime);
  const last = row.last;
  const open = row.open ?? last;
  let change: string | null = null;
  let changePercent: string | null = null;
  if (open !== null && last !== null) {
    const openUnits = parseDecimal(open);
    const delta = parseDecimal(last) - openUnits;
    change = formatDecimal(delta);
    changePercent = formatDecimal(roundDown((delta * 100n * ONE) / openUnits, 4));
  }
  return {
    market,
    open,
    high: row.high ?? last,
    low: row.low ?? last,
    last,
    volume: row.volume,
    quoteVolume: row.quoteVolume,
    change,
    changePercent,
    numberOfTrades: row.numberOfTrades,
    openTime: openTime.toISOString(),
    closeTime: now.toISOString(),
    stale: false,
  };
}

const markedKnown = new Map<string, number>();

/**
 * The market (services/markets.provider.ts); MARKET_NOT_FOUND if there is none. Also notes in
 * the cache, about once a minute per process, that it exists, so that while PostgreSQL is down
 * its empty cache is served as empty rather than refused.
 */
export async function requireMarket(deps: Dependencies, symbol: string): Promise<MarketSpec> {
  const spec = await marketsOf(deps).require(symbol);
  const k = `${deps.config.namespace}|${symbol}`;
  if ((markedKnown.get(k) ?? 0) <= Date.now() - MARK_KNOWN_MS) {
    markedKnown.set(k, Date.now());
    void markMarketKnown(deps.redis, deps.config.namespace, symbol).catch(() => undefined);
  }
  return spec;
}

function storeDown(error: unknown): boolean {
  return isUnavailable(error) || isUnavailable((error as { cause?: unknown } | null)?.cause);
}

const lastRefresh = new Map<string, number>();

/** Refreshes a cache entry from PostgreSQL after a read, at most every few seconds per process. */
function refreshInBackground(deps: Dependencies, what: string, refresh: () => Promise<void>) {
  const k = `${deps.config.namespace}|${what}`;
  const now = Date.now();
  if ((lastRefresh.get(k) ?? 0) > now - READ_REFRESH_MS) return;
  lastRefresh.set(k, now);
  void refresh().catch((error: unknown) => {
    lastRefresh.delete(k);
    deps.log.warn("market-data cache refresh failed", { error: (error as Error).message });
  });
}

/** Drops every cached value of a market (after its history was replaced). */
export async function forgetCachedMarket(deps: Dependencies, market: string): Promise<void> {
  await dropCachedBars(deps.redis, deps.config.namespace, market);
  for (const k of lastRefresh.keys()) {
    if (k.startsWith(`${deps.config.namespace}|`) && k.includes(`:${market}`))
      lastRefresh.delete(k);
  }
}
