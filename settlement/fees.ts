import { assertNever } from "../kernel/assert-never.ts";
import type { Side } from "../matcher/index.ts";
import { min, multiplyFloor } from "../money/decimal.ts";

/**
 * Fee rules of a trade (docs/ORDERS.md §4 "Settlement" and "Rounding"). Rates and amounts are
 * money units: bigint at money/decimal.ts SCALE (18 decimal places), so 0.1 % is 10^15.
 *
 * - The maker pays `makerFee`, the taker `takerFee`: the market's rates, or the lower rates of
 *   the party's fee tier (`ratesFor`; tier 0, no tier: the market's). The two parties of a trade
 *   may thus pay different rates.
 * - Each party pays in the asset it receives: the buyer in base, the seller in quote; nothing is
 *   locked for fees at placement.
 * - Fee = received × rate, rounded down to the received asset's decimals: the exchange never
 *   takes more than the rate, and a fee smaller than the asset's last digit is zero.
 */
/** A maker and a taker rate: a market's, or a fee tier's. */
export interface FeeRates {
  makerFee: bigint;
  takerFee: bigint;
}

export interface FeeTerms extends FeeRates {
  /** Decimal places of the base asset (assets.decimals): the buyer's fee is rounded to them. */
  baseDecimals: number;
  /** Decimal places of the quote asset: the seller's fee is rounded to them. */
  quoteDecimals: number;
}

export type Liquidity = "MAKER" | "TAKER";

/** Whether the party on `side` of a trade made or took liquidity. */
export function liquidityOf(side: Side, takerSide: Side): Liquidity {
  return side === takerSide ? "TAKER" : "MAKER";
}

export function feeRate(terms: FeeRates, liquidity: Liquidity) {
  switch (liquidity) {
    case "MAKER":
      return terms.makerFee;
    case "TAKER":
      return terms.takerFee;
    default:
      return assertNever(liquidity);
  }
}

/** received × rate, rounded down to `decimals` places of the received asset. */
export function feeOn(received: bigint, rate: bigint, decimals: number): bigint {
  return multiplyFloor(received, rate, decimals);
}

export interface TradeFees {
  /** In base, out of the `amount` the buyer receives. */
  buyerFee: bigint;
  /** In quote, out of the `quote` the seller receives. */
  sellerFee: bigint;
}

/**
 * What a party pays on a market: per liquidity, the lower of the market's rate and its fee
 * tier's. No tier (tier 0): the market's rates.
 */
export function ratesFor(market: FeeRates, tier: FeeRates | undefined): FeeRates {
  if (!tier) return { makerFee: market.makerFee, takerFee: market.takerFee };
  return {
    makerFee: min(market.makerFee, tier.makerFee),
    takerFee: min(market.takerFee, tier.takerFee),
  };
}

/** The fee-tier rates of a trade's buyer and seller; a party left out pays the market's. */
export interface PartyTiers {
  buyer?: FeeRates;
  seller?: FeeRates;
}

/**
 * The fees of one trade of `amount` base for `quote` quote whose taker was on `takerSide`, each
 * party at its own rate (`ratesFor` its tier).
 */
export function tradeFees(
  terms: FeeTerms,
  takerSide: Side,
  amount: bigint,
  quote: bigint,
  tiers: PartyTiers = {},
) {
  const buyerRate = feeRate(ratesFor(terms, tiers.buyer), liquidityOf("BUY", takerSide));
  const sellerRate = feeRate(ratesFor(terms, tiers.seller), liquidityOf("SELL", takerSide));
  return {
    buyerFee: feeOn(amount, buyerRate, terms.baseDecimals),
    sellerFee: feeOn(quote, sellerRate, terms.quoteDecimals),
  } satisfies TradeFees;
}
