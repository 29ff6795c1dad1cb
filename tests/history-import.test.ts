import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCandles, latestTicks } from "../db/marketdata.repository.ts";
import { parseDecimal } from "../money/decimal.ts";
import { importHistory } from "../services/marketdata-history.service.ts";
import { ensureRecentHistory, fillQuietMinutes } from "../bots/history.ts";
import { fundedUser, placeLimit, poll, startExchange, type Exchange } from "./kit/index.ts";

const MARKET = "BTC_USDT";
const MINUTE = 60_000;

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(async () => {
  await ex?.stop();
});

interface BarRow {
  interval: string;
  bucket_ms: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quote_volume: string;
  trades: number;
  open_seq: string;
  close_seq: string;
}

async function bars(where: string, params: unknown[] = []): Promise<BarRow[]> {
  const { rows } = await ex.deps.pool.query<BarRow>(
    `SELECT interval::text, (extract(epoch FROM bucket) * 1000)::bigint::text AS bucket_ms,
            open::text, high::text, low::text, close::text, volume::text,
            quote_volume::text, trades, open_seq::text, close_seq::text
       FROM candles WHERE market = '${MARKET}' AND ${where} ORDER BY interval, bucket`,
    params,
  );
  return rows;
}

/** What every M1 bar in [from, from + width) adds up to, computed apart from the rollup SQL. */
async function aggregateOfMinutes(from: number, widthMs: number) {
  const { rows } = await ex.deps.pool.query<{
    high: string;
    low: string;
    volume: string;
    quote_volume: string;
    trades: number;
  }>(
    `SELECT max(high)::text AS high, min(low)::text AS low, sum(volume)::text AS volume,
            sum(quote_volume)::text AS quote_volume, sum(trades)::int AS trades
       FROM candles WHERE market = $1 AND interval = 'M1'
        AND bucket >= to_timestamp($2 / 1000.0) AND bucket < to_timestamp($3 / 1000.0)`,
    [MARKET, from, from + widthMs],
  );
  return rows[0]!;
}

