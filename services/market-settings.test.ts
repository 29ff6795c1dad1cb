import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/errors.ts";
import {
  validAsset,
  validMarket,
  validMarketUpdate,
  type MarketRequest,
} from "./market-settings.ts";

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...error.details, message: error.message };
  }
  throw new Error("expected a refusal");
}

const ASSETS = new Map([
  ["BTC", { symbol: "BTC", decimals: 8 }],
  ["USDT", { symbol: "USDT", decimals: 6 }],
  ["JPY", { symbol: "JPY", decimals: 0 }],
]);
const assetOf = (symbol: string) => ASSETS.get(symbol) ?? null;

const btcUsdt: MarketRequest = {
  symbol: "BTC_USDT",
  base: "BTC",
  quote: "USDT",
  tickSize: "0.01",
  lotSize: "0.0001",
  minNotional: "5",
  makerFee: "0.001",
  takerFee: "0.0020",
};

describe("validAsset", () => {
  it("accepts a listed-to-be asset and canonicalises its fee", () => {
    expect(
      validAsset({ symbol: "SOL", name: " Solana ", decimals: 9, withdrawalFee: "0.0100" }),
    ).toEqual({ symbol: "SOL", name: "Solana", decimals: 9, withdrawalFee: "0.01" });
    expect(validAsset({ symbol: "X2", name: "x", decimals: 0, withdrawalFee: "0" })).toMatchObject({
      decimals: 0,
    });
  });

  it("refuses each bad field with BAD_USER_INPUT naming it", () => {
    const good = { symbol: "SOL", name: "Solana", decimals: 9, withdrawalFee: "0" };
    const cases: [Partial<typeof good>, string][] = [
      [{ symbol: "sol" }, "symbol"],
      [{ symbol: "S" }, "symbol"],
      [{ symbol: "A".repeat(17) }, "symbol"],
      [{ symbol: "SO-L" }, "symbol"],
      [{ name: "  " }, "name"],
      [{ name: "n".repeat(65) }, "name"],
      [{ decimals: -1 }, "decimals"],
      [{ decimals: 19 }, "decimals"],
      [{ decimals: 1.5 }, "decimals"],
      [{ withdrawalFee: "-1" }, "withdrawalFee"],
      [{ withdrawalFee: "0.0000000001" }, "withdrawalFee"],
      [{ withdrawalFee: "abc" }, "withdrawalFee"],
    ];
    for (const [change, field] of cases) {
      expect(refusal(() => validAsset({ ...good, ...change }))).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
  });
});

describe("validMarket", () => {
  it("accepts BASE_QUOTE of listed assets with representable steps", () => {
    expect(validMarket({ ...btcUsdt, priceBandPercent: "10.0" }, assetOf)).toEqual({
      symbol: "BTC_USDT",
      base: "BTC",
      quote: "USDT",
      tickSize: "0.01",
      lotSize: "0.0001",
      minNotional: "5",
      makerFee: "0.001",
      takerFee: "0.002",
      priceBandPercent: "10",
    });
    expect(validMarket(btcUsdt, assetOf).priceBandPercent).toBeNull();
  });

  it("refuses each broken rule with BAD_USER_INPUT naming the field", () => {
    const cases: [Partial<MarketRequest>, string][] = [
      [{ symbol: "BTCUSDT" }, "symbol"],
      [{ symbol: "USDT_BTC" }, "symbol"],
      [{ base: "btc", symbol: "btc_USDT" }, "base"],
      [{ base: "USDT", symbol: "USDT_USDT" }, "quote"],
      [{ base: "ETH", symbol: "ETH_USDT" }, "base"],
      [{ quote: "EUR", symbol: "BTC_EUR" }, "quote"],
      [
        {
          base: "A".repeat(16),
          quote: "B".repeat(16),
          symbol: `${"A".repeat(16)}_${"B".repeat(16)}`,
        },
        "symbol",
      ],
      [{ tickSize: "0" }, "tickSize"],
      [{ tickSize: "-0.01" }, "tickSize"],
      // More decimals than USDT has.
      [{ tickSize: "0.0000001" }, "tickSize"],
      [{ lotSize: "0.000000001" }, "lotSize"],
      [{ lotSize: "0" }, "lotSize"],
      // 0.01 × 0.00001 = 0.0000001: 7 decimals, USDT has 6.
      [{ lotSize: "0.00001" }, "tickSize"],
      [{ tickSize: "100000000" }, "tickSize"],
      [{ minNotional: "-1" }, "minNotional"],
      [{ minNotional: "0.0000001" }, "minNotional"],
      [{ makerFee: "1.01" }, "makerFee"],
      [{ takerFee: "-0.001" }, "takerFee"],
      [{ priceBandPercent: "0" }, "priceBandPercent"],
      [{ priceBandPercent: "100.5" }, "priceBandPercent"],
    ];
    for (const [change, field] of cases) {
      expect(
        refusal(() => validMarket({ ...btcUsdt, ...change }, assetOf)),
        field,
      ).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
  });

  it("lets fees be 0 and 1 and the band 100, and a whole-number quote take whole ticks", () => {
    const edges = { makerFee: "0", takerFee: "1", priceBandPercent: "100" };
    expect(validMarket({ ...btcUsdt, ...edges }, assetOf)).toMatchObject(edges);
    const btcJpy = { ...btcUsdt, symbol: "BTC_JPY", quote: "JPY", tickSize: "1", lotSize: "1" };
    expect(validMarket(btcJpy, assetOf)).toMatchObject({ tickSize: "1", lotSize: "1" });
    expect(refusal(() => validMarket({ ...btcJpy, lotSize: "0.1" }, assetOf))).toMatchObject({
      field: "tickSize",
    });
  });
});

describe("validMarketUpdate", () => {
  it("changes only what is given; an explicit null band removes it", () => {
    expect(validMarketUpdate({ symbol: "M", takerFee: "0.005" }, 6)).toEqual({ takerFee: "0.005" });
    expect(validMarketUpdate({ symbol: "M", priceBandPercent: null }, 6)).toEqual({
      priceBandPercent: null,
    });
    expect(
      validMarketUpdate(
        { symbol: "M", makerFee: "0", minNotional: "10", priceBandPercent: "5" },
        6,
      ),
    ).toEqual({ makerFee: "0", minNotional: "10", priceBandPercent: "5" });
  });

  it("refuses nothing to change, a null fee or minimum, and values out of range", () => {
    const cases: [Parameters<typeof validMarketUpdate>[0], string][] = [
      [{ symbol: "M" }, "symbol"],
      [{ symbol: "M", makerFee: null }, "makerFee"],
      [{ symbol: "M", minNotional: null }, "minNotional"],
      [{ symbol: "M", takerFee: "2" }, "takerFee"],
      [{ symbol: "M", minNotional: "0.0000001" }, "minNotional"],
      [{ symbol: "M", priceBandPercent: "-3" }, "priceBandPercent"],
    ];
    for (const [input, field] of cases) {
      expect(refusal(() => validMarketUpdate(input, 6))).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
  });
});
