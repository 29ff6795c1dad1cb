import { describe, expect, it } from "vitest";
import { publicTrade, tapeSequence } from "./tape.ts";

describe("the public tape", () => {
  it("orders trades by command sequence, then by match index", () => {
    expect(tapeSequence(1, 0)).toBe(1n << 20n);
    expect(tapeSequence(1, 999) < tapeSequence(2, 0)).toBe(true);
  });

  it("shows a recorded trade with canonical decimals and its market-scoped id", () => {
    expect(
      publicTrade({
        market: "BTC_USDT",
        sequence: 42n,
        price: "64000.50",
        amount: "0.010",
        quoteAmount: "640.005000",
        takerSide: "SELL",
        executedAt: new Date("2026-02-22T18:00:00.000Z"),
      }),
    ).toEqual({
      id: "BTC_USDT:42",
      market: "BTC_USDT",
      sequence: "42",
      price: "64000.5",
      amount: "0.01",
      quoteAmount: "640.005",
      takerSide: "SELL",
      executedAt: "2026-02-22T18:00:00.000Z",
    });
  });
});
