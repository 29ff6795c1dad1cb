import { describe, expect, it } from "vitest";
import { parseDecimal } from "../money/decimal.ts";
import { generateMinuteCandles, type HistoryOptions } from "./generator.ts";
import { createRandom } from "./random.ts";

const options: HistoryOptions = {
  market: "BTC_USDT",
  start: Date.parse("2026-02-22T00:00:00Z"),
  minutes: 2_000,
  startPrice: parseDecimal("64000"),
  tickSize: parseDecimal("0.01"),
  lotSize: parseDecimal("0.00001"),
  seed: 42,
};

describe("generateMinuteCandles", () => {
  it("gives the same series for the same seed and another for another seed", () => {
    const a = [...generateMinuteCandles(options)];
    const b = [...generateMinuteCandles(options)];
    const c = [...generateMinuteCandles({ ...options, seed: 43 })];
    expect(a).toEqual(b);
    expect(a.map((x) => x.close)).not.toEqual(c.map((x) => x.close));
  });

  it("makes well-formed bars on the market's grid, one per minute, each opening at the last close", () => {
    const bars = [...generateMinuteCandles(options)];
    expect(bars).toHaveLength(2_000);
    bars.forEach((bar, i) => {
      expect(bar.bucket).toBe(options.start + i * 60_000);
      expect(bar.low).toBeLessThanOrEqual(bar.open < bar.close ? bar.open : bar.close);
      expect(bar.high).toBeGreaterThanOrEqual(bar.open > bar.close ? bar.open : bar.close);
      expect(bar.low).toBeGreaterThan(0n);
      expect(bar.volume).toBeGreaterThan(0n);
      for (const price of [bar.open, bar.high, bar.low, bar.close])
        expect(price % options.tickSize).toBe(0n);
      expect(bar.volume % options.lotSize).toBe(0n);
      expect(bar.quoteVolume).toBe((bar.volume * bar.close) / 10n ** 18n);
      expect(bar.volume).toBeGreaterThanOrEqual(parseDecimal("5"));
      expect(bar.volume).toBeLessThanOrEqual(parseDecimal("25"));
      expect(bar.trades).toBeGreaterThanOrEqual(100);
      expect(bar.trades).toBeLessThan(500);
      if (i > 0) expect(bar.open).toBe(bars[i - 1]!.close);
    });
    expect(bars[0]!.open).toBe(options.startPrice);
  });

  it("moves about 0.05 % per minute, like the seed", () => {
    const bars = [...generateMinuteCandles({ ...options, minutes: 20_000 })];
    const returns = bars.map((b) => Number(b.close - b.open) / Number(b.open));
    const sd = Math.sqrt(returns.reduce((s, r) => s + r * r, 0) / returns.length);
    expect(sd).toBeGreaterThan(0.00045);
    expect(sd).toBeLessThan(0.00055);
  });
});

describe("createRandom", () => {
  it("draws standard normals with mean 0 and sd 1", () => {
    const random = createRandom(7);
    const xs = Array.from({ length: 50_000 }, () => random.gauss(1));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});
