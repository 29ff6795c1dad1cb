import { DEFAULT_MAX_LOTS, DEFAULT_MAX_PRICE_TICKS, type TradeEvent } from "../matcher/index.ts";
import type { MarketRow } from "../db/schema.ts";
import { tapeSequence } from "../marketdata/tape.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";

/**
 * A market's filters as exact integers. The matcher works in ticks (price / tickSize) and lots
 * (amount / lotSize); one "quote unit" is tickSize × lotSize of the quote asset.
 */
export interface MarketSpec {
  symbol: string;
  base: string;
  quote: string;
  status: MarketRow["status"];
  tickSize: bigint;
  lotSize: bigint;
  /** tickSize × lotSize, in money units (money/decimal.ts SCALE). */
  quoteUnit: bigint;
  minNotional: bigint;
  makerFee: bigint;
  takerFee: bigint;
  /** Percent-price band: LIMIT prices within ± this many percent of the reference; null = none. */
  priceBandPercent: bigint | null;
  maxPriceTicks: number;
  maxLots: number;
}

export function marketSpec(row: MarketRow): MarketSpec {
  const tickSize = parseDecimal(row.tickSize);
  const lotSize = parseDecimal(row.lotSize);
  const quoteUnit = (tickSize * lotSize) / 10n ** 18n;
  if (quoteUnit * 10n ** 18n !== tickSize * lotSize) {
    throw new Error(`market ${row.symbol}: tickSize × lotSize needs more than 18 decimals`);
  }
  return {
    symbol: row.symbol,
    base: row.base,
    quote: row.quote,
    status: row.status,
    tickSize,
    lotSize,
    quoteUnit,
    minNotional: parseDecimal(row.minNotional),
    makerFee: parseDecimal(row.makerFee),
    takerFee: parseDecimal(row.takerFee),
    priceBandPercent: row.priceBandPercent === null ? null : parseDecimal(row.priceBandPercent),
    maxPriceTicks: DEFAULT_MAX_PRICE_TICKS,
    maxLots: DEFAULT_MAX_LOTS,
  };
}

export const ticksToPrice = (spec: MarketSpec, ticks: number | bigint) =>
  BigInt(ticks) * spec.tickSize;
export const lotsToAmount = (spec: MarketSpec, lots: number | bigint) =>
  BigInt(lots) * spec.lotSize;
export const unitsToQuote = (spec: MarketSpec, units: number | bigint) =>
  BigInt(units) * spec.quoteUnit;

/**
 * A matcher trade as the public tape records it: exact decimals from ticks and lots, the tape
 * sequence (command sequence × 2^20 + match index), the command's time. The matcher publishes it
 * live and market data stores it, both through this one function.
 */
export function tradeTickOf(spec: MarketSpec, event: TradeEvent): TradeTick {
  return {
    market: spec.symbol,
    sequence: tapeSequence(event.seq, event.matchIndex),
    price: formatDecimal(ticksToPrice(spec, event.priceTicks)),
    amount: formatDecimal(lotsToAmount(spec, event.lots)),
    quoteAmount: formatDecimal(unitsToQuote(spec, event.quote)),
    takerSide: event.takerSide,
    executedAt: new Date(event.ts),
  };
}
