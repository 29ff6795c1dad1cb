import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { candleOfTrade, foldTrades, mergeCandles, uniqueTrades } from "./fold.ts";
import { CANDLE_INTERVALS, INTERVAL_MS, type CandleInterval } from "./intervals.ts";
import type { CandleAggregate, TradeTick } from "./types.ts";

const BASE = Date.parse("2026-02-22T17:00:00Z");

const tradeArb = (market: string) =>
  fc.record({
    market: fc.constant(market),
    sequence: fc.bigInt({ min: 1n, max: 10_000n }),
    price: fc
      .integer({ min: 1, max: 10_000_000 })
      .map((n) => formatDecimal(BigInt(n) * 10n ** 16n)),
    amount: fc
      .integer({ min: 1, max: 1_000_000 })
      .map((n) => formatDecimal(BigInt(n) * 10n ** 13n)),
    quoteAmount: fc.integer({ min: 0, max: 1_000_000 }).map((n) => `${n}.5`),
    takerSide: fc.constantFrom("BUY" as const, "SELL" as const),
    // ±9 days around a Sunday evening: crosses day and week (Monday) boundaries.
    executedAt: fc
      .integer({ min: -9 * 86_400_000, max: 9 * 86_400_000 })
      .map((d) => new Date(BASE + d)),
  });

/** Independent reference: group by aligned bar, sort by (time, sequence), read off the bar. */
function reference(trades: TradeTick[], interval: CandleInterval) {
  const origin = interval === "W1" ? Date.UTC(2000, 0, 3) : Date.UTC(2000, 0, 1);
  const size = INTERVAL_MS[interval];
  const groups = new Map<number, TradeTick[]>();
  for (const t of trades) {
    const start =
      t.executedAt.getTime() - ((((t.executedAt.getTime() - origin) % size) + size) % size);
    groups.set(start, [...(groups.get(start) ?? []), t]);
  }
  return new Map(
    [...groups].map(([start, group]) => {
      const sorted = [...group].sort(
        (a, b) =>
          a.executedAt.getTime() - b.executedAt.getTime() || (a.sequence < b.sequence ? -1 : 1),
      );
      const prices = sorted.map((t) => parseDecimal(t.price));
      return [
        start,
        {
          open: formatDecimal(prices[0]!),
          close: formatDecimal(prices.at(-1)!),
          high: formatDecimal(prices.reduce((a, b) => (a > b ? a : b))),
          low: formatDecimal(prices.reduce((a, b) => (a < b ? a : b))),
          volume: formatDecimal(sorted.reduce((s, t) => s + parseDecimal(t.amount), 0n)),
          quoteVolume: formatDecimal(sorted.reduce((s, t) => s + parseDecimal(t.quoteAmount), 0n)),
          trades: sorted.length,
        },
      ];
    }),
  );
}

const view = (bar: CandleAggregate) => ({
  open: formatDecimal(bar.open),
  close: formatDecimal(bar.close),
  high: formatDecimal(bar.high),
  low: formatDecimal(bar.low),
  volume: formatDecimal(bar.volume),
  quoteVolume: formatDecimal(bar.quoteVolume),
  trades: bar.trades,
});

describe("foldTrades", () => {
  it("matches an independent computation for every interval, in any order, ignoring duplicates", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(tradeArb("FOLD_T"), {
          selector: (t) => t.sequence,
          minLength: 1,
          maxLength: 60,
        }),
        fc.infiniteStream(fc.nat()),
        (trades, randomness) => {
          const shuffled = [...trades, ...trades.slice(0, 5)]
            .map((t) => ({ t, r: randomness.next().value as number }))
            .sort((a, b) => a.r - b.r)
            .map((x) => x.t);
          const bars = foldTrades(uniqueTrades(shuffled));
          for (const interval of CANDLE_INTERVALS) {
            const expected = reference(trades, interval);
            const actual = bars.filter((b) => b.interval === interval);
            expect(actual.length).toBe(expected.size);
            for (const bar of actual) expect(view(bar)).toEqual(expected.get(bar.bucket));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("takes open and close by (time, sequence) when trades share a timestamp", () => {
    const at = new Date("2026-02-22T17:30:10Z");
    const t = (sequence: bigint, price: string): TradeTick => ({
      market: "X",
      sequence,
      price,
      amount: "1",
      quoteAmount: price,
      takerSide: "BUY",
      executedAt: at,
    });
    const [bar] = foldTrades([t(7n, "3"), t(5n, "1"), t(6n, "2")], ["M1"]);
    expect(formatDecimal(bar!.open)).toBe("1");
    expect(formatDecimal(bar!.close)).toBe("3");
  });

  it("merges bars commutatively and associatively", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(tradeArb("M"), { selector: (t) => t.sequence, minLength: 3, maxLength: 3 }),
        (ts) => {
          const [a, b, c] = ts.map((t) =>
            candleOfTrade({ ...t, executedAt: new Date(BASE) }, "H1"),
          ) as [CandleAggregate, CandleAggregate, CandleAggregate];
          expect(mergeCandles(a, b)).toEqual(mergeCandles(b, a));
          expect(mergeCandles(mergeCandles(a, b), c)).toEqual(mergeCandles(a, mergeCandles(b, c)));
        },
      ),
    );
  });

  it("keeps the first delivery of a (market, sequence)", () => {
    const t: TradeTick = {
      market: "A",
      sequence: 1n,
      price: "1",
      amount: "1",
      quoteAmount: "1",
      takerSide: "BUY",
      executedAt: new Date(BASE),
    };
    expect(
      uniqueTrades([t, { ...t, price: "2" }, { ...t, market: "B" }]).map((x) => x.price),
    ).toEqual(["1", "1"]);
  });
});
