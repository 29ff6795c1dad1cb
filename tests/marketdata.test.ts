import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import type { CandlesQueryVariables } from "../client/generated/graphql.ts";
import { TAPE, graphql } from "../client/index.ts";
import { codeOf, startApi, testMarkets, type TestApi } from "./kit/index.ts";

const INTERVALS = {
  M1: 60_000,
  M5: 300_000,
  M15: 900_000,
  M30: 1_800_000,
  H1: 3_600_000,
  H4: 14_400_000,
  D1: 86_400_000,
  W1: 604_800_000,
} as const;
type Interval = keyof typeof INTERVALS;

const CANDLES = graphql(`
  query Candles(
    $market: String!
    $interval: CandleInterval!
    $from: DateTime
    $to: DateTime
    $limit: Int
  ) {
    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {
      stale
      metadata {
        exchange
        symbol
        interval
        assetClass
      }
      data {
        timestamp
        open
        high
        low
        close
        volume
        quoteAssetVolume
        numberOfTrades
      }
    }
  }
`);
const TICKER = graphql(`
  query Ticker($market: String!) {
    ticker(market: $market) {
      id
      market
      open
      high
      low
      last
      volume
      quoteVolume
      change
      changePercent
      numberOfTrades
      openTime
      closeTime
      stale
    }
  }
`);

let api: TestApi;
/** A market of its own for each test, so tests can run side by side. */
const markets = testMarkets(() => api.deps);
const newMarket = (tag: string) => markets.create(tag);

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await markets.removeAll();
  await api?.stop();
});

const trade = (
  market: string,
  sequence: number,
  at: string,
  price: string,
  amount = "1",
): TradeTick => ({
  market,
  sequence: BigInt(sequence),
  price,
  amount,
  quoteAmount: formatDecimal((parseDecimal(price) * parseDecimal(amount)) / 10n ** 18n),
  takerSide: sequence % 2 ? "BUY" : "SELL",
  executedAt: new Date(at),
});

/** Independent reference: bars computed directly from the raw trades of one interval. */
function expectedBars(trades: TradeTick[], interval: Interval) {
  const size = INTERVALS[interval];
  const origin =
    interval === "W1" ? Date.parse("2000-01-03T00:00:00Z") : Date.parse("2000-01-01T00:00:00Z");
  const groups = new Map<number, TradeTick[]>();
  for (const t of trades) {
    const ms = t.executedAt.getTime();
    const start = origin + Math.floor((ms - origin) / size) * size;
    groups.set(start, [...(groups.get(start) ?? []), t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, group]) => {
      group.sort(
        (a, b) =>
          a.executedAt.getTime() - b.executedAt.getTime() || Number(a.sequence - b.sequence),
      );
      const prices = group.map((t) => parseDecimal(t.price));
      return {
        timestamp: new Date(start).toISOString(),
        open: formatDecimal(prices[0]!),
        high: formatDecimal(prices.reduce((a, b) => (a > b ? a : b))),
        low: formatDecimal(prices.reduce((a, b) => (a < b ? a : b))),
        close: formatDecimal(prices.at(-1)!),
        volume: formatDecimal(group.reduce((s, t) => s + parseDecimal(t.amount), 0n)),
        quoteAssetVolume: formatDecimal(
          group.reduce((s, t) => s + parseDecimal(t.quoteAmount), 0n),
        ),
        numberOfTrades: group.length,
      };
    });
}

async function candles(
  market: string,
  interval: Interval,
  extra: Omit<CandlesQueryVariables, "market" | "interval"> = {},
) {
  const res = await api.gql(CANDLES, { market, interval, limit: 1000, ...extra });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.candles;
}

