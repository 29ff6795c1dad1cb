import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAPE } from "../client/index.ts";
import {
  insertNewTicks,
  latestTicks,
  TAPE_CLOCK_SKEW_MS,
  ticksAfter,
} from "../db/marketdata.repository.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { startApi, testMarkets, type TestApi } from "./kit/index.ts";

// On TimescaleDB every read of ticks is bounded by time (db/marketdata.repository.ts
// tapeWindows); these check that bounded reads answer exactly what the unbounded SQL answers,
// across the widening — forced with `bounded: true`, so plain PostgreSQL runs them too.

const MINUTE = 60_000;
const DAY = 86_400_000;

let api: TestApi;
const markets = testMarkets(() => api.deps);
let market: string;
let trades: TradeTick[];

/** The unbounded reads as they were before time bounds: the reference. */
async function reference(q: {
  after?: bigint;
  before?: bigint;
  newestFirst: boolean;
  limit: number;
}): Promise<string[]> {
  const { rows } = await api.deps.pool.query<{ s: string }>(
    `SELECT sequence::text AS s FROM ticks WHERE market = $1
       AND ($2::int8 IS NULL OR sequence > $2) AND ($3::int8 IS NULL OR sequence < $3)
     ORDER BY sequence ${q.newestFirst ? "DESC" : "ASC"} LIMIT $4`,
    [market, q.after?.toString() ?? null, q.before?.toString() ?? null, q.limit],
  );
  return rows.map((r) => r.s);
}

const seqs = (ticks: TradeTick[]) => ticks.map((t) => t.sequence.toString());
const BOUNDED = { bounded: true };

beforeAll(async () => {
  api = await startApi();
  market = await markets.create("TW");
  const now = Date.now();
  // 400 trades over ~300 days (and one 400 days back), denser towards now: 40 in the last day, the rest spread back in
  // growing gaps, so each window of tapeWindows() holds a different share. Every 7th trade is
  // stamped up to half the clock skew before the one preceding it on the tape.
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const age = i < 40 ? i * 30 * MINUTE + MINUTE : DAY + Math.pow(i - 40, 1.9) * 0.0042 * DAY;
    times.push(now - age);
  }
  times.reverse();
  trades = times.map((t, i) => ({
    market,
    sequence: BigInt((i + 1) * 10),
    price: `${100 + (i % 17)}.5`,
    amount: "0.25",
    quoteAmount: "25.125",
    takerSide: i % 2 ? "BUY" : "SELL",
    executedAt: new Date(i % 7 === 6 ? t - TAPE_CLOCK_SKEW_MS / 2 : t),
  }));
  // One at the tape's start, long before everything: past the widest bounded window.
  trades[0]!.executedAt = new Date(now - 400 * DAY);
  // Ticks only (no candles, no continuous-aggregate refresh of 300 days of late trades).
  expect(await insertNewTicks(api.deps.db, trades)).toHaveLength(400);
});

afterAll(async () => {
  await api?.deps.pool.query("DELETE FROM ticks WHERE market = $1", [market]);
  await markets.removeAll();
  await api?.stop();
});

describe("time-bounded tape reads", () => {
  it("holds fewer trades in the first window (2 hours) than the pages below ask for", async () => {
    const { rows } = await api.deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ticks
       WHERE market = $1 AND executed_at >= now() - interval '2 hours'`,
      [market],
    );
    expect(rows[0]!.n).toBeGreaterThan(2);
    expect(rows[0]!.n).toBeLessThan(30);
  });

  it("latestTicks: the newest trades, as the unbounded read, for every limit up to the whole tape", async () => {
    for (const limit of [1, 3, 4, 5, 30, 39, 40, 41, 100, 250, 399, 400, 1_000]) {
      const expected = await reference({ newestFirst: true, limit });
      expect(seqs(await latestTicks(api.deps.db, market, limit, null, BOUNDED))).toEqual(expected);
      // And as the API reads it (bounded on TimescaleDB only).
      expect(seqs(await latestTicks(api.deps.db, market, limit))).toEqual(expected);
    }
  });

  it("latestTicks before a trade: the same page as unbounded, from anywhere on the tape", async () => {
    for (const index of [1, 2, 50, 200, 359, 360, 361, 399]) {
      const before = trades[index]!.sequence;
      for (const limit of [1, 30, 200]) {
        expect(seqs(await latestTicks(api.deps.db, market, limit, before, BOUNDED))).toEqual(
          await reference({ before, newestFirst: true, limit }),
        );
      }
    }
    // A sequence no trade has (a client's guess): still the unbounded page.
    expect(seqs(await latestTicks(api.deps.db, market, 25, 1_995n, BOUNDED))).toEqual(
      await reference({ before: 1_995n, newestFirst: true, limit: 25 }),
    );
  });

  it("ticksAfter: the same page as unbounded, with and without an upper sequence", async () => {
    for (const index of [0, 1, 100, 300, 365, 398, 399]) {
      const after = trades[index]!.sequence;
      for (const limit of [1, 30, 500]) {
        expect(seqs(await ticksAfter(api.deps.db, market, after, null, limit, BOUNDED))).toEqual(
          await reference({ after, newestFirst: false, limit }),
        );
      }
      const before = after + 1_000n;
      expect(seqs(await ticksAfter(api.deps.db, market, after, before, 60, BOUNDED))).toEqual(
        await reference({ after, before, newestFirst: false, limit: 60 }),
      );
    }
    expect(seqs(await ticksAfter(api.deps.db, market, 5n, null, 20, BOUNDED))).toEqual(
      await reference({ after: 5n, newestFirst: false, limit: 20 }),
    );
  });

  it("pages the whole tape back and forth through the API, every trade once", async () => {
    const all = (await reference({ newestFirst: true, limit: 1_000 })).reverse();
    const back: string[] = [];
    let before: string | undefined;
    for (;;) {
      const res = await api.gql(TAPE, { market, limit: 37, ...(before ? { before } : {}) });
      expect(res.errors).toBeUndefined();
      const page = res.data!.trades;
      if (page.length === 0) break;
      back.push(...page.map((t) => t.sequence));
      before = page.at(-1)!.sequence;
    }
    expect(back).toEqual([...all].reverse());
    const forth: string[] = [];
    let after = "0";
    for (;;) {
      const res = await api.gql(TAPE, { market, limit: 53, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.trades;
      if (page.length === 0) break;
      forth.push(...page.map((t) => t.sequence));
      after = page.at(-1)!.sequence;
    }
    expect(forth).toEqual(all);
  });
});
