import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, iterate, ORDER_BOOK } from "../client/index.ts";
import { BookSide, bookChecksum, type Level } from "../subscriptions/book-levels.ts";
import {
  deposit,
  firstAnswer,
  newApiKey,
  newUser,
  placeLimit,
  placeOrder,
  startExchange,
  testMarkets,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";
import { poll } from "./kit/wait.ts";

let ex: Exchange;
const markets = testMarkets(() => ex.deps);
beforeAll(async () => {
  ex = await startExchange({ overrides: { ORDER_RATE_PER_SECOND: "1000", ORDER_BURST: "1000" } });
});
// The exchange has a database of its own: the market goes with it.
afterAll(() => ex.stop());

const BOOK_WINDOW = graphql(`
  subscription OrderBookWindow($market: String!, $depth: Int) {
    orderBook(market: $market, depth: $depth) {
      firstSequence
      lastSequence
      snapshot
      checksum
      bids {
        price
        amount
      }
      asks {
        price
        amount
      }
    }
  }
`);

const TICKER = graphql(`
  subscription TickerUpdates($market: String!) {
    ticker(market: $market) {
      market
      last
      volume
      numberOfTrades
    }
  }
`);

interface Update {
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  checksum: string;
  bids: Level[];
  asks: Level[];
}

/** A subscriber applying the documented rule (docs/LIVE.md), checking sequences and checksums. */
function follow(updates: AsyncIterableIterator<{ data?: { orderBook: Update } | null }>) {
  const state = {
    seq: null as number | null,
    bids: new BookSide(true),
    asks: new BookSide(false),
    problems: [] as string[],
    count: 0,
  };
  void (async () => {
    for await (const result of updates) {
      const u = result.data?.orderBook;
      if (!u) {
        state.problems.push(JSON.stringify(result));
        continue;
      }
      if (u.snapshot) {
        state.bids.replace(u.bids);
        state.asks.replace(u.asks);
      } else {
        if (Number(u.firstSequence) !== (state.seq ?? -2) + 1) state.problems.push("gap");
        state.bids.apply(u.bids.map((l) => [l.price, l.amount]));
        state.asks.apply(u.asks.map((l) => [l.price, l.amount]));
      }
      state.seq = Number(u.lastSequence);
      if (bookChecksum(state.bids.top(10), state.asks.top(10)) !== u.checksum) {
        state.problems.push(`checksum at ${u.lastSequence}`);
      }
      state.count++;
    }
  })();
  return state;
}

describe("orderBook subscription with a depth", () => {
  it("keeps the top N: 105 bids, a market sell eats the best 10, the subscriber holds 95 = the query", async () => {
    const market = await markets.create("WIN", { tick: "1", lot: "0.001" });
    const maker = await newUser(ex, "win-maker");
    const taker = await newUser(ex, "win-taker");
    const makerKey = await newApiKey(ex, maker, ["TRADE"]);
    const takerKey = await newApiKey(ex, taker, ["TRADE"]);
    await deposit(ex, makerKey.header, { USDT: "10000" });
    await deposit(ex, takerKey.header, { BTC: "1" });

    let last = "";
    for (let i = 0; i < 105; i++) {
      last = (await placeLimit(ex, makerKey.header, "BUY", String(60000 - i), "0.001", market)).id;
    }
    await waitForStatus(ex, makerKey.header, last, ["OPEN"]);
    await poll(
      () => ex.gql(ORDER_BOOK, { market, depth: 100 }),
      (r) => r.data?.orderBook.bids.at(-1)?.price === "59901",
      { timeoutMs: 10_000, intervalMs: 50, failure: () => "book not mirrored" },
    );

    const socket = ex.ws();
    const deep = follow(iterate(socket, BOOK_WINDOW, { market, depth: 100 }));
    const byDefault = follow(iterate(socket, BOOK_WINDOW, { market }));
    const shallow = follow(iterate(socket, BOOK_WINDOW, { market, depth: 5 }));
    await poll(
      async () => [deep.count, byDefault.count, shallow.count],
      (counts) => counts.every((n) => n >= 1),
      { timeoutMs: 5_000, intervalMs: 20, failure: () => "no snapshots" },
    );
    expect(deep.bids.size).toBe(100);
    expect(byDefault.bids.size).toBe(100);
    expect(shallow.bids.top(10).map((l) => l.price)).toEqual([
      "60000",
      "59999",
      "59998",
      "59997",
      "59996",
    ]);

    const sell = await placeOrder(ex, takerKey.header, {
      market,
      side: "SELL",
      type: "MARKET",
      amount: "0.01",
    });
    await waitForStatus(ex, takerKey.header, sell.id, ["FILLED"]);
    await poll(
      async () => deep.bids.size,
      (n) => n === 95,
      { timeoutMs: 5_000, intervalMs: 20, failure: (n) => `subscriber holds ${n} bids` },
    );
    const query = await ex.gql(ORDER_BOOK, { market, depth: 100 });
    const truth = query.data!.orderBook.bids;
    expect(truth).toHaveLength(95);
    await poll(
      async () => [deep.bids.size, byDefault.bids.size, shallow.bids.top(1)[0]?.price],
      ([a, b, top]) => a === 95 && b === 95 && top === "59990",
      { timeoutMs: 5_000, intervalMs: 20, failure: (s) => JSON.stringify(s) },
    );
    expect(deep.bids.top(1000)).toEqual(truth);
    expect(byDefault.bids.top(1000)).toEqual(truth);
    expect(shallow.bids.top(1000)).toEqual(truth.slice(0, 5));
    expect([...deep.problems, ...byDefault.problems, ...shallow.problems]).toEqual([]);
    await socket.dispose();
  });

  it("refuses a depth above 100 or below 1 with BAD_USER_INPUT", async () => {
    const socket = ex.ws();
    for (const depth of [101, 0]) {
      const answer = await firstAnswer(iterate(socket, BOOK_WINDOW, { market: "BTC_USDT", depth }));
      expect(JSON.stringify(answer)).toContain("BAD_USER_INPUT");
    }
    await socket.dispose();
  });
});

describe("ticker subscription", () => {
  it("sends the current ticker, then pushes the new one after a trade", async () => {
    const market = await markets.create("TCK", { tick: "1", lot: "0.001" });
    const seller = await newUser(ex, "tck-seller");
    const buyer = await newUser(ex, "tck-buyer");
    const sellerKey = await newApiKey(ex, seller, ["TRADE"]);
    const buyerKey = await newApiKey(ex, buyer, ["TRADE"]);
    await deposit(ex, sellerKey.header, { BTC: "1" });
    await deposit(ex, buyerKey.header, { USDT: "10000" });

    const socket = ex.ws();
    const seen: { last?: string | null; numberOfTrades: number }[] = [];
    const updates = iterate(socket, TICKER, { market });
    void (async () => {
      for await (const result of updates) if (result.data) seen.push(result.data.ticker);
    })();
    await poll(
      async () => seen.length,
      (n) => n >= 1,
      { timeoutMs: 5_000, intervalMs: 20, failure: () => "no initial ticker" },
    );
    expect(seen[0]).toMatchObject({ last: null, numberOfTrades: 0 });

    const ask = await placeLimit(ex, sellerKey.header, "SELL", "61000", "0.01", market);
    await waitForStatus(ex, sellerKey.header, ask.id, ["OPEN"]);
    await placeLimit(ex, buyerKey.header, "BUY", "61000", "0.01", market);
    await poll(
      async () => seen.at(-1),
      (t) => t?.last === "61000",
      { timeoutMs: 10_000, intervalMs: 20, failure: (t) => `last ticker ${JSON.stringify(t)}` },
    );
    expect(seen.at(-1)).toMatchObject({ last: "61000", volume: "0.01", numberOfTrades: 1 });
    await socket.dispose();
  });

  it("refuses an unknown market with MARKET_NOT_FOUND", async () => {
    const socket = ex.ws();
    const answer = await firstAnswer(iterate(socket, TICKER, { market: "NOPE_USDT" }));
    expect(JSON.stringify(answer)).toContain("MARKET_NOT_FOUND");
    await socket.dispose();
  });
});
