import { generateMinuteCandles } from "../marketdata/generator.ts";
import type { CandleAggregate } from "../marketdata/types.ts";

const MINUTE = 60_000;
/** Ten years of minutes: the walk never runs out while a bot lives. */
const WALK_MINUTES = 10 * 366 * 1_440;

export interface ReferenceWalkOptions {
  market: string;
  /** Where the walk starts (exact units, money/decimal.ts): the history's last close. */
  startPrice: bigint;
  tickSize: bigint;
  lotSize: bigint;
  seed: number;
  /** Epoch ms the walk starts at (its first minute opens at startPrice). */
  startMs: number;
}

/**
 * The history generator's random walk (marketdata/generator.ts, the same code, not a copy)
 * continued in real time: minute m's bar opens at minute m − 1's close, and inside the minute
 * the price moves in a straight line from the bar's open to its close, on the tick grid. So a
 * bot quoting around it draws the same kind of chart as `generate:history`, without jumps.
 */
export function createReferenceWalk(options: ReferenceWalkOptions) {
  const start = Math.floor(options.startMs / MINUTE) * MINUTE;
  const bars = generateMinuteCandles({
    market: options.market,
    start,
    minutes: WALK_MINUTES,
    startPrice: options.startPrice,
    tickSize: options.tickSize,
    lotSize: options.lotSize,
    seed: options.seed,
  });
  const nextBar = (): CandleAggregate => {
    const next = bars.next();
    if (next.done) throw new Error("the reference walk ran out of minutes");
    return next.value;
  };
  let bar = nextBar();
  return {
    /** The reference price at `nowMs` (exact units, a whole number of ticks). */
    priceAt(nowMs: number): bigint {
      while (nowMs >= bar.bucket + MINUTE) bar = nextBar();
      const fraction = Math.max(0, Math.min(1, (nowMs - bar.bucket) / MINUTE));
      const moveTicks = Number((bar.close - bar.open) / options.tickSize);
      return bar.open + BigInt(Math.round(moveTicks * fraction)) * options.tickSize;
    },
  };
}

export type ReferenceWalk = ReturnType<typeof createReferenceWalk>;
