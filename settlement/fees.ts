import { assertNever } from "../kernel/assert-never.ts";
import type { Side } from "../matcher/index.ts";
import { multiplyFloor } from "../money/decimal.ts";

/**
 * Fee rules of a trade (docs/ORDERS.md §4 "Settlement" and "Rounding"). Rates and amounts are
 * money units: bigint at money/decimal.ts SCALE (18 decimal places), so 0.1 % is 10^15.
 *
 * - The maker pays `makerFee`, the taker `takerFee` (one market's rates).
 * - Each party pays in the asset it receives: the buyer in base, the seller in quote; nothing is
 *   locked for fees at placement.
 * - Fee = received × rate, rounded down to the received asset's decimals: the exchange never
 *   takes more than the rate, and a fee smaller than the asset's last digit is zero.
 */
export interface FeeTerms {
  makerFee: bigint;
  takerFee: bigint;
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

export function feeRate(terms: Pick<FeeTerms, "makerFee" | "takerFee">, liquidity: Liquidity) {
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

/** The fees of one trade of `amount` base for `quote` quote whose taker was on `takerSide`. */
export function tradeFees(terms: FeeTerms, takerSide: Side, amount: bigint, quote: bigint) {
  const buyerRate = feeRate(terms, liquidityOf("BUY", takerSide));
  const sellerRate = feeRate(terms, liquidityOf("SELL", takerSide));
  return {
    buyerFee: feeOn(amount, buyerRate, terms.baseDecimals),
    sellerFee: feeOn(quote, sellerRate, terms.quoteDecimals),
  } satisfies TradeFees;
}
