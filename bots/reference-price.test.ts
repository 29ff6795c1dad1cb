import { describe, expect, it } from "vitest";
import { generateMinuteCandles } from "../marketdata/generator.ts";
import { parseDecimal } from "../money/decimal.ts";
import { createReferenceWalk } from "./reference-price.ts";

const options = {
  market: "BTC_USDT",
  startPrice: parseDecimal("64000"),
  tickSize: parseDecimal("0.01"),
  lotSize: parseDecimal("0.00001"),
  seed: 7,
  startMs: Date.UTC(2026, 0, 1, 12, 0, 30),
};

describe("createReferenceWalk", () => {
  it("starts at the start price and passes through the generator's closes minute by minute", () => {
    const walk = createReferenceWalk(options);
    const minute = Date.UTC(2026, 0, 1, 12, 0);
    expect(walk.priceAt(minute)).toBe(options.startPrice);
    const bars = [...generateMinuteCandles({ ...options, start: minute, minutes: 5 })];
    for (const [i, bar] of bars.entries()) {
      expect(walk.priceAt(minute + (i + 1) * 60_000 - 1)).toBeLessThanOrEqual(
        bar.close > bar.open ? bar.close : bar.open,
      );
      expect(walk.priceAt(minute + (i + 1) * 60_000)).toBe(bar.close);
    }
  });

  it("moves in whole ticks and little within a second", () => {
    const walk = createReferenceWalk(options);
    let previous = walk.priceAt(options.startMs);
    for (let t = options.startMs; t < options.startMs + 600_000; t += 1_000) {
      const price = walk.priceAt(t);
      expect(price % options.tickSize).toBe(0n);
      const move = price > previous ? price - previous : previous - price;
      // 0.05 % a minute: a second's move is far below 0.1 % of the price.
      expect(move * 1_000n).toBeLessThan(price);
      previous = price;
    }
  });
});
