import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { DEFAULT_MAKER, diffQuotes, planLadder } from "./market-maker.ts";
import type { BotMarket } from "./market-spec.ts";

const market: BotMarket = {
  symbol: "BTC_USDT",
  base: "BTC",
  quote: "USDT",
  tickSize: parseDecimal("0.01"),
  lotSize: parseDecimal("0.00001"),
  minNotional: parseDecimal("5"),
  priceBandPercent: null,
};
const reference = parseDecimal("64000.37");

describe("planLadder", () => {
  it("quotes `levels` bids below and asks above the reference, on the grid, above minNotional", () => {
    const quotes = planLadder({ market, settings: DEFAULT_MAKER, reference, inventory: 0n });
    const bids = quotes.filter((q) => q.side === "BUY");
    const asks = quotes.filter((q) => q.side === "SELL");
    expect(bids).toHaveLength(10);
    expect(asks).toHaveLength(10);
    expect(bids.every((q) => q.price < reference)).toBe(true);
    expect(asks.every((q) => q.price > reference)).toBe(true);
    for (const q of quotes) {
      expect(q.price % market.tickSize).toBe(0n);
      expect(q.amount % market.lotSize).toBe(0n);
      expect((q.price * q.amount) / 10n ** 18n >= market.minNotional).toBe(true);
    }
  });

  it("changes nothing for a move inside a grid step, one level a side for a step", () => {
    const before = planLadder({ market, settings: DEFAULT_MAKER, reference, inventory: 0n });
    const nudged = planLadder({
      market,
      settings: DEFAULT_MAKER,
      reference: reference + parseDecimal("0.5"),
      inventory: 0n,
    });
    expect(diffQuotes(restingOf(before), nudged)).toEqual({ cancel: [], place: [] });
    const step = parseDecimal("12.8"); // 2 bp of 64,000
    const moved = planLadder({
      market,
      settings: DEFAULT_MAKER,
      reference: reference + step,
      inventory: 0n,
    });
    const { cancel, place } = diffQuotes(restingOf(before), moved);
    expect(cancel).toHaveLength(2);
    expect(place).toHaveLength(2);
  });

  it("leans against its inventory and stops the side that would grow it past the bound", () => {
    const flat = planLadder({ market, settings: DEFAULT_MAKER, reference, inventory: 0n });
    const long = planLadder({
      market,
      settings: DEFAULT_MAKER,
      reference,
      inventory: parseDecimal("0.1"),
    });
    const bestAsk = (qs: typeof flat) => qs.filter((q) => q.side === "SELL")[0]!.price;
    expect(bestAsk(long)).toBeLessThan(bestAsk(flat));
    const tooLong = planLadder({
      market,
      settings: DEFAULT_MAKER,
      reference,
      inventory: parseDecimal("10"),
    });
    expect(tooLong.filter((q) => q.side === "BUY")).toEqual([]);
    expect(tooLong.filter((q) => q.side === "SELL")).toHaveLength(10);
    const tooShort = planLadder({
      market,
      settings: DEFAULT_MAKER,
      reference,
      inventory: parseDecimal("-10"),
    });
    expect(tooShort.filter((q) => q.side === "SELL")).toEqual([]);
  });

  it("keeps inside a price band", () => {
    const banded = { ...market, priceBandPercent: parseDecimal("0.05") };
    const quotes = planLadder({
      market: banded,
      settings: DEFAULT_MAKER,
      reference,
      inventory: 0n,
    });
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThan(20);
    for (const q of quotes) expect(q.price * 10_000n >= reference * 9_995n).toBe(true);
  });
});

describe("diffQuotes", () => {
  it("cancels what is not wanted or repeated and places what is missing", () => {
    const wanted = [
      { side: "BUY" as const, price: parseDecimal("100"), amount: 1n },
      { side: "SELL" as const, price: parseDecimal("101"), amount: 1n },
    ];
    const resting = [
      { id: "a", side: "BUY" as const, price: "100" },
      { id: "b", side: "BUY" as const, price: "100.00" },
      { id: "c", side: "SELL" as const, price: "102" },
    ];
    expect(diffQuotes(resting, wanted)).toEqual({ cancel: ["b", "c"], place: [wanted[1]] });
  });
});

function restingOf(quotes: ReturnType<typeof planLadder>) {
  return quotes.map((q, i) => ({ id: String(i), side: q.side, price: formatDecimal(q.price) }));
}
