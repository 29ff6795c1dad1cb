import { importMinuteCandles, latestCandles, latestTicks } from "../db/marketdata.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput } from "../kernel/errors.ts";
import { seriesMetadata, type SeriesMetadata } from "../marketdata/format.ts";
import { generateMinuteCandles, type HistoryOptions } from "../marketdata/generator.ts";
import { bucketStart, type CandleInterval } from "../marketdata/intervals.ts";
import type { Candle } from "../marketdata/types.ts";
import { parseDecimal } from "../money/decimal.ts";
import { forgetCachedMarket, requireMarket } from "./marketdata.service.ts";

const MINUTE = 60_000;

export interface HistoryImport {
  market: string;
  days: number;
  seed: number;
  /** Bars end at the start of the minute holding `end` (exclusive). */
  end: Date;
  /** Where the walk starts (default 64000, or what `endPrice` asks). */
  startPrice?: string;
  /**
   * Where the walk should end: the start is scaled so the last close lands within a few ticks
   * of it. Default, when no startPrice is given either: the market's last trade, if it traded,
   * so the history meets the tape instead of ending far from the book.
   */
  endPrice?: string;
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
 * replaces the market's synthetic 1-minute bars in that range by COPY — a minute whose bar real
 * trades made (ticks, or a trade's sequence on the bar) keeps it as it is — then rolls up every
 * other interval by SQL from all the 1-minute bars, real ones included; one transaction.
 * `candles` in the result counts the bars written (the range's minutes less the real ones).
 */
export async function importHistory(
  deps: Dependencies,
  options: HistoryImport,
  onProgress?: (event: { phase: "copy" | "rollup"; done: number; total: number }) => void,
): Promise<HistoryImportResult> {
  if (!(options.days > 0)) throw badInput("days must be positive", "days");
  const market = await requireMarket(deps, options.market);
  const minutes = Math.round(options.days * 1_440);
  const to = bucketStart(options.end.getTime(), "M1");
  const from = to - minutes * MINUTE;
  const walk: HistoryOptions = {
    market: market.symbol,
    start: from,
    minutes,
    startPrice: parseDecimal(options.startPrice ?? "64000"),
    tickSize: market.tickSize,
    lotSize: market.lotSize,
    seed: options.seed,
  };
  const lastTrade =
    options.endPrice === undefined && options.startPrice === undefined
      ? (await latestTicks(deps.db, market.symbol, 1))[0]?.price
      : undefined;
  const endPrice = options.endPrice ?? lastTrade;
  if (endPrice !== undefined) walk.startPrice = startPriceEndingAt(walk, parseDecimal(endPrice));
  const bars = generateMinuteCandles(walk);
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

/**
 * The start price from which the seed's walk ends at `endPrice`: a trial run's last close `c`
 * from the given start `s` says the walk multiplies prices by c / s (its steps are proportional
 * to the price, σ = 0.05 % of the open), so the same draws from s × end / c end within a few
 * ticks of `endPrice` (rounding to the tick grid is all that differs).
 */
function startPriceEndingAt(walk: HistoryOptions, endPrice: bigint): bigint {
  let last = walk.startPrice;
  for (const bar of generateMinuteCandles(walk)) last = bar.close;
  const start = (walk.startPrice * endPrice) / last;
  return start > walk.tickSize ? start : walk.tickSize;
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
