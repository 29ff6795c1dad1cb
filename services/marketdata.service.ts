import type { Dependencies } from "../api/dependencies.ts";
import { publishLive } from "../bus/live.ts";
import { busNames } from "../bus/subjects.ts";
import { liveIterator } from "../subscriptions/live.ts";
import { badInput, isUnavailable, marketNotFound, serviceUnavailable } from "../api/errors.ts";
import {
  importMinuteCandles,
  insertNewTicks,
  latestCandles,
  latestTicks,
  mergeCandlesInto,
  tickerSince,
  type StoredCandle,
} from "../db/marketdata.repository.ts";
import { findMarket } from "../db/markets.repository.ts";
import type { MarketRow } from "../db/schema.ts";
import { foldTrades, uniqueTrades } from "../marketdata/fold.ts";
import { seriesMetadata, type SeriesMetadata } from "../marketdata/format.ts";
import { generateMinuteCandles } from "../marketdata/generator.ts";
import { CANDLE_INTERVALS, bucketStart, type CandleInterval } from "../marketdata/intervals.ts";
import type { Candle, PublicTrade, TradeTick } from "../marketdata/types.ts";
import { DecimalError, ONE, formatDecimal, parseDecimal, roundDown } from "../money/decimal.ts";

export type { Candle, TradeTick } from "../marketdata/types.ts";

/** Bars, tape entries kept in Redis per market (and interval): what is served while PG is down. */
export const CACHED_BARS = 1_000;
export const CACHED_TRADES = 1_000;
export const DEFAULT_CANDLES = 500;
export const MAX_CANDLES = 1_000;
export const DEFAULT_TRADES = 100;
export const MAX_TRADES = 1_000;
const READ_REFRESH_MS = 10_000;
const MINUTE = 60_000;

export interface CandleSeries {
  metadata: SeriesMetadata;
  data: Candle[];
  stale: boolean;
}

export interface Ticker {
  market: string;
  open: string | null;
  high: string | null;
  low: string | null;
  last: string | null;
  volume: string;
  quoteVolume: string;
  change: string | null;
  changePercent: string | null;
  numberOfTrades: number;
  openTime: string;
  closeTime: string;
  stale: boolean;
}

export type { PublicTrade } from "../marketdata/types.ts";

/**
 * Stores executed trades as tick data and folds them into the bar of every interval, in one
 * PostgreSQL transaction, then refreshes the Redis cache of the touched markets.
 *
 * Idempotent: a trade whose (market, sequence) is already stored — in an earlier call or earlier
 * in the same batch — changes nothing. Order does not matter: a late trade lands in its own
 * bucket, and open/close are the earliest/latest trade of the bucket by (executedAt, sequence).
 * Returns how many trades were new. Throws on a malformed decimal (nothing is written) and when
 * PostgreSQL is unreachable (the caller redelivers); a Redis failure is logged, not thrown.
 */
export async function recordTrades(
  deps: Dependencies,
  trades: TradeTick[],
): Promise<{ recorded: number }> {
  for (const trade of trades) validateTrade(trade);
  const unique = uniqueTrades(trades);
  if (unique.length === 0) return { recorded: 0 };
  const { fresh, bars } = await deps.db.transaction(async (tx) => {
    const inserted = await insertNewTicks(tx, unique);
    const stored = await mergeCandlesInto(tx, foldTrades(inserted));
    return { fresh: inserted, bars: stored };
  });
  if (fresh.length > 0) {
    await refreshCacheAfterWrite(deps, fresh, bars).catch((error: unknown) =>
      deps.log.warn("market-data cache refresh failed", { error: (error as Error).message }),
    );
  }
  return { recorded: fresh.length };
}

