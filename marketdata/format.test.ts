import { describe, expect, it } from "vitest";
import { renderChartHtml } from "./chart.ts";
import fc from "fast-check";
import { isoInstant, seriesDocument, seriesMetadata, toCandle } from "./format.ts";
import type { Candle } from "./types.ts";

const candles: Candle[] = [
  {
    timestamp: "2026-02-22T17:30:00.000Z",
    open: "64230.5",
    high: "64285",
    low: "64190.2",
    close: "64250.75",
    volume: "12.54",
    quoteAssetVolume: "805703.90500000000000001",
    numberOfTrades: 345,
  },
  {
    timestamp: "2026-02-22T17:31:00.000Z",
    open: "64250.75",
    high: "64310",
    low: "64240.1",
    close: "64305.2",
    volume: "15.2",
    quoteAssetVolume: "976999.04",
    numberOfTrades: 412,
  },
];

describe("seriesDocument", () => {
  it("writes the seed's document: metadata + data with snake_case keys and exact digits", () => {
    const text = seriesDocument(seriesMetadata("BTC_USDT", "M1"), candles);
    const doc = JSON.parse(text) as { metadata: unknown; data: Record<string, unknown>[] };
    expect(doc.metadata).toEqual({
      exchange: "EventHub_DEX",
      symbol: "BTC_USDT",
      interval: "1m",
      asset_class: "crypto",
    });
    expect(Object.keys(doc.data[0] ?? {})).toEqual([
      "timestamp",
      "open",
      "high",
      "low",
      "close",
      "volume",
      "quote_asset_volume",
      "number_of_trades",
    ]);
    expect(doc.data[0]?.timestamp).toBe("2026-02-22T17:30:00Z");
    expect(doc.data[1]?.number_of_trades).toBe(412);
    // Digits a float could not carry survive in the text.
    expect(text).toContain('"quote_asset_volume": 805703.90500000000000001');
  });

  it("writes an empty series as an empty data array", () => {
    const empty = JSON.parse(seriesDocument(seriesMetadata("ETH_BTC", "W1"), [])) as {
      data: unknown;
    };
    expect(empty.data).toEqual([]);
    expect(seriesMetadata("ETH_BTC", "W1").interval).toBe("1w");
  });

  it("formats a stored bar as decimal strings", () => {
    const bar = toCandle({
      market: "X",
      interval: "H1",
      bucket: Date.parse("2026-02-22T17:00:00Z"),
      open: 10n ** 18n,
      high: 2n * 10n ** 18n,
      low: 5n * 10n ** 17n,
      close: 15n * 10n ** 17n,
      volume: 1n,
      quoteVolume: 0n,
      trades: 3,
      openAt: 0,
      openSeq: 0n,
      closeAt: 0,
      closeSeq: 0n,
    });
    expect(bar).toEqual({
      timestamp: "2026-02-22T17:00:00.000Z",
      open: "1",
      high: "2",
      low: "0.5",
      close: "1.5",
      volume: "0.000000000000000001",
      quoteAssetVolume: "0",
      numberOfTrades: 3,
    });
  });
});

describe("renderChartHtml", () => {
  it("is one self-contained page: an SVG candle per bar, nothing loaded from elsewhere", () => {
    const html = renderChartHtml(seriesMetadata("BTC_USDT", "M1"), candles);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('class="up"');
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(html).toContain("BTC_USDT");
  });
});

describe("isoInstant", () => {
  it("writes what toISOString writes, for runs of bars and for any instant", () => {
    const start = Date.UTC(2026, 1, 22, 23, 30);
    for (let i = 0; i < 200; i++) {
      const ms = start + i * 60_000; // crosses midnight
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
    const anyTime = fc.integer({ min: -8.64e15, max: 8.64e15 });
    const steps = fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), {
      maxLength: 20,
    });
    fc.assert(
      fc.property(anyTime, steps, (first, moves) => {
        let ms = first;
        for (const move of [0, ...moves]) {
          ms = Math.max(-8.64e15, Math.min(8.64e15, ms + move));
          if (isoInstant(ms) !== new Date(ms).toISOString()) return false;
        }
        return true;
      }),
    );
    for (const ms of [
      0, -1, -62167219200000, -62167219200001, 253402300799999, 253402300800000, 1.5,
    ]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
    expect(() => isoInstant(8.64e15 + 1)).toThrow(RangeError);
  });
});
