import { formatDecimal } from "../money/decimal.ts";
import { INTERVAL_LABEL, type CandleInterval } from "./intervals.ts";
import type { Candle, CandleAggregate } from "./types.ts";

export const EXCHANGE = "EventHub_DEX";
export const ASSET_CLASS = "crypto";

export function toCandle(bar: CandleAggregate): Candle {
  return {
    timestamp: new Date(bar.bucket).toISOString(),
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
