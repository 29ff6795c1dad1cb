import { formatDecimal } from "../money/decimal.ts";
import { INTERVAL_LABEL, type CandleInterval } from "./intervals.ts";
import type { Candle, CandleAggregate } from "./types.ts";

export const EXCHANGE = "EventHub_DEX";
export const ASSET_CLASS = "crypto";

const DAY_MS = 86_400_000;
let dayNumber = Number.NaN;
let dayPrefix = "";
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` ("2026-02-22T17:30:00.000Z"), for the bars of a series: the date
 * part is kept from the previous call while the day is the same, so a run of bars of one day
 * formats only its time (about 4× faster than toISOString for 1,000 one-minute bars). Throws
 * RangeError for an invalid time, as toISOString does.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== dayNumber || !Number.isInteger(ms)) {
    const iso = new Date(ms).toISOString();
    if (iso.length === 24 && Number.isInteger(ms)) {
      // not "+275760-09-13T…": a four-digit year, whose date is the first 11 characters
      dayNumber = day;
      dayPrefix = iso.slice(0, 11);
    }
    return iso;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  rest -= seconds * 1_000;
  const millis = rest < 10 ? `00${rest}` : rest < 100 ? `0${rest}` : `${rest}`;
  return `${dayPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis}Z`;
}

export function toCandle(bar: CandleAggregate): Candle {
  return {
    timestamp: isoInstant(bar.bucket),
    open: formatDecimal(bar.open),
    high: formatDecimal(bar.high),
    low: formatDecimal(bar.low),
    close: formatDecimal(bar.close),
    volume: formatDecimal(bar.volume),
    quoteAssetVolume: formatDecimal(bar.quoteVolume),
    numberOfTrades: bar.trades,
  };
}

export interface SeriesMetadata {
  exchange: string;
  symbol: string;
  interval: string;
  assetClass: string;
}

export function seriesMetadata(symbol: string, interval: CandleInterval): SeriesMetadata {
  return {
    exchange: EXCHANGE,
    symbol,
    interval: INTERVAL_LABEL[interval],
    assetClass: ASSET_CLASS,
  };
}

/** "2026-02-22T17:30:00Z", as the seed writes timestamps. */
function seedTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, "Z");
}

/**
 * The seed's §6 time-series document as JSON text. Decimals are written as JSON numbers, like
 * the seed, but from the exact decimal digits: nothing passes through a float.
 */
export function seriesDocument(metadata: SeriesMetadata, candles: readonly Candle[]): string {
  const head = [
    "{",
    '  "metadata": {',
    `    "exchange": ${JSON.stringify(metadata.exchange)},`,
    `    "symbol": ${JSON.stringify(metadata.symbol)},`,
    `    "interval": ${JSON.stringify(metadata.interval)},`,
    `    "asset_class": ${JSON.stringify(metadata.assetClass)}`,
    "  },",
  ];
  if (candles.length === 0) return [...head, '  "data": []', "}", ""].join("\n");
  const rows = candles.map((c) =>
    [
      "    {",
      `      "timestamp": ${JSON.stringify(seedTimestamp(c.timestamp))},`,
      `      "open": ${jsonNumber(c.open)},`,
      `      "high": ${jsonNumber(c.high)},`,
      `      "low": ${jsonNumber(c.low)},`,
      `      "close": ${jsonNumber(c.close)},`,
      `      "volume": ${jsonNumber(c.volume)},`,
      `      "quote_asset_volume": ${jsonNumber(c.quoteAssetVolume)},`,
      `      "number_of_trades": ${c.numberOfTrades}`,
      "    }",
    ].join("\n"),
  );
  return [...head, '  "data": [', rows.join(",\n"), "  ]", "}", ""].join("\n");
}

function jsonNumber(decimal: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) throw new Error(`not a decimal: ${decimal}`);
  return decimal;
}