describe("importHistory over minutes that real trades made", () => {
  it("keeps the real 1-minute bars as they are and rolls them up with the synthetic ones", async () => {
    const seller = await fundedUser(ex, "hist-seller", { BTC: "1" });
    const buyer = await fundedUser(ex, "hist-buyer", { USDT: "100000" });
    await placeLimit(ex, seller.bearer, "SELL", "64100", "0.004");
    await placeLimit(ex, seller.bearer, "SELL", "64000", "0.01");
    await placeLimit(ex, buyer.bearer, "BUY", "64100", "0.014");
    await ex.waitUntilSettled();
    const real = await poll(
      () => bars("interval = 'M1' AND open_seq > 0"),
      (rows) => rows.reduce((n, r) => n + r.trades, 0) === 2,
      { timeoutMs: 10_000, failure: (rows) => `real bars: ${JSON.stringify(rows)}` },
    );
    const lastReal = Math.max(...real.map((r) => Number(r.bucket_ms)));
    const end = new Date(lastReal + MINUTE);

    const first = await importHistory(ex.deps, {
      market: MARKET,
      days: 1 / 24,
      seed: 5,
      end,
      startPrice: "64000",
    });
    expect(first.candles).toBe(60 - real.length);
    const inRange = `interval = 'M1' AND bucket >= to_timestamp(${first.from.getTime() / 1_000}) AND bucket < to_timestamp(${end.getTime() / 1_000})`;
    expect(await bars(inRange)).toHaveLength(60);
    const realAfter = await bars("interval = 'M1' AND open_seq > 0");
    expect(realAfter).toEqual(real);

    // A second import with another walk replaces the synthetic bars, never the real ones.
    const syntheticBefore = await bars(`${inRange} AND open_seq = 0`);
    await importHistory(ex.deps, {
      market: MARKET,
      days: 1 / 24,
      seed: 6,
      end,
      startPrice: "64000",
    });
    expect(await bars("interval = 'M1' AND open_seq > 0")).toEqual(real);
    const syntheticAfter = await bars(`${inRange} AND open_seq = 0`);
    expect(syntheticAfter).toHaveLength(syntheticBefore.length);
    expect(syntheticAfter).not.toEqual(syntheticBefore);

    // Every rollup holding a real minute adds up all its minutes, the real ones included.
    const widths = { M5: 5, M15: 15, H1: 60 } as const;
    for (const [interval, minutes] of Object.entries(widths)) {
      const width = minutes * MINUTE;
      const bucket = Math.floor(lastReal / width) * width;
      const [rolled] = await bars(
        `interval = '${interval}' AND bucket = to_timestamp(${bucket / 1_000})`,
      );
      const expected = await aggregateOfMinutes(bucket, width);
      expect(rolled, `${interval} bar holding the real minute`).toMatchObject({
        high: expected.high,
        low: expected.low,
        volume: expected.volume,
        quote_volume: expected.quote_volume,
        trades: expected.trades,
      });
    }
    const hourStart = Math.floor(lastReal / 3_600_000) * 3_600_000;
    const realInHour = real.filter((r) => Number(r.bucket_ms) >= hourStart);
    const realTrades = realInHour.reduce((n, r) => n + r.trades, 0);
    const [hour] = await bars(`interval = 'H1' AND bucket = to_timestamp(${hourStart / 1_000})`);
    // The hour's synthetic minutes add to its real ones — unless the real minutes open the hour
    // (was a flake when the test ran in an hour's first minute).
    const syntheticMinutes = (lastReal - hourStart) / MINUTE + 1 - realInHour.length;
    if (syntheticMinutes > 0) expect(hour!.trades).toBeGreaterThan(realTrades);
    else expect(hour!.trades).toBe(realTrades);
    await ex.checkInvariants();
  });

  it("ends the walk at the market's last trade, or at the price asked", async () => {
    const near = (price: string, target: string, basisPoints: bigint) => {
      const [p, t] = [parseDecimal(price), parseDecimal(target)];
      return (p > t ? p - t : t - p) * 10_000n <= t * basisPoints;
    };
    const end = new Date(Date.now() - 2 * 3_600_000);
    await importHistory(ex.deps, {
      market: "ETH_USDT",
      days: 1,
      seed: 9,
      end,
      endPrice: "3333.33",
    });
    const [asked] = await latestCandles(ex.deps.db, {
      market: "ETH_USDT",
      interval: "M1",
      to: end,
      limit: 1,
    });
    expect(near(asked!.close, "3333.33", 5n), `last close ${asked!.close}`).toBe(true);

    // BTC_USDT traded (the test above): with no price given, the walk ends at its last trade.
    const [lastTrade] = await latestTicks(ex.deps.db, MARKET, 1);
    const before = new Date(Date.now() - 3 * 3_600_000);
    await importHistory(ex.deps, { market: MARKET, days: 2, seed: 11, end: before });
    const [met] = await latestCandles(ex.deps.db, {
      market: MARKET,
      interval: "M1",
      to: before,
      limit: 1,
    });
    expect(near(met!.close, lastTrade!.price, 5n), `${met!.close} vs ${lastTrade!.price}`).toBe(
      true,
    );
  });

  it("gives the demo markets history up to now once, continuing from their last bar", async () => {
    const [before] = await latestCandles(ex.deps.db, {
      market: "ETH_USDT",
      interval: "M1",
      limit: 1,
    });
    const first = await ensureRecentHistory(ex.deps);
    const byMarket = new Map(first.map((h) => [h.market, h]));
    expect(byMarket.get("ETH_BTC")!.imported).toBe(7 * 1_440);
    // ETH_USDT's bars stopped two hours ago: the minutes since, opening at its last close.
    const gap = byMarket.get("ETH_USDT")!;
    expect(gap.imported).toBeGreaterThanOrEqual(119);
    expect(gap.imported).toBeLessThanOrEqual(122);
    const [next] = await latestCandles(ex.deps.db, {
      market: "ETH_USDT",
      interval: "M1",
      from: new Date(Date.parse(before!.timestamp) + MINUTE),
      to: new Date(Date.parse(before!.timestamp) + 2 * MINUTE),
      limit: 1,
    });
    expect(next!.open).toBe(before!.close);
    const again = await ensureRecentHistory(ex.deps);
    expect(again.map((h) => h.imported)).toEqual([0, 0, 0]);
    expect(again.map((h) => h.lastClose)).toEqual(first.map((h) => h.lastClose));

    // Three minutes on without a trade on ETH_BTC: each gets a bar, from the history's close.
    const ethBtc = again.find((h) => h.market === "ETH_BTC")!;
    const written = await fillQuietMinutes(ex.deps, [ethBtc], ethBtc.end + 3 * MINUTE + 5_000);
    expect(written).toEqual({ ETH_BTC: 3 });
    const [filled] = await latestCandles(ex.deps.db, {
      market: "ETH_BTC",
      interval: "M1",
      from: new Date(ethBtc.end),
      limit: 3,
    });
    expect(filled).toMatchObject({
      timestamp: new Date(ethBtc.end).toISOString(),
      open: ethBtc.lastClose,
    });
  });
});