function validateTrade(trade: TradeTick): void {
  const where = `trade ${trade.market}#${trade.sequence}`;
  try {
    if (parseDecimal(trade.price) <= 0n) throw new DecimalError("price must be positive");
    if (parseDecimal(trade.amount) <= 0n) throw new DecimalError("amount must be positive");
    if (parseDecimal(trade.quoteAmount) < 0n) throw new DecimalError("quoteAmount is negative");
  } catch (error) {
    throw new DecimalError(`${where}: ${(error as Error).message}`);
  }
  if (Number.isNaN(trade.executedAt.getTime())) throw new RangeError(`${where}: invalid time`);
  if (trade.takerSide !== "BUY" && trade.takerSide !== "SELL") {
    throw new RangeError(`${where}: takerSide must be BUY or SELL`);
  }
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
  try {
    await requireMarket(deps, args.market);
    const data = await latestCandles(deps.db, { ...args, limit });
    refreshInBackground(deps, `candles:${args.market}:${args.interval}`, async () => {
      const latest = await latestCandles(deps.db, {
        market: args.market,
        interval: args.interval,
        limit: CACHED_BARS,
      });
      await cacheCandles(deps, args.market, args.interval, latest);
    });
    return { metadata, data, stale: false };
  } catch (error) {
    if (!storeDown(error)) throw error;
    const data = await cachedCandles(deps, { ...args, limit });
    if (data === null) throw serviceUnavailable("Market data");
    return { metadata, data, stale: true };
  }
}

export async function getTicker(deps: Dependencies, market: string): Promise<Ticker> {
  try {
    await requireMarket(deps, market);
    const ticker = await computeTicker(deps, market, new Date());
    void deps.redis.set(key(deps, "ticker", market), JSON.stringify(ticker)).catch(() => undefined);
    return ticker;
  } catch (error) {
    if (!storeDown(error)) throw error;
    const cached = await deps.redis.get(key(deps, "ticker", market)).catch(() => null);
    if (cached === null) throw serviceUnavailable("Market data");
    return { ...(JSON.parse(cached) as Ticker), stale: true };
  }
}

/** The public tape, newest first; served from the Redis copy while PostgreSQL is down. */
export async function getTrades(
  deps: Dependencies,
  args: { market: string; limit?: number | null },
): Promise<PublicTrade[]> {
  const limit = args.limit ?? DEFAULT_TRADES;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRADES) {
    throw badInput(`limit must be between 1 and ${MAX_TRADES}`, "limit");
  }
  try {
    await requireMarket(deps, args.market);
    const trades = (await latestTicks(deps.db, args.market, limit)).map(publicTrade);
    refreshInBackground(deps, `trades:${args.market}`, () =>
      cacheTrades(deps, args.market, trades),
    );
    return trades;
  } catch (error) {
    if (!storeDown(error)) throw error;
    const cacheKey = key(deps, "trades", args.market);
    const [members, known] = await Promise.all([
      deps.redis.zrevrange(cacheKey, 0, limit - 1),
      deps.redis.exists(key(deps, "market", args.market)),
    ]).catch(() => [null, 0] as const);
    if (members === null || (members.length === 0 && known === 0)) {
      throw serviceUnavailable("Market data");
    }
    return members.map((m) => JSON.parse(m) as PublicTrade);
  }
}

