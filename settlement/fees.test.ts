import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE, formatDecimal, parseDecimal } from "../money/decimal.ts";
import {
  feeOn,
  feeRate,
  liquidityOf,
  ratesFor,
  tradeFees,
  type FeeRates,
  type FeeTerms,
} from "./fees.ts";

const d = (text: string) => parseDecimal(text);
const show = (fees: { buyerFee: bigint; sellerFee: bigint }) => ({
  buyerFee: formatDecimal(fees.buyerFee),
  sellerFee: formatDecimal(fees.sellerFee),
});

// Distinct rates, so each test shows which one applied.
const terms: FeeTerms = {
  makerFee: d("0.001"),
  takerFee: d("0.002"),
  baseDecimals: 8,
  quoteDecimals: 8,
};

describe("who pays which rate", () => {
  it("the party on the taker's side is the taker, the other the maker", () => {
    expect(liquidityOf("BUY", "BUY")).toBe("TAKER");
    expect(liquidityOf("SELL", "BUY")).toBe("MAKER");
    expect(liquidityOf("SELL", "SELL")).toBe("TAKER");
    expect(liquidityOf("BUY", "SELL")).toBe("MAKER");
    expect(feeRate(terms, "MAKER")).toBe(d("0.001"));
    expect(feeRate(terms, "TAKER")).toBe(d("0.002"));
  });

  it("each pays in the asset it receives: the buyer in base, the seller in quote", () => {
    // 0.2 BTC for 12,000 USDT. Taker buys: 0.2 × 0.002 BTC; maker sells: 12,000 × 0.001 USDT.
    expect(show(tradeFees(terms, "BUY", d("0.2"), d("12000")))).toEqual({
      buyerFee: "0.0004",
      sellerFee: "12",
    });
    // Taker sells: the buyer is the maker (0.2 × 0.001), the seller the taker (12,000 × 0.002).
    expect(show(tradeFees(terms, "SELL", d("0.2"), d("12000")))).toEqual({
      buyerFee: "0.0002",
      sellerFee: "24",
    });
  });

  it("reproduces the example of docs/ORDERS.md (0.1 % both sides)", () => {
    const flat: FeeTerms = { ...terms, makerFee: d("0.001"), takerFee: d("0.001") };
    // 0.2 BTC bought at 64,000 by the taker pays 0.0002 BTC; the maker receiving 12,800 pays 12.8.
    expect(show(tradeFees(flat, "BUY", d("0.2"), d("12800")))).toEqual({
      buyerFee: "0.0002",
      sellerFee: "12.8",
    });
  });

  it("a zero rate takes nothing", () => {
    const free: FeeTerms = { ...terms, makerFee: 0n };
    expect(show(tradeFees(free, "BUY", d("0.2"), d("12000")))).toEqual({
      buyerFee: "0.0004",
      sellerFee: "0",
    });
  });
});

describe("rounding: down, to the received asset's decimals", () => {
  it("drops what lies past the asset's last digit", () => {
    // 1 lot of 0.00001 BTC at 123.45 is 0.0012345 USDT; × 0.001 = 0.0000012345 → 0.00000123.
    expect(formatDecimal(feeOn(d("0.0012345"), d("0.001"), 8))).toBe("0.00000123");
    // 1,234.5 × 0.001 = 1.2345: 1.23 for a 2-decimal asset, exact for a 4-decimal one.
    expect(formatDecimal(feeOn(d("1234.5"), d("0.001"), 2))).toBe("1.23");
    expect(formatDecimal(feeOn(d("1234.5"), d("0.001"), 4))).toBe("1.2345");
    // 0.999 × 0.001 = 0.000999 → 0.00099 at 5 decimals: down, never to the nearest (0.001).
    expect(formatDecimal(feeOn(d("0.999"), d("0.001"), 5))).toBe("0.00099");
  });

  it("a fee below the asset's last digit is dust: zero", () => {
    // 1 lot at 0.99 is 0.0000099 USDT; × 0.001 = 0.0000000099 < 0.00000001.
    expect(feeOn(d("0.0000099"), d("0.001"), 8)).toBe(0n);
    expect(show(tradeFees(terms, "BUY", d("0.00001"), d("0.0000099")))).toEqual({
      buyerFee: "0.00000002",
      sellerFee: "0",
    });
  });

  it("never takes more than the rate, and never a whole last digit less", () => {
    const received = fc.bigInt({ min: 0n, max: 10n ** 33n });
    const rate = fc.bigInt({ min: 0n, max: ONE / 10n });
    const decimals = fc.integer({ min: 0, max: 18 });
    fc.assert(
      fc.property(received, rate, decimals, (r, x, dp) => {
        const fee = feeOn(r, x, dp);
        const digit = 10n ** BigInt(18 - dp);
        expect(fee % digit).toBe(0n); // a whole number of the asset's smallest digit
        expect(fee * ONE <= r * x).toBe(true); // ≤ received × rate, exactly
        expect((fee + digit) * ONE > r * x).toBe(true); // and the next digit up would be more
      }),
    );
  });
});

describe("fee tiers: each party pays the lower of its tier's rate and the market's", () => {
  const rates = (makerFee: string, takerFee: string): FeeRates => ({
    makerFee: d(makerFee),
    takerFee: d(takerFee),
  });
  const shown = (r: FeeRates) => [formatDecimal(r.makerFee), formatDecimal(r.takerFee)];

  it("no tier (tier 0): the market's rates", () => {
    expect(shown(ratesFor(terms, undefined))).toEqual(["0.001", "0.002"]);
  });

  it("per rate, the lower: a tier never raises what the market charges", () => {
    expect(shown(ratesFor(terms, rates("0.0005", "0.0015")))).toEqual(["0.0005", "0.0015"]);
    expect(shown(ratesFor(terms, rates("0.003", "0.0001")))).toEqual(["0.001", "0.0001"]);
    expect(shown(ratesFor(terms, rates("0.001", "0.002")))).toEqual(["0.001", "0.002"]);
  });

  it("the buyer and the seller of one trade each pay at their own tier", () => {
    // 0.2 BTC for 12,000 USDT, taker buys. Buyer (taker) at tier taker 0.0005; seller (maker) none.
    expect(
      show(tradeFees(terms, "BUY", d("0.2"), d("12000"), { buyer: rates("0", "0.0005") })),
    ).toEqual({ buyerFee: "0.0001", sellerFee: "12" });
    // Seller (maker) at tier maker 0; the buyer (taker) at the market's 0.002.
    expect(
      show(tradeFees(terms, "BUY", d("0.2"), d("12000"), { seller: rates("0", "0.001") })),
    ).toEqual({ buyerFee: "0.0004", sellerFee: "0" });
    // Taker sells: the seller pays its tier's taker rate, the buyer its tier's maker rate.
    const both = { buyer: rates("0.0008", "0.0009"), seller: rates("0.0007", "0.0012") };
    expect(show(tradeFees(terms, "SELL", d("0.2"), d("12000"), both))).toEqual({
      buyerFee: "0.00016",
      sellerFee: "14.4",
    });
  });

  it("a tier's fee is rounded down to the received asset's decimals, like any other", () => {
    // 0.00001 BTC × 0.00075 = 0.0000000075 → 0 at 8 decimals; 0.6 USDT × 0.00075 = 0.00045.
    expect(
      show(
        tradeFees(terms, "BUY", d("0.00001"), d("0.6"), {
          buyer: rates("0.00075", "0.00075"),
          seller: rates("0.00075", "0.00075"),
        }),
      ),
    ).toEqual({ buyerFee: "0", sellerFee: "0.00045" });
  });
});
