import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import type { Candle } from "../marketdata/types.ts";
import { candleHistory, importHistory } from "../services/marketdata-history.service.ts";
import { startApi, testMarkets, type TestApi } from "./kit/index.ts";

let api: TestApi;
const markets = testMarkets(() => api.deps);
const newMarket = () => markets.create("H");
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await markets.removeAll();
  await api?.stop();
});

const SIZES = { M5: 5, M15: 15, M30: 30, H1: 60, H4: 240, D1: 1_440, W1: 10_080 } as const;

/** Independent rollup of 1-minute bars into bars of `minutes` (weeks from Monday). */
function rollup(bars: Candle[], interval: keyof typeof SIZES): Candle[] {
  const size = SIZES[interval] * 60_000;
  const origin = interval === "W1" ? Date.UTC(2000, 0, 3) : Date.UTC(2000, 0, 1);
  const groups = new Map<number, Candle[]>();
  for (const bar of bars) {
    const t = Date.parse(bar.timestamp);
    const start = origin + Math.floor((t - origin) / size) * size;
    groups.set(start, [...(groups.get(start) ?? []), bar]);
  }
  const sum = (g: Candle[], f: (c: Candle) => string) =>
    formatDecimal(g.reduce((s, c) => s + parseDecimal(f(c)), 0n));
  const pick = (g: Candle[], f: (c: Candle) => string, better: (a: bigint, b: bigint) => boolean) =>
    formatDecimal(g.map((c) => parseDecimal(f(c))).reduce((a, b) => (better(a, b) ? a : b)));
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, g]) => ({
      timestamp: new Date(start).toISOString(),
      open: g[0]!.open,
      high: pick(
        g,
        (c) => c.high,
        (a, b) => a > b,
      ),
      low: pick(
        g,
        (c) => c.low,
        (a, b) => a < b,
      ),
      close: g.at(-1)!.close,
      volume: sum(g, (c) => c.volume),
      quoteAssetVolume: sum(g, (c) => c.quoteAssetVolume),
      numberOfTrades: g.reduce((s, c) => s + c.numberOfTrades, 0),
    }));
}

// Wednesday 2026-02-25 00:00 UTC; 3 days back starts on Sunday, so a week boundary is crossed.
const END = new Date("2026-02-25T00:00:00Z");

describe("synthetic history", () => {
  it("loads 1-minute bars on the market's grid and rolls up every interval exactly", async () => {
    const market = await newMarket();
    const result = await importHistory(api.deps, { market, days: 3, seed: 7, end: END });
    expect(result.candles).toBe(4_320);
    expect(result.from.toISOString()).toBe("2026-02-22T00:00:00.000Z");

    const minutes = (await candleHistory(api.deps, { market, interval: "M1", limit: 10_000 })).data;
    expect(minutes).toHaveLength(4_320);
    expect(minutes[0]!.timestamp).toBe("2026-02-22T00:00:00.000Z");
    expect(minutes.at(-1)!.timestamp).toBe("2026-02-24T23:59:00.000Z");
    for (const bar of minutes) {
      const [o, h, l, c, v] = [bar.open, bar.high, bar.low, bar.close, bar.volume].map((x) =>
        parseDecimal(x),
      ) as [bigint, bigint, bigint, bigint, bigint];
      expect(l <= o && l <= c && h >= o && h >= c && l > 0n).toBe(true);
      expect(v > 0n).toBe(true);
      expect(parseDecimal(bar.quoteAssetVolume)).toBe((v * c) / 10n ** 18n);
      expect(bar.close.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(2);
      expect(bar.volume.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(5);
    }
    for (const interval of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      const stored = (await candleHistory(api.deps, { market, interval, limit: 10_000 })).data;
      expect(stored).toEqual(rollup(minutes, interval));
    }
    const weeks = (await candleHistory(api.deps, { market, interval: "W1", limit: 10 })).data;
    expect(weeks.map((w) => w.timestamp)).toEqual([
      "2026-02-16T00:00:00.000Z",
      "2026-02-23T00:00:00.000Z",
    ]);
  });

  it("is deterministic per seed, and a re-import replaces the range instead of adding to it", async () => {
    const [a, b] = [await newMarket(), await newMarket()];
    await importHistory(api.deps, { market: a, days: 1, seed: 42, end: END });
    await importHistory(api.deps, { market: b, days: 1, seed: 42, end: END });
    const barsOf = async (m: string, interval: "M1" | "D1" = "M1") =>
      (await candleHistory(api.deps, { market: m, interval, limit: 5_000 })).data;
    const first = await barsOf(a);
    expect(await barsOf(b)).toEqual(first);

    await importHistory(api.deps, { market: a, days: 1, seed: 43, end: END });
    const other = await barsOf(a);
    expect(other).toHaveLength(1_440);
    expect(other.map((c) => c.close)).not.toEqual(first.map((c) => c.close));
    expect((await barsOf(a, "D1"))[0]!.numberOfTrades).toBe(
      other.reduce((s, c) => s + c.numberOfTrades, 0),
    );
  });

  it("exports the seed's document through npm run export:candles", async () => {
    const market = await newMarket();
    await importHistory(api.deps, { market, days: 1, seed: 1, end: END });
    const { stdout } = await promisify(execFile)(
      "npx",
      ["tsx", "scripts/export-candles.ts", "--market", market, "--interval", "1h", "--limit", "3"],
      {
        env: {
          ...process.env,
          DATABASE_URL: inject("databaseUrl"),
          EVENTHUB_NAMESPACE: inject("namespace"),
          LOG_LEVEL: "error",
        },
      },
    );
    const doc = JSON.parse(stdout) as {
      metadata: Record<string, string>;
      data: { timestamp: string; number_of_trades: number }[];
    };
    expect(doc.metadata).toEqual({
      exchange: "EventHub_DEX",
      symbol: market,
      interval: "1h",
      asset_class: "crypto",
    });
    expect(doc.data.map((d) => d.timestamp)).toEqual([
      "2026-02-24T21:00:00Z",
      "2026-02-24T22:00:00Z",
      "2026-02-24T23:00:00Z",
    ]);
    const hours = (await candleHistory(api.deps, { market, interval: "H1", limit: 1 })).data;
    expect(stdout).toContain(`"quote_asset_volume": ${hours[0]!.quoteAssetVolume}`);
    expect(doc.data[2]?.number_of_trades).toBe(hours[0]!.numberOfTrades);
  });
});
