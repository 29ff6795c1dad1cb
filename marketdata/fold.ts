import { parseDecimal } from "../money/decimal.ts";
import { CANDLE_INTERVALS, bucketStart, type CandleInterval } from "./intervals.ts";
import type { CandleAggregate, TradeTick } from "./types.ts";

/** Whether trade a (time, sequence) comes before trade b. */
function earlier(aAt: number, aSeq: bigint, bAt: number, bSeq: bigint): boolean {
  return aAt < bAt || (aAt === bAt && aSeq < bSeq);
}

/** The bar one trade makes on its own. */
export function candleOfTrade(trade: TradeTick, interval: CandleInterval): CandleAggregate {
  return barOf(parsedTrade(trade), interval);
}

/** A trade's price and sizes in money units, parsed once for all its intervals' bars. */
interface ParsedTrade {
  trade: TradeTick;
  at: number;
  price: bigint;
  amount: bigint;
  quoteAmount: bigint;
}

function parsedTrade(trade: TradeTick): ParsedTrade {
  return {
    trade,
    at: trade.executedAt.getTime(),
    price: parseDecimal(trade.price),
    amount: parseDecimal(trade.amount),
    quoteAmount: parseDecimal(trade.quoteAmount),
  };
}

function barOf(
  { trade, at, price, amount, quoteAmount }: ParsedTrade,
  interval: CandleInterval,
): CandleAggregate {
  return {
    market: trade.market,
    interval,
    bucket: bucketStart(at, interval),
    open: price,
    high: price,
    low: price,
    close: price,
    volume: amount,
    quoteVolume: quoteAmount,
    trades: 1,
    openAt: at,
    openSeq: trade.sequence,
    closeAt: at,
    closeSeq: trade.sequence,
  };
}

/**
 * Two bars of the same market, interval and bucket as one; commutative and associative, so
 * trades may arrive in any order. The SQL upsert in db/marketdata.repository.ts does the same.
 */
export function mergeCandles(a: CandleAggregate, b: CandleAggregate): CandleAggregate {
  const bOpensFirst = earlier(b.openAt, b.openSeq, a.openAt, a.openSeq);
  const bClosesLast = earlier(a.closeAt, a.closeSeq, b.closeAt, b.closeSeq);
  return {
    market: a.market,
    interval: a.interval,
    bucket: a.bucket,
    open: bOpensFirst ? b.open : a.open,
    openAt: bOpensFirst ? b.openAt : a.openAt,
    openSeq: bOpensFirst ? b.openSeq : a.openSeq,
    high: a.high > b.high ? a.high : b.high,
    low: a.low < b.low ? a.low : b.low,
    close: bClosesLast ? b.close : a.close,
    closeAt: bClosesLast ? b.closeAt : a.closeAt,
    closeSeq: bClosesLast ? b.closeSeq : a.closeSeq,
    volume: a.volume + b.volume,
    quoteVolume: a.quoteVolume + b.quoteVolume,
    trades: a.trades + b.trades,
  };
}

export const candleKey = (c: Pick<CandleAggregate, "market" | "interval" | "bucket">) =>
  `${c.market}|${c.interval}|${c.bucket}`;

/** Every interval's bars touched by `trades`, one per (market, interval, bucket). */
export function foldTrades(
  trades: readonly TradeTick[],
  intervals: readonly CandleInterval[] = CANDLE_INTERVALS,
): CandleAggregate[] {
  const bars = new Map<string, CandleAggregate>();
  for (const trade of trades) {
    // Parsed once, not once per interval: parsing was 7 % of market data's CPU under load.
    const parsed = parsedTrade(trade);
    for (const interval of intervals) {
      const bar = barOf(parsed, interval);
      const key = candleKey(bar);
      const existing = bars.get(key);
      bars.set(key, existing ? mergeCandles(existing, bar) : bar);
    }
  }
  return [...bars.values()];
}

/** Later deliveries of the same (market, sequence) dropped, first one kept. */
export function uniqueTrades(trades: readonly TradeTick[]): TradeTick[] {
  const seen = new Set<string>();
  return trades.filter((t) => {
    const key = `${t.market}|${t.sequence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