async function computeTicker(deps: Dependencies, market: string, now: Date): Promise<Ticker> {
  // 1,440 one-minute bars: the current one and the 1,439 before it.
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

const publicTrade = (t: TradeTick): PublicTrade => ({
  id: `${t.market}:${t.sequence}`,
  market: t.market,
  sequence: t.sequence.toString(),
  price: formatDecimal(parseDecimal(t.price)),
  amount: formatDecimal(parseDecimal(t.amount)),
  quoteAmount: formatDecimal(parseDecimal(t.quoteAmount)),
  takerSide: t.takerSide,
  executedAt: t.executedAt.toISOString(),
});

// ---------------------------------------------------------------- markets

const knownMarkets = new Map<string, { row: MarketRow; until: number }>();

async function requireMarket(deps: Dependencies, symbol: string): Promise<MarketRow> {
  const memo = knownMarkets.get(`${deps.config.databaseUrl}|${symbol}`);
  if (memo && memo.until > Date.now()) return memo.row;
  const row = await findMarket(deps.db, symbol);
  if (!row) throw marketNotFound(symbol);
  knownMarkets.set(`${deps.config.databaseUrl}|${symbol}`, { row, until: Date.now() + 60_000 });
  void deps.redis.set(key(deps, "market", symbol), "1").catch(() => undefined);
  return row;
}

function storeDown(error: unknown): boolean {
  return isUnavailable(error) || isUnavailable((error as { cause?: unknown } | null)?.cause);
}

// ---------------------------------------------------------------- Redis cache

const key = (deps: Dependencies, ...parts: string[]) =>
  `${deps.config.namespace}:md:${parts.join(":")}`;

/**
 * Puts bars into a sorted set scored by bar start, keeping the latest `keep`. A bar already
 * cached with more trades wins: two writers finishing out of order cannot roll a bar back.
 */
const CACHE_BARS_SCRIPT = `
local keep = tonumber(ARGV[1])
for i = 2, #ARGV, 3 do
  local score, count, member = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local old = redis.call('ZRANGEBYSCORE', KEYS[1], score, score)
  local replace = true
  if old[1] then
    local oldCount = tonumber(string.match(old[1], '"numberOfTrades":(%d+)'))
    if oldCount and oldCount > count then replace = false end
  end
  if replace then
    redis.call('ZREMRANGEBYSCORE', KEYS[1], score, score)
    redis.call('ZADD', KEYS[1], score, member)
  end
end
local size = redis.call('ZCARD', KEYS[1])
if size > keep then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, size - keep - 1) end
return size`;

async function cacheCandles(
  deps: Dependencies,
  market: string,
  interval: CandleInterval,
  bars: readonly Candle[],
): Promise<void> {
  if (bars.length === 0) return;
  const args: (string | number)[] = [CACHED_BARS];
  for (const bar of bars) {
    args.push(Date.parse(bar.timestamp), bar.numberOfTrades, JSON.stringify(bar));
  }
  await deps.redis.eval(CACHE_BARS_SCRIPT, 1, key(deps, "candles", market, interval), ...args);
}

async function cacheTrades(
  deps: Dependencies,
  market: string,
  trades: readonly PublicTrade[],
): Promise<void> {
  if (trades.length === 0) return;
  const cacheKey = key(deps, "trades", market);
  const args = trades.flatMap((t) => [Number(t.sequence), JSON.stringify(t)]);
  await deps.redis
    .multi()
    .zadd(cacheKey, ...args)
    .zremrangebyrank(cacheKey, 0, -CACHED_TRADES - 1)
    .exec();
}

/** Latest `limit` cached bars in [from, to), oldest first; null when nothing is known. */
async function cachedCandles(
  deps: Dependencies,
  args: {
    market: string;
    interval: CandleInterval;
    from?: Date | null;
    to?: Date | null;
    limit: number;
  },
): Promise<Candle[] | null> {
  try {
    const max = args.to ? `(${args.to.getTime()}` : "+inf";
    const min = args.from ? String(args.from.getTime()) : "-inf";
    const [members, known] = await Promise.all([
      deps.redis.zrevrangebyscore(
        key(deps, "candles", args.market, args.interval),
        max,
        min,
        "LIMIT",
        0,
        args.limit,
      ),
      deps.redis.exists(key(deps, "market", args.market)),
    ]);
    if (members.length === 0 && known === 0) return null;
    return members.map((m) => JSON.parse(m) as Candle).reverse();
  } catch {
    return null;
  }
}

async function refreshCacheAfterWrite(
  deps: Dependencies,
  fresh: readonly TradeTick[],
  bars: readonly StoredCandle[],
): Promise<void> {
  const byKey = new Map<string, { market: string; interval: CandleInterval; bars: Candle[] }>();
  for (const bar of bars) {
    const k = `${bar.market}|${bar.interval}`;
    const group = byKey.get(k) ?? { market: bar.market, interval: bar.interval, bars: [] };
    const { market: _m, interval: _i, ...candle } = bar;
    group.bars.push(candle);
    byKey.set(k, group);
  }
  const markets = [...new Set(fresh.map((t) => t.market))];
  const names = busNames(deps.config.namespace);
  for (const trade of fresh)
    publishLive(deps, names.tradeSubject(trade.market), publicTrade(trade));
  for (const group of byKey.values()) {
    for (const bar of group.bars)
      publishLive(deps, names.candleSubject(group.market, group.interval), bar);
  }
  await Promise.all([
    ...[...byKey.values()].map((g) => cacheCandles(deps, g.market, g.interval, g.bars)),
    ...markets.map((market) =>
      cacheTrades(deps, market, fresh.filter((t) => t.market === market).map(publicTrade)),
    ),
    ...markets.map((market) => refreshTickerSoon(deps, market)),
  ]);
}

const TICKER_REFRESH_MS = 250;
const tickerTimers = new Map<string, NodeJS.Timeout>();

/**
 * The 24 h ticker is an aggregate over a day of bars: under a stream of trades it is recomputed
 * at most every 250 ms per market (the last trade always lands in a refresh), not per batch.
 */
function refreshTickerSoon(deps: Dependencies, market: string): void {
  const k = `${deps.config.namespace}|${market}`;
  if (tickerTimers.has(k)) return;
  const timer = setTimeout(() => {
    tickerTimers.delete(k);
    if ((deps.pool as { ending?: boolean }).ending) return; // shutting down
    void computeTicker(deps, market, new Date())
      .then((ticker) => deps.redis.set(key(deps, "ticker", market), JSON.stringify(ticker)))
      .catch((error: unknown) =>
        deps.log.warn("ticker cache refresh failed", { error: (error as Error).message }),
      );
  }, TICKER_REFRESH_MS);
  timer.unref();
  tickerTimers.set(k, timer);
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
  await deps.redis.del(
    ...CANDLE_INTERVALS.map((i) => key(deps, "candles", market, i)),
    key(deps, "ticker", market),
  );
  for (const k of lastRefresh.keys()) {
    if (k.startsWith(`${deps.config.namespace}|`) && k.includes(`:${market}`))
      lastRefresh.delete(k);
  }
}

// ---------------------------------------------------------------- synthetic history

export interface HistoryImport {
  market: string;
  days: number;
  seed: number;
  /** Bars end at the start of the minute holding `end` (exclusive). */
  end: Date;
  startPrice?: string;
}

export interface HistoryImportResult {
  market: string;
  candles: number;
  from: Date;
  to: Date;
  copySeconds: number;
  rollupSeconds: number;
}

/**
 * Generates `days` of 1-minute bars with the seed's random walk (marketdata/generator.ts),
 * replaces the market's 1-minute bars in that range by COPY, then rolls up every other
 * interval by SQL — all in one transaction.
 */
export async function importHistory(
  deps: Dependencies,
  options: HistoryImport,
  onProgress?: (event: { phase: "copy" | "rollup"; done: number; total: number }) => void,
): Promise<HistoryImportResult> {
  if (!(options.days > 0)) throw badInput("days must be positive", "days");
  const market = await findMarket(deps.db, options.market);
  if (!market) throw marketNotFound(options.market);
  const minutes = Math.round(options.days * 1_440);
  const to = bucketStart(options.end.getTime(), "M1");
  const from = to - minutes * MINUTE;
  const startPrice = parseDecimal(options.startPrice ?? "64000");
  const bars = generateMinuteCandles({
    market: market.symbol,
    start: from,
    minutes,
    startPrice,
    tickSize: parseDecimal(market.tickSize),
    lotSize: parseDecimal(market.lotSize),
    seed: options.seed,
  });
  const timing = await importMinuteCandles(deps.pool, {
    market: market.symbol,
    from: new Date(from),
    to: new Date(to),
    bars,
    onCopied: (done) => onProgress?.({ phase: "copy", done, total: minutes }),
    onRolledUp: (done, total) => onProgress?.({ phase: "rollup", done, total }),
  });
  await forgetCachedMarket(deps, market.symbol).catch(() => undefined);
  return {
    market: market.symbol,
    candles: timing.rows,
    from: new Date(from),
    to: new Date(to),
    copySeconds: timing.copySeconds,
    rollupSeconds: timing.rollupSeconds,
  };
}

/** The latest `limit` bars straight from PostgreSQL, without the API's 1,000 cap (exports). */
export async function candleHistory(
  deps: Dependencies,
  args: { market: string; interval: CandleInterval; limit: number },
): Promise<{ metadata: SeriesMetadata; data: Candle[] }> {
  await requireMarket(deps, args.market);
  return {
    metadata: seriesMetadata(args.market, args.interval),
    data: await latestCandles(deps.db, args),
  };
}

// ---------------------------------------------------------------- live

/** Each trade of the market as the market-data consumer records it. */
export async function tradeUpdates(deps: Dependencies, market: string) {
  await requireMarket(deps, market);
  const subject = busNames(deps.config.namespace).tradeSubject(market);
  return liveIterator<PublicTrade, PublicTrade>(deps, subject, (trade) => [trade]);
}

/** The market's current bar of one interval each time a recorded trade moves it. */
export async function candleUpdates(deps: Dependencies, market: string, interval: CandleInterval) {
  await requireMarket(deps, market);
  const subject = busNames(deps.config.namespace).candleSubject(market, interval);
  return liveIterator<Candle, Candle>(deps, subject, (bar) => [bar]);
}