describe("recordTrades → candles", () => {
  it("matches bars computed from the raw trades at every interval, whatever the order and duplicates", async () => {
    // Around Sunday 2026-02-22 → Monday 2026-02-23: crosses minute, hour, day and week edges.
    const base = Date.parse("2026-02-22T22:00:00Z");
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            sequence: fc.integer({ min: 1, max: 100_000 }),
            offset: fc.integer({ min: 0, max: 4 * 3_600_000 }),
            ticks: fc.integer({ min: 1, max: 5_000_000 }),
            lots: fc.integer({ min: 1, max: 300_000 }),
          }),
          { selector: (t) => t.sequence, minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 1, max: 4 }),
        async (specs, batches) => {
          const market = await newMarket("P");
          const trades = specs.map((s) =>
            trade(
              market,
              s.sequence,
              new Date(base + s.offset).toISOString(),
              formatDecimal(BigInt(s.ticks) * 10n ** 16n),
              formatDecimal(BigInt(s.lots) * 10n ** 13n),
            ),
          );
          // Reversed (out of order), split into batches, and one batch delivered twice.
          const delivery = [...trades].reverse();
          const size = Math.ceil(delivery.length / batches);
          let recorded = 0;
          for (let i = 0; i < delivery.length; i += size) {
            recorded += (await recordTrades(api.deps, delivery.slice(i, i + size))).recorded;
          }
          recorded += (await recordTrades(api.deps, delivery.slice(0, size))).recorded;
          expect(recorded).toBe(trades.length);
          for (const interval of Object.keys(INTERVALS) as Interval[]) {
            expect((await candles(market, interval)).data).toEqual(expectedBars(trades, interval));
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it("puts Sunday 23:59 and Monday 00:00 in different weeks, and a late trade in its own bar", async () => {
    const market = await newMarket("W");
    const trades = [
      trade(market, 1, "2026-02-22T23:59:59.999Z", "100"),
      trade(market, 3, "2026-02-23T00:00:00.000Z", "101"),
    ];
    await recordTrades(api.deps, trades);
    // A late trade: earlier time than the one already in the Monday bar, higher sequence.
    const late = trade(market, 4, "2026-02-23T00:00:00.000Z", "99");
    const earlier = trade(market, 2, "2026-02-22T23:59:59.000Z", "98");
    expect((await recordTrades(api.deps, [late, earlier])).recorded).toBe(2);
    const weeks = (await candles(market, "W1")).data;
    expect(weeks.map((w) => [w.timestamp, w.open, w.close])).toEqual([
      ["2026-02-16T00:00:00.000Z", "98", "100"],
      ["2026-02-23T00:00:00.000Z", "101", "99"],
    ]);
    const minutes = (await candles(market, "M1")).data;
    expect(minutes.at(-1)).toMatchObject({ open: "101", close: "99", numberOfTrades: 2 });
  });

  it("records a trade once however often it is delivered, also concurrently", async () => {
    const market = await newMarket("D");
    const trades = Array.from({ length: 40 }, (_, i) =>
      trade(
        market,
        i + 1,
        new Date(Date.parse("2026-01-05T10:00:00Z") + i * 7_000).toISOString(),
        `${100 + i}.25`,
        "0.5",
      ),
    );
    const results = await Promise.all([
      recordTrades(api.deps, trades),
      recordTrades(api.deps, [...trades].reverse()),
      recordTrades(api.deps, trades.slice(10, 30)),
    ]);
    expect(results.reduce((s, r) => s + r.recorded, 0)).toBe(40);
    expect((await recordTrades(api.deps, trades)).recorded).toBe(0);
    const [hour] = (await candles(market, "H1")).data;
    expect(hour).toEqual(expectedBars(trades, "H1")[0]);
    expect(hour).toMatchObject({
      volume: "20",
      numberOfTrades: 40,
      open: "100.25",
      close: "139.25",
    });
  });

  it("hands back batches that arrive after a gap, and moves the tape offset once it is filled", async () => {
    // Issue 12 (chaos run): a delivery that failed (PostgreSQL connection terminated) came back
    // after later ones; those were acked without moving the offset, which then stayed below them.
    const market = await newMarket("G");
    const at = (i: number) =>
      new Date(Date.parse("2026-01-05T11:00:00Z") + i * 1_000).toISOString();
    const offset = async () =>
      (
        await api.deps.pool.query<{ s: string }>(
          `SELECT last_sequence::text AS s FROM consumer_offsets WHERE consumer = 'marketdata' AND market = $1`,
          [market],
        )
      ).rows[0]?.s;
    const first = await recordTrades(
      api.deps,
      [trade(market, 1, at(1), "100", "1")],
      [{ market, fromSeq: 1, toSeq: 2 }],
    );
    expect(first.waiting).toEqual([]);
    expect(await offset()).toBe("2");
    const early = [trade(market, 5, at(5), "101", "1")];
    const ahead = await recordTrades(api.deps, early, [{ market, fromSeq: 5, toSeq: 6 }]);
    expect(ahead.waiting).toEqual([{ market, fromSeq: 5, toSeq: 6 }]);
    expect(await offset()).toBe("2");
    const gap = await recordTrades(
      api.deps,
      [trade(market, 3, at(3), "102", "1")],
      [{ market, fromSeq: 3, toSeq: 4 }],
    );
    expect(gap.waiting).toEqual([]);
    expect(await offset()).toBe("4");
    const again = await recordTrades(api.deps, early, [{ market, fromSeq: 5, toSeq: 6 }]);
    expect(again).toEqual({ recorded: 0, waiting: [] });
    expect(await offset()).toBe("6");
  });

  it("keeps exact decimals: no float rounding in volumes and quote volumes", async () => {
    const market = await newMarket("X");
    await recordTrades(api.deps, [
      { ...trade(market, 1, "2026-03-01T00:00:01Z", "0.1", "0.1"), quoteAmount: "0.01" },
      { ...trade(market, 2, "2026-03-01T00:00:02Z", "0.2", "0.2"), quoteAmount: "0.04" },
      {
        ...trade(
          market,
          3,
          "2026-03-01T00:00:03Z",
          "12345678901234.123456789012345678",
          "0.000000000000000001",
        ),
        quoteAmount: "0.000000000000012345",
      },
    ]);
    const [bar] = (await candles(market, "D1")).data;
    expect(bar).toMatchObject({
      volume: "0.300000000000000001",
      quoteAssetVolume: "0.050000000000012345",
      high: "12345678901234.123456789012345678",
      low: "0.1",
    });
  });

  it("refuses a malformed trade and writes nothing of its batch", async () => {
    const market = await newMarket("M");
    const good = trade(market, 1, "2026-03-01T00:00:01Z", "1");
    await expect(
      recordTrades(api.deps, [good, { ...good, sequence: 2n, price: "1e5" }]),
    ).rejects.toThrow();
    expect((await candles(market, "M1")).data).toEqual([]);
  });
});

describe("candles query", () => {
  it("returns the seed's document shape, the latest `limit` bars oldest first, from ≤ t < to", async () => {
    const market = await newMarket("Q");
    const trades = Array.from({ length: 10 }, (_, i) =>
      trade(
        market,
        i + 1,
        new Date(Date.parse("2026-02-22T17:30:00Z") + i * 60_000 + 5_000).toISOString(),
        `${64_000 + i}`,
      ),
    );
    await recordTrades(api.deps, trades);
    const series = await candles(market, "M1", { limit: 3 });
    expect(series.stale).toBe(false);
    expect(series.metadata).toEqual({
      exchange: "EventHub_DEX",
      symbol: market,
      interval: "1m",
      assetClass: "crypto",
    });
    expect(series.data.map((c) => c.timestamp)).toEqual([
      "2026-02-22T17:37:00.000Z",
      "2026-02-22T17:38:00.000Z",
      "2026-02-22T17:39:00.000Z",
    ]);
    const ranged = await candles(market, "M1", {
      from: "2026-02-22T17:32:00Z",
      to: "2026-02-22T17:35:00Z",
    });
    expect(ranged.data.map((c) => c.close)).toEqual(["64002", "64003", "64004"]);
    expect((await candles(market, "H1")).metadata.interval).toBe("1h");
    const defaults = await api.gql(CANDLES, { market, interval: "M1" });
    expect(defaults.data?.candles.data).toHaveLength(10);
  });

  it("omits empty buckets", async () => {
    const market = await newMarket("E");
    await recordTrades(api.deps, [
      trade(market, 1, "2026-02-22T10:00:30Z", "1"),
      trade(market, 2, "2026-02-22T10:07:30Z", "2"),
    ]);
    const data = (await candles(market, "M1")).data;
    expect(data.map((c) => c.timestamp)).toEqual([
      "2026-02-22T10:00:00.000Z",
      "2026-02-22T10:07:00.000Z",
    ]);
  });

  it("answers MARKET_NOT_FOUND and BAD_USER_INPUT", async () => {
    const market = await newMarket("B");
    expect(codeOf(await api.gql(CANDLES, { market: "NOPE_NOPE", interval: "M1" }))).toBe(
      "MARKET_NOT_FOUND",
    );
    expect(codeOf(await api.gql(TICKER, { market: "NOPE_NOPE" }))).toBe("MARKET_NOT_FOUND");
    expect(codeOf(await api.gql(TAPE, { market: "NOPE_NOPE" }))).toBe("MARKET_NOT_FOUND");
    for (const limit of [0, -1, 1001]) {
      expect(codeOf(await api.gql(CANDLES, { market, interval: "M1", limit }))).toBe(
        "BAD_USER_INPUT",
      );
    }
    expect(codeOf(await api.gql(CANDLES, { market, interval: "M1", limit: 1000 }))).toBeUndefined();
    expect(codeOf(await api.gql(TAPE, { market, limit: 0 }))).toBe("BAD_USER_INPUT");
    expect(
      codeOf(
        await api.gql(CANDLES, {
          market,
          interval: "M1",
          from: "2026-02-02T00:00:00Z",
          to: "2026-02-01T00:00:00Z",
        }),
      ),
    ).toBe("BAD_USER_INPUT");
    // Raw text: M2 is no interval, so the typed variables cannot hold it.
    expect(codeOf(await api.gql(CANDLES.toString(), { market, interval: "M2" }))).toBeDefined();
  });
});

describe("ticker and tape", () => {
  it("pages the tape back with before, newest first, beyond any window", async () => {
    // Issue 14: public trades can be paged back through the whole tape, not only the last 1,000.
    const market = await newMarket("P");
    const start = Date.parse("2026-03-01T00:00:00Z");
    await recordTrades(
      api.deps,
      Array.from({ length: 7 }, (_, i) =>
        trade(market, i + 1, new Date(start + i * 1_000).toISOString(), `${100 + i}`),
      ),
    );
    const all = (await api.gql(TAPE, { market, limit: 100 })).data!.trades.map((t) => t.sequence);
    expect(all).toHaveLength(7);
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = (await api.gql(TAPE, { market, limit: 3, ...(before ? { before } : {}) })).data!
        .trades;
      if (page.length === 0) break;
      seen.push(...page.map((t) => t.sequence));
      before = page.at(-1)!.sequence;
    }
    expect(seen).toEqual(all); // newest first, every trade once
    expect(codeOf(await api.gql(TAPE, { market, before: "x1" }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await api.gql(TAPE, { market, before: all[0]!, after: all[6]! }))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("summarises the last 24 hours and lists trades newest first", async () => {
    const market = await newMarket("T");
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    await recordTrades(api.deps, [
      trade(market, 1, at(60 * 30), "50"), // older than 24 h: only its price survives as "last" before the others
      trade(market, 2, at(60 * 20), "100", "2"),
      trade(market, 3, at(60), "130", "1"),
      trade(market, 4, at(30), "90", "0.5"),
      trade(market, 5, at(1), "110", "1.5"),
    ]);
    const res = await api.gql(TICKER, { market });
    expect(res.data?.ticker).toMatchObject({
      id: market, // a key for client caches (issue 14)
      market,
      open: "100",
      high: "130",
      low: "90",
      last: "110",
      volume: "5",
      quoteVolume: "540",
      change: "10",
      changePercent: "10",
      numberOfTrades: 4,
      stale: false,
    });
    const window = Date.parse(res.data!.ticker.closeTime) - Date.parse(res.data!.ticker.openTime);
    expect(window).toBeGreaterThan(23.9 * 3_600_000);
    expect(window).toBeLessThanOrEqual(24 * 3_600_000);

    const tape = await api.gql(TAPE, { market, limit: 3 });
    expect(tape.data?.trades).toEqual([
      {
        id: `${market}:5`,
        market,
        sequence: "5",
        price: "110",
        amount: "1.5",
        quoteAmount: "165",
        takerSide: "BUY",
        executedAt: at(1),
      },
      expect.objectContaining({ sequence: "4", takerSide: "SELL", price: "90" }) as unknown,
      expect.objectContaining({ sequence: "3" }) as unknown,
    ]);
  });

  it("reports a market that never traded with null prices and zero volume", async () => {
    const market = await newMarket("Z");
    const res = await api.gql(TICKER, { market });
    expect(res.data?.ticker).toMatchObject({
      last: null,
      open: null,
      change: null,
      volume: "0",
      numberOfTrades: 0,
    });
    expect((await api.gql(TAPE, { market })).data?.trades).toEqual([]);
  });
});

describe("availability: PostgreSQL down", () => {
  it("serves cached candles, ticker and tape marked stale", async () => {
    const market = await newMarket("A");
    const now = Date.now();
    const trades = Array.from({ length: 6 }, (_, i) =>
      trade(market, i + 1, new Date(now - (6 - i) * 120_000).toISOString(), `${200 + i}.5`, "0.25"),
    );
    await recordTrades(api.deps, trades);
    const fresh = await candles(market, "M1");
    const freshTicker = (await api.gql(TICKER, { market })).data!.ticker;
    const freshHour = await candles(market, "H1");

    const down = await startApi({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" });
    try {
      const stale = await down.gql(CANDLES, { market, interval: "M1", limit: 1000 });
      expect(stale.errors).toBeUndefined();
      expect(stale.data?.candles.stale).toBe(true);
      expect(stale.data?.candles.data).toEqual(fresh.data);
      expect(stale.data?.candles.metadata).toEqual(fresh.metadata);
      const lastTwo = await down.gql(CANDLES, { market, interval: "M1", limit: 2 });
      expect(lastTwo.data?.candles.data).toEqual(fresh.data.slice(-2));
      const hour = await down.gql(CANDLES, { market, interval: "H1" });
      expect(hour.data?.candles.data).toEqual(freshHour.data);

      const ticker = await down.gql(TICKER, { market });
      // The last ticker cached: the one just read, or one recomputed since (its closeTime is
      // when it was computed, so it may be later than the read's).
      const { closeTime, ...cached } = ticker.data!.ticker;
      const { closeTime: freshCloseTime, ...read } = freshTicker;
      expect(cached).toEqual({ ...read, stale: true });
      expect(Date.parse(closeTime)).toBeGreaterThanOrEqual(Date.parse(freshCloseTime) - 60_000);
      expect(ticker.data?.ticker.last).toBe("205.5");

      const tape = await down.gql(TAPE, { market, limit: 2 });
      expect(tape.data?.trades.map((t) => t.sequence)).toEqual(["6", "5"]);

      // Nothing cached and nothing known: an honest SERVICE_UNAVAILABLE, not an empty chart.
      expect(codeOf(await down.gql(CANDLES, { market: "NEVER_SEEN", interval: "M1" }))).toBe(
        "SERVICE_UNAVAILABLE",
      );
    } finally {
      await down.stop();
    }
  });
});
