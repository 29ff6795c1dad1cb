import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { marketDataStorage, refreshContinuousAggregates } from "../db/timescale.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import { startApi, testMarkets, type TestApi } from "./kit/index.ts";

// The TimescaleDB path only (db/timescale.ts): skipped on plain PostgreSQL. Run it against a
// server with the extension: TEST_DATABASE_SERVER=postgres://postgres@127.0.0.1:5433 npx vitest
// run tests/marketdata-timescale.test.ts (docs/MARKETDATA.md).

const probe = new pg.Client({ connectionString: inject("databaseUrl") });
await probe.connect();
const storage = await marketDataStorage(probe);
await probe.end();

const DAY = 86_400_000;
let api: TestApi;
const markets = testMarkets(() => api.deps);

const trade = (market: string, sequence: number, at: number, price: string): TradeTick => ({
  market,
  sequence: BigInt(sequence),
  price,
  amount: "2",
  quoteAmount: `${Number(price) * 2}`,
  takerSide: "BUY",
  executedAt: new Date(at),
});

/** The market's rows of a continuous aggregate (materialized part and real-time part). */
async function bars(view: string, market: string) {
  const { rows } = await api.deps.pool.query<{
    bucket: Date;
    open: string;
    close: string;
    trades: string;
  }>(
    `SELECT bucket, trim_scale(open)::text AS open, trim_scale(close)::text AS close,
       trades::text AS trades FROM ${view} WHERE market = $1 ORDER BY bucket`,
    [market],
  );
  return rows.map((r) => ({ ...r, bucket: r.bucket.toISOString() }));
}

describe.runIf(storage === "TimescaleDB")("TimescaleDB: continuous aggregates", () => {
  beforeAll(async () => {
    api = await startApi();
    // A trade two days back, materialized in each aggregate as the scheduled policies would
    // have done: each watermark (end of the last materialized bucket) is then past the late
    // trades below, so real-time aggregation no longer covers their buckets. Narrow windows:
    // a refresh costs per bucket of its window, and other files' trades span months.
    const recent = await markets.create("TN");
    const at = Date.now() - 2 * DAY;
    await recordTrades(api.deps, [trade(recent, 1, at, "50")]);
    for (const [view, width] of [
      ["ticks_1m", 60_000],
      ["ticks_1h", 3_600_000],
      ["ticks_1d", DAY],
    ] as const) {
      const from = Math.floor(at / width) * width;
      await refreshContinuousAggregates(api.deps.pool, [{ view, from, to: from + width }]);
    }
  });
  afterAll(async () => {
    await markets.removeAll();
    await api?.stop();
  });

  it("a trade written past the policies' windows stays out of the aggregates (the problem)", async () => {
    const market = await markets.create("TL");
    const at = Date.now() - 10 * DAY;
    await api.deps.pool.query(
      `INSERT INTO ticks (market, sequence, price, amount, quote_amount, taker_side, executed_at)
       VALUES ($1, 1, 10, 1, 10, 'BUY', $2)`,
      [market, new Date(at)],
    );
    expect(await bars("ticks_1m", market)).toEqual([]);
  });

  it("recordTrades refreshes the buckets of late trades: 1m and 1h past 3 days, 1d past 30", async () => {
    const market = await markets.create("TR");
    const tenDays = Date.parse(
      new Date(Date.now() - 10 * DAY).toISOString().slice(0, 14) + "20:00Z",
    );
    const fortyDays = Date.parse(
      new Date(Date.now() - 40 * DAY).toISOString().slice(0, 11) + "06:00:00Z",
    );
    await recordTrades(api.deps, [
      trade(market, 1, fortyDays, "100"),
      trade(market, 2, fortyDays + 1_000, "101"),
      trade(market, 3, tenDays, "110"),
    ]);
    const iso = (ms: number) => new Date(ms).toISOString();
    const minute = (ms: number) => iso(Math.floor(ms / 60_000) * 60_000);
    const hour = (ms: number) => iso(Math.floor(ms / 3_600_000) * 3_600_000);
    expect(await bars("ticks_1m", market)).toEqual([
      { bucket: minute(fortyDays), open: "100", close: "101", trades: "2" },
      { bucket: minute(tenDays), open: "110", close: "110", trades: "1" },
    ]);
    expect(await bars("ticks_1h", market)).toEqual([
      { bucket: hour(fortyDays), open: "100", close: "101", trades: "2" },
      { bucket: hour(tenDays), open: "110", close: "110", trades: "1" },
    ]);
    // The 10-day-old trade's day is left to the 1d policy (start offset 30 days).
    expect((await bars("ticks_1d", market))[0]).toEqual({
      bucket: iso(Math.floor(fortyDays / DAY) * DAY),
      open: "100",
      close: "101",
      trades: "2",
    });
    // Delivered again: nothing new, the same bars.
    await recordTrades(api.deps, [trade(market, 3, tenDays, "110")]);
    expect((await bars("ticks_1m", market)).map((b) => b.trades)).toEqual(["2", "1"]);
  });
});

describe.skipIf(storage === "TimescaleDB")("plain PostgreSQL", () => {
  it("has no continuous aggregates to refresh", () => {
    expect(storage).toBe("plain PostgreSQL");
  });
});
