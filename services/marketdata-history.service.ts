import { importMinuteCandles, latestCandles } from "../db/marketdata.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput } from "../kernel/errors.ts";
import { seriesMetadata, type SeriesMetadata } from "../marketdata/format.ts";
import { generateMinuteCandles } from "../marketdata/generator.ts";
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
  const market = await requireMarket(deps, options.market);
  const minutes = Math.round(options.days * 1_440);
  const to = bucketStart(options.end.getTime(), "M1");
  const from = to - minutes * MINUTE;
  const startPrice = parseDecimal(options.startPrice ?? "64000");
  const bars = generateMinuteCandles({
    market: market.symbol,
    start: from,
    minutes,
    startPrice,
    tickSize: market.tickSize,
    lotSize: market.lotSize,
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
