import { publishLive } from "../bus/live.ts";
import { busSubjects } from "../bus/subjects.ts";
import { cacheCandles, cacheTicker, cacheTrades } from "../db/marketdata-cache.repository.ts";
import {
  advanceTapeOffsets,
  insertNewTicks,
  type CommandRange,
  mergeCandlesInto,
  type StoredCandle,
  ticksAreHypertable,
} from "../db/marketdata.repository.ts";
import { lateRefreshRanges, refreshContinuousAggregates } from "../db/timescale.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { isUnavailable } from "../kernel/errors.ts";
import { foldTrades, uniqueTrades } from "../marketdata/fold.ts";
import type { CandleInterval } from "../marketdata/intervals.ts";
import { publicTrade } from "../marketdata/tape.ts";
import type { Candle, TradeTick } from "../marketdata/types.ts";
import { DecimalError, parseDecimal } from "../money/decimal.ts";
import { computeTicker } from "./marketdata.service.ts";

/**
 * Stores executed trades as tick data and folds them into the bar of every interval, in one
 * PostgreSQL transaction, then refreshes the Redis cache of the touched markets.
 *
 * Idempotent: a trade whose (market, sequence) is already stored — in an earlier call or earlier
 * in the same batch — changes nothing. Order does not matter: a late trade lands in its own
 * bucket, and open/close are the earliest/latest trade of the bucket by (executedAt, sequence).
 * `batches` (the matcher's command ranges these trades came from) move the tape's offsets on in
 * the same transaction (db/marketdata.repository.ts advanceTapeOffsets), so a reader knows up to
 * which command the tape is complete. Returns how many trades were new, and the ranges of
 * `batches` that wait on an earlier batch not yet recorded (the caller redelivers them). Throws on
 * a malformed decimal (nothing is written) and when PostgreSQL is unreachable (the caller
 * redelivers); a Redis failure is logged, not thrown.
 *
 * On TimescaleDB, after the commit, the continuous aggregates are refreshed over the buckets of
 * trades too late for their scheduled refreshes (db/timescale.ts lateRefreshRanges; TimescaleDB
 * refuses that inside a transaction). Worked out from every trade passed, new or not, so a
 * redelivery after PostgreSQL went away in between refreshes again.
 */
export async function recordTrades(
  deps: Dependencies,
  trades: TradeTick[],
  batches: readonly { market: string; fromSeq: number; toSeq: number }[] = [],
): Promise<{ recorded: number; waiting: CommandRange[] }> {
  for (const trade of trades) validateTrade(trade);
  const unique = uniqueTrades(trades);
  if (unique.length === 0) {
    const waiting = batches.length > 0 ? await advanceTapeOffsets(deps.db, batches) : [];
    return { recorded: 0, waiting };
  }
  const { fresh, bars, waiting } = await deps.db.transaction(async (tx) => {
    const inserted = await insertNewTicks(tx, unique);
    const stored = await mergeCandlesInto(tx, foldTrades(inserted));
    const gaps = await advanceTapeOffsets(tx, batches);
    return { fresh: inserted, bars: stored, waiting: gaps };
  });
  if (fresh.length > 0) {
    await refreshCacheAfterWrite(deps, fresh, bars).catch((error: unknown) =>
      deps.log.warn("market-data cache refresh failed", { error: (error as Error).message }),
    );
  }
  await refreshLateAggregates(deps, unique);
  return { recorded: fresh.length, waiting };
}

/**
 * Refreshes the continuous aggregates over the buckets of `trades` their policies will not
 * refresh any more (TimescaleDB only). Throws when PostgreSQL is unreachable (the caller
 * redelivers, and the refresh runs again); any other failure is logged with the windows to
 * refresh by hand.
 */
async function refreshLateAggregates(deps: Dependencies, trades: readonly TradeTick[]) {
  const ranges = lateRefreshRanges(
    trades.map((t) => t.executedAt.getTime()),
    Date.now(),
  );
  if (ranges.length === 0) return;
  try {
    if (!(await ticksAreHypertable(deps.db))) return;
    await refreshContinuousAggregates(deps.pool, ranges);
  } catch (error) {
    if (isUnavailable(error)) throw error;
    deps.log.warn("continuous-aggregate refresh after late trades failed", {
      error: (error as Error).message,
      ranges: ranges.map((r) => ({
        view: r.view,
        from: new Date(r.from).toISOString(),
        to: new Date(r.to).toISOString(),
      })),
    });
  }
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

/**
 * Publishes the new bars live, and writes them, the trades (and soon the ticker) to the cache.
 * Trades go live from the matcher itself, with its book diffs (bus/subjects.ts BookUpdateMessage).
 */
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
  const { redis, config } = deps;
  const subjects = busSubjects(config.namespace);
  for (const group of byKey.values()) {
    for (const bar of group.bars)
      publishLive(deps, subjects.candleSubject(group.market, group.interval), bar);
  }
  const writes = [
    ...[...byKey.values()].map((g) =>
      cacheCandles(redis, config.namespace, g.market, g.interval, g.bars),
    ),
    ...markets.map((market) =>
      cacheTrades(
        redis,
        config.namespace,
        market,
        fresh.filter((t) => t.market === market).map(publicTrade),
      ),
    ),
  ];
  for (const market of markets) refreshTickerSoon(deps, market);
  await Promise.all(writes);
}

const TICKER_REFRESH_MS = 250;
const tickerTimers = new Map<string, NodeJS.Timeout>();

/**
 * The 24 h ticker is an aggregate over a day of bars: under a stream of trades it is recomputed
 * at most every 250 ms per market (the last trade always lands in a refresh), not per batch, then
 * published live (the ticker subscription) and cached.
 */
function refreshTickerSoon(deps: Dependencies, market: string): void {
  const k = `${deps.config.namespace}|${market}`;
  if (tickerTimers.has(k)) return;
  const timer = setTimeout(() => {
    tickerTimers.delete(k);
    if (deps.pool.ending) return; // shutting down
    void computeTicker(deps, market, new Date())
      .then((ticker) => {
        // Subscribers of ticker(market) get each recomputation (subscriptions/market-data.ts).
        publishLive(deps, busSubjects(deps.config.namespace).tickerSubject(market), ticker);
        return cacheTicker(deps.redis, deps.config.namespace, ticker);
      })
      .catch((error: unknown) =>
        deps.log.warn("ticker cache refresh failed", { error: (error as Error).message }),
      );
  }, TICKER_REFRESH_MS);
  timer.unref();
  tickerTimers.set(k, timer);
}
