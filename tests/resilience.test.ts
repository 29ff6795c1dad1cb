import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { afterEach, describe, expect, it } from "vitest";
import { busNames, type EventBatchMessage } from "../bus/subjects.ts";
import { DEFAULT_MAX_LOTS, DEFAULT_MAX_PRICE_TICKS } from "../matcher/index.ts";
import { ORDER_BOOK, PLACE_ORDER as PLACE, graphql } from "../client/index.ts";
import {
  balances,
  codeOf,
  fundedUser,
  poll,
  sleep,
  startApi,
  startExchange,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

const ORDER_LOCK = graphql(`
  query ResilienceOrderLock($id: ID!) {
    order(id: $id) {
      status
      lockedAmount
    }
  }
`);
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

describe("processes killed and restarted mid-stream", () => {
  it("loses nothing and applies nothing twice", async () => {
    ex = await startExchange({ components: ["api", "relay", "marketdata"] });
    const matcherA = await ex.start(["matcher"]);
    let settlement = await ex.start(["settlement"]);
    const buyer = await fundedUser(ex, "crash-buyer", { USDT: "1000000" });
    const seller = await fundedUser(ex, "crash-seller", { BTC: "100" });

    const placed: string[] = [];
    const placeSome = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const price = String(30000 + (i % 7) * 10);
        const [b, s] = await Promise.all([
          ex!.gql(
            PLACE,
            { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price, amount: "0.013" } },
            buyer.bearer,
          ),
          ex!.gql(
            PLACE,
            {
              input: {
                market: "BTC_USDT",
                side: "SELL",
                type: "LIMIT",
                price: String(30000 + (i % 5) * 10),
                amount: "0.011",
              },
            },
            seller.bearer,
          ),
        ]);
        placed.push(b.data!.placeOrder.id, s.data!.placeOrder.id);
      }
    };

    await placeSome(15);
    // A crash: no snapshot, the lease left to expire; a second matcher takes the market over.
    await matcherA.matcher()!.kill();
    await matcherA.stop();
    const matcherB = await ex.start(["matcher"]);
    await placeSome(15);
    // Settlement dies too (its unacked batches are redelivered to the next one).
    await settlement.stop();
    await placeSome(10);
    settlement = await ex.start(["settlement"]);
    await placeSome(10);

    await ex.waitUntilSettled(30_000);
    expect(matcherB.matcher()!.owned()).toContain("BTC_USDT");
    await ex.checkInvariants();

    // Each order's fills are exactly its trades; no trade recorded twice.
    const { rows: mismatched } = await ex.deps.pool.query(
      `
      SELECT o.id FROM orders o
        LEFT JOIN (SELECT id, sum(amount) AS amount FROM (
                     SELECT maker_order_id AS id, amount FROM trades
                     UNION ALL SELECT taker_order_id, amount FROM trades) x GROUP BY id) t ON t.id = o.id
       WHERE o.id = ANY($1::uuid[]) AND o.filled_amount <> coalesce(t.amount, 0)`,
      [placed],
    );
    expect(mismatched).toEqual([]);
    const { rows: counts } = await ex.deps.pool.query<{ trades: number; distinct_trades: number }>(
      `SELECT count(*)::int AS trades, count(DISTINCT (sequence, match_index))::int AS distinct_trades FROM trades`,
    );
    expect(counts[0]!.trades).toBeGreaterThan(10);
    expect(counts[0]!.trades).toBe(counts[0]!.distinct_trades);
    const { rows: ledger } = await ex.deps.pool.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE reason = 'TRADE' GROUP BY reference HAVING count(*) <> 4`,
    );
    expect(ledger).toEqual([]);
    const { rows: statuses } = await ex.deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [placed],
    );
    expect(statuses[0]!.n).toBe(0);
  });
});

describe("snapshots", () => {
  it("a quiet market is snapshotted on a timer, and a restart resumes from it", async () => {
    ex = await startExchange({ components: ["api", "relay", "settlement", "marketdata"] });
    const quick = { snapshotEvery: 1_000_000, snapshotIntervalMs: 300 };
    const first = await ex.start(["matcher"], {}, quick);
    const user = await fundedUser(ex, "timer-user", { USDT: "1000" });
    const res = await ex.gql(
      PLACE,
      { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "100", amount: "1" } },
      user.bearer,
    );
    await waitForStatus(ex, user.bearer, res.data!.placeOrder.id, ["OPEN"]);
    let snapshot: { command_sequence: string; orders: number } | undefined;
    for (let i = 0; i < 60 && !snapshot; i++) {
      await sleep(100);
      const { rows } = await ex.deps.pool.query<{ command_sequence: string; orders: number }>(
        `SELECT command_sequence, jsonb_array_length(state->'orders') AS orders FROM matcher_snapshots WHERE market = 'BTC_USDT'`,
      );
      snapshot = rows[0];
    }
    // Far fewer commands than snapshotEvery, yet the snapshot holds the resting order.
    expect(snapshot).toMatchObject({ orders: 1 });
    expect(Number(snapshot!.command_sequence)).toBeGreaterThanOrEqual(1);

    await first.matcher()!.kill();
    await first.stop();
    // Only the snapshot can bring the order back: the commands are gone from the stream.
    const names = busNames(ex.config.namespace);
    await (
      await jetstreamManager(ex.deps.nats()!)
    ).streams.purge(names.commandStream, {
      filter: names.commandSubject("BTC_USDT"),
      keep: 0,
    });
    const second = await ex.start(["matcher"], {}, quick);
    for (let i = 0; i < 50 && !second.matcher()!.owned().includes("BTC_USDT"); i++) {
      await sleep(100);
    }
    expect(second.matcher()!.book("BTC_USDT")?.orderCount).toBe(1);
    await ex.checkInvariants();
  });
});

describe("a matcher whose replay history is gone", () => {
  it("does not open the market rather than rebuild a book that misses orders", async () => {
    ex = await startExchange({ components: ["api", "relay", "settlement", "marketdata"] });
    const first = await ex.start(["matcher"]);
    const user = await fundedUser(ex, "history-user", { USDT: "1000" });
    for (const price of ["100", "101", "102"]) {
      const res = await ex.gql(
        PLACE,
        { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price, amount: "1" } },
        user.bearer,
      );
      await waitForStatus(ex, user.bearer, res.data!.placeOrder.id, ["OPEN"]);
    }
    // A snapshot from before those orders, and the commands after it aged out of the stream.
    await first.matcher()!.kill();
    await first.stop();
    const empty = {
      version: 1,
      seq: 0,
      maxPriceTicks: DEFAULT_MAX_PRICE_TICKS,
      maxLots: DEFAULT_MAX_LOTS,
      orders: [],
    };
    await ex.deps.pool.query(
      `INSERT INTO matcher_snapshots (market, command_sequence, book_sequence, state) VALUES ('BTC_USDT', 0, 0, $1)
       ON CONFLICT (market) DO UPDATE SET command_sequence = 0, book_sequence = 0, state = $1`,
      [JSON.stringify(empty)],
    );
    const names = busNames(ex.config.namespace);
    const jsm = await jetstreamManager(ex.deps.nats()!);
    await jsm.streams.purge(names.commandStream, {
      filter: names.commandSubject("BTC_USDT"),
      keep: 0,
    });
    const { rowCount } = await ex.deps.pool.query(
      `SELECT 1 FROM matcher_snapshots WHERE market = 'BTC_USDT'`,
    );
    expect(rowCount).toBe(1);

    const second = await ex.start(["matcher"]);
    await sleep(2_500);
    expect(second.matcher()!.owned()).not.toContain("BTC_USDT");
    expect(second.matcher()!.owned()).toContain("ETH_USDT");
  });
});

describe("a market whose events cannot be applied", () => {
  it("waits on its own while the other markets settle", async () => {
    ex = await startExchange();
    // A batch no settlement can apply: a trade between orders that do not exist.
    const poison: EventBatchMessage = {
      market: "ETH_BTC",
      fromSeq: 1,
      toSeq: 1,
      events: [
        {
          type: "trade",
          seq: 1,
          ts: Date.now(),
          matchIndex: 0,
          makerOrderId: "00000000-0000-4000-8000-000000000001",
          takerOrderId: "00000000-0000-4000-8000-000000000002",
          makerUserId: "x",
          takerUserId: "y",
          takerSide: "BUY",
          priceTicks: 1,
          lots: 1,
          quote: 1,
          makerRemainingLots: 0,
        },
      ],
    };
    const nc = ex.deps.nats()!;
    await jetstream(nc).publish(
      busNames(ex.config.namespace).eventSubject("ETH_BTC"),
      JSON.stringify(poison),
    );

    const seller = await fundedUser(ex, "poison-seller", { BTC: "1" });
    const buyer = await fundedUser(ex, "poison-buyer", { USDT: "10000" });
    const ask = await ex.gql(
      PLACE,
      { input: { market: "BTC_USDT", side: "SELL", type: "LIMIT", price: "20000", amount: "0.1" } },
      seller.bearer,
    );
    await waitForStatus(ex, seller.bearer, ask.data!.placeOrder.id, ["OPEN"]);
    const bid = await ex.gql(
      PLACE,
      { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "20000", amount: "0.1" } },
      buyer.bearer,
    );
    expect(
      (await waitForStatus(ex, buyer.bearer, bid.data!.placeOrder.id, ["FILLED"])).status,
    ).toBe("FILLED");
    const { rows } = await ex.deps.pool.query<{ market: string; seq: number }>(
      `SELECT market, last_sequence::int AS seq FROM consumer_offsets WHERE consumer = 'settlement' ORDER BY market`,
    );
    expect(rows.find((r) => r.market === "ETH_BTC")?.seq ?? 0).toBe(0);
    expect(rows.find((r) => r.market === "BTC_USDT")?.seq).toBeGreaterThanOrEqual(2);
  });
});

describe("a store is down", () => {
  it("PostgreSQL unreachable: placeOrder is SERVICE_UNAVAILABLE at once while orderBook is still served", async () => {
    const up = (ex = await startExchange());
    const maker = await fundedUser(ex, "pg-maker", { ETH: "3" });
    const ask = await ex.gql(
      PLACE,
      { input: { market: "ETH_USDT", side: "SELL", type: "LIMIT", price: "4000", amount: "2" } },
      maker.bearer,
    );
    await waitForStatus(ex, maker.bearer, ask.data!.placeOrder.id, ["OPEN"]);
    // The Redis book follows the events that opened the ask by a moment.
    await poll(
      () => up.gql(ORDER_BOOK, { market: "ETH_USDT" }),
      (r) => r.data?.orderBook.asks.length === 1,
      { timeoutMs: 5_000 },
    );

    const cut = await startApi({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      EVENTHUB_NAMESPACE: ex.config.namespace,
    });
    try {
      const started = Date.now();
      const res = await cut.gql(
        PLACE,
        { input: { market: "ETH_USDT", side: "BUY", type: "LIMIT", price: "4000", amount: "1" } },
        maker.bearer,
      );
      expect(codeOf(res)).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(3_000);
      const book = await cut.gql(ORDER_BOOK, { market: "ETH_USDT" });
      expect(book.errors).toBeUndefined();
      expect(book.data?.orderBook.asks).toEqual([{ price: "4000", amount: "2" }]);
    } finally {
      await cut.stop();
    }
  });

  it("an order whose command never reached the stream is re-sent once it stays PENDING", async () => {
    ex = await startExchange({ components: ["api", "matcher", "settlement", "marketdata"] });
    const user = await fundedUser(ex, "lost-user", { USDT: "1000" });
    const res = await ex.gql(
      PLACE,
      { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "400", amount: "1" } },
      user.bearer,
    );
    const id = res.data!.placeOrder.id;
    // The command is lost on its way: gone from the outbox, never published.
    const { rowCount } = await ex.deps.pool.query(`DELETE FROM outbox WHERE message_id = $1`, [
      `place:${id}`,
    ]);
    expect(rowCount).toBe(1);
    await ex.start(["relay"]);
    expect((await waitForStatus(ex, user.bearer, id, ["OPEN"])).status).toBe("OPEN");
    await ex.checkInvariants();
  });

  it("NATS unreachable: accepted orders wait as PENDING and flow when it is back", async () => {
    ex = await startExchange({ components: ["api", "matcher", "settlement", "marketdata"] });
    const cutRelay = await ex.start(["relay"], { NATS_URL: "nats://127.0.0.1:1" });
    const user = await fundedUser(ex, "nats-user", { USDT: "1000" });
    const res = await ex.gql(
      PLACE,
      { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "500", amount: "1" } },
      user.bearer,
    );
    const id = res.data!.placeOrder.id;
    await sleep(1_500);
    const waiting = await ex.gql(ORDER_LOCK, { id }, user.bearer);
    expect(waiting.data?.order).toEqual({ status: "PENDING", lockedAmount: "500" });
    await cutRelay.stop();
    await ex.start(["relay"]);
    expect((await waitForStatus(ex, user.bearer, id, ["OPEN"])).status).toBe("OPEN");
    expect(await balances(ex, user.bearer)).toMatchObject({
      USDT: { available: "500", locked: "500" },
    });
    await ex.checkInvariants();
  });
});
