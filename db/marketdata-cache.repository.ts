import type { Redis } from "ioredis";
import { CANDLE_INTERVALS, type CandleInterval } from "../marketdata/intervals.ts";
import type { Candle, PublicTrade, Ticker } from "../marketdata/types.ts";

// The market-data cache in Redis: what the API serves while PostgreSQL is down (MARKETDATA.md,
// "Cache and availability"). Keys under `<namespace>:md:`; values are JSON of the API's shapes.

/** Bars kept per (market, interval), tape entries per market. */
export const CACHED_BARS = 1_000;
export const CACHED_TRADES = 1_000;

const keys = (namespace: string, market: string) => ({
  candles: (interval: CandleInterval) => `${namespace}:md:candles:${market}:${interval}`,
  ticker: `${namespace}:md:ticker:${market}`,
  trades: `${namespace}:md:trades:${market}`,
  /** The market exists, so an empty cache is not a 404. */
  known: `${namespace}:md:market:${market}`,
});

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

export async function cacheCandles(
  redis: Redis,
  namespace: string,
  market: string,
  interval: CandleInterval,
  bars: readonly Candle[],
): Promise<void> {
  if (bars.length === 0) return;
  const args: (string | number)[] = [CACHED_BARS];
  for (const bar of bars) {
    args.push(Date.parse(bar.timestamp), bar.numberOfTrades, JSON.stringify(bar));
  }
  await redis.eval(CACHE_BARS_SCRIPT, 1, keys(namespace, market).candles(interval), ...args);
}

/** Latest `limit` cached bars in [from, to), oldest first; null when nothing is known. */
export async function readCachedCandles(
  redis: Redis,
  namespace: string,
  args: {
    market: string;
    interval: CandleInterval;
    from?: Date | null;
    to?: Date | null;
    limit: number;
  },
): Promise<Candle[] | null> {
  const k = keys(namespace, args.market);
  try {
    const max = args.to ? `(${args.to.getTime()}` : "+inf";
    const min = args.from ? String(args.from.getTime()) : "-inf";
    const [members, known] = await Promise.all([
      redis.zrevrangebyscore(k.candles(args.interval), max, min, "LIMIT", 0, args.limit),
      redis.exists(k.known),
    ]);
    if (members.length === 0 && known === 0) return null;
    return members.map((m) => JSON.parse(m) as Candle).reverse();
  } catch {
    return null;
  }
}

/** Adds tape entries (scored by sequence), keeping the latest CACHED_TRADES. */
export async function cacheTrades(
  redis: Redis,
  namespace: string,
  market: string,
  trades: readonly PublicTrade[],
): Promise<void> {
  if (trades.length === 0) return;
  const key = keys(namespace, market).trades;
  const args = trades.flatMap((t) => [Number(t.sequence), JSON.stringify(t)]);
  await redis
    .multi()
    .zadd(key, ...args)
    .zremrangebyrank(key, 0, -CACHED_TRADES - 1)
    .exec();
}

/** The latest `limit` cached tape entries, newest first; null when nothing is known. */
export async function readCachedTrades(
  redis: Redis,
  namespace: string,
  market: string,
  limit: number,
): Promise<PublicTrade[] | null> {
  const k = keys(namespace, market);
  const [members, known] = await Promise.all([
    redis.zrevrange(k.trades, 0, limit - 1),
    redis.exists(k.known),
  ]).catch(() => [null, 0] as const);
  if (members === null || (members.length === 0 && known === 0)) return null;
  return members.map((m) => JSON.parse(m) as PublicTrade);
}

export async function cacheTicker(redis: Redis, namespace: string, ticker: Ticker): Promise<void> {
  await redis.set(keys(namespace, ticker.market).ticker, JSON.stringify(ticker));
}

/** The last ticker cached; null when there is none or Redis does not answer. */
export async function readCachedTicker(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<Ticker | null> {
  const cached = await redis.get(keys(namespace, market).ticker).catch(() => null);
  return cached === null ? null : (JSON.parse(cached) as Ticker);
}

/** Records that the market exists, so its empty cache is served as empty rather than refused. */
export async function markMarketKnown(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<void> {
  await redis.set(keys(namespace, market).known, "1");
}

/** Drops a market's cached bars of every interval and its ticker (its history was replaced). */
export async function dropCachedBars(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<void> {
  const k = keys(namespace, market);
  await redis.del(...CANDLE_INTERVALS.map((interval) => k.candles(interval)), k.ticker);
}

/**
 * Price of the newest trade in the market's cached tape, or null when the cache holds none.
 * Throws when Redis does not answer (the caller decides what that means).
 */
export async function readLastCachedTradePrice(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<string | null> {
  const [newest] = await redis.zrevrange(keys(namespace, market).trades, 0, 0);
  return newest === undefined ? null : (JSON.parse(newest) as PublicTrade).price;
}
