import { graphql } from "../client/generated/index.ts";
import type { ExchangeClient } from "../client/exchange-client.ts";
import { parseDecimal } from "../money/decimal.ts";

/** A market's trading grid as bots compute with it: exact units (money/decimal.ts). */
export interface BotMarket {
  symbol: string;
  base: string;
  quote: string;
  tickSize: bigint;
  lotSize: bigint;
  minNotional: bigint;
  /** null: the market has no percent-price band. */
  priceBandPercent: bigint | null;
}

const BOT_MARKETS = graphql(`
  query BotMarkets {
    markets {
      symbol
      base
      quote
      tickSize
      lotSize
      minNotional
      priceBandPercent
    }
  }
`);

/** The market's grid from the public `markets` query; MARKET_NOT_FOUND-like Error if absent. */
export async function loadBotMarket(client: ExchangeClient, symbol: string): Promise<BotMarket> {
  const { markets } = await client.request(BOT_MARKETS);
  const market = markets.find((m) => m.symbol === symbol);
  if (!market) throw new Error(`no market ${symbol}`);
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    tickSize: parseDecimal(market.tickSize),
    lotSize: parseDecimal(market.lotSize),
    minNotional: parseDecimal(market.minNotional),
    priceBandPercent: market.priceBandPercent ? parseDecimal(market.priceBandPercent) : null,
  };
}

/** Whole lots of at least `notional` (quote units) at `price`: never below minNotional. */
export function lotsFor(market: BotMarket, notional: bigint, price: bigint): bigint {
  const wanted = notional > market.minNotional ? notional : market.minNotional;
  // amount = notional / price, in units: notional × 10^18 / price, rounded up to a lot.
  const amount = (wanted * 10n ** 18n + price - 1n) / price;
  return (amount + market.lotSize - 1n) / market.lotSize;
}

/** Whether a LIMIT at `price` stays inside the band around `reference` (no band: always). */
export function insideBand(market: BotMarket, price: bigint, reference: bigint): boolean {
  if (market.priceBandPercent === null) return true;
  const allowed = (reference * market.priceBandPercent) / (100n * 10n ** 18n);
  const distance = price > reference ? price - reference : reference - price;
  return distance <= allowed;
}
