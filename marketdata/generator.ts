import { multiplyFloor } from "../money/decimal.ts";
import { createRandom } from "./random.ts";
import type { CandleAggregate } from "./types.ts";

export interface HistoryOptions {
  market: string;
  /** First bar's start, epoch ms (a whole minute). */
  start: number;
  minutes: number;
  /** Exact units (money/decimal.ts). */
  startPrice: bigint;
  tickSize: bigint;
  lotSize: bigint;
  seed: number;
}

const MINUTE = 60_000;

/**
 * The seed's §8 random walk, one 1-minute bar per minute: close = open + N(0, 0.05 % of open),
 * high/low beyond the body by |N(0, σ/2)|, volume U(5, 25), trades U[100, 500), quote volume =
 * volume × close. Floats drive the walk; every stored value is snapped to the market's grid
 * (prices to tick size, volumes to lot size) and quote volume is the exact product.
 */
export function* generateMinuteCandles(options: HistoryOptions): Generator<CandleAggregate> {
  const random = createRandom(options.seed);
  const tick = options.tickSize;
  const lot = options.lotSize;
  const tickFloat = Number(tick) / 1e18;
  const lotFloat = Number(lot) / 1e18;
  const toTicks = (price: number, round: (x: number) => number) =>
    BigInt(Math.max(1, round(price / tickFloat))) * tick;
  let open = (options.startPrice / tick) * tick;
  if (open <= 0n) open = tick;
  for (let i = 0; i < options.minutes; i++) {
    const openFloat = Number(open) / 1e18;
    const sigma = openFloat * 0.0005;
    const close = toTicks(openFloat + random.gauss(sigma), Math.round);
    const closeFloat = Number(close) / 1e18;
    const bodyHigh = Math.max(openFloat, closeFloat);
    const bodyLow = Math.min(openFloat, closeFloat);
    let high = toTicks(bodyHigh + Math.abs(random.gauss(sigma / 2)), Math.ceil);
    let low = toTicks(bodyLow - Math.abs(random.gauss(sigma / 2)), Math.floor);
    const top = open > close ? open : close;
    const bottom = open < close ? open : close;
    if (high < top) high = top;
    if (low > bottom) low = bottom;
    const volume = BigInt(Math.max(1, Math.round(random.uniform(5, 25) / lotFloat))) * lot;
    const trades = Math.floor(random.uniform(100, 500));
    const bucket = options.start + i * MINUTE;
    yield {
      market: options.market,
      interval: "M1",
      bucket,
      open,
      high,
      low,
      close,
      volume,
      quoteVolume: multiplyFloor(volume, close),
      trades,
      openAt: bucket,
      openSeq: 0n,
      closeAt: bucket + MINUTE - 1,
      closeSeq: 0n,
    };
    open = close;
  }
}
