import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlaceOrderInput } from "../client/generated/graphql.ts";
import { CANCEL_ORDER, ORDER, ORDER_BOOK, PLACE_ORDER, graphql } from "../client/index.ts";
import {
  FINAL,
  RESTING,
  balances,
  cancelOrder,
  codeOf,
  fundedUser,
  newApiKey,
  placeOrder,
  poll,
  sleep,
  startExchange,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(() => ex.stop());

const MY_TRADES = graphql(`
  query OrdersMyTrades($market: String!) {
    myTrades(market: $market) {
      edges {
        node {
          side
          liquidity
          price
          amount
          quoteAmount
          fee
          feeAsset
          orderId
          sequence
        }
      }
    }
  }
`);
const TAPE = graphql(`
  query OrdersTape($market: String!, $limit: Int) {
    trades(market: $market, limit: $limit) {
      sequence
      price
      amount
      takerSide
    }
  }
`);
const LEDGER = graphql(`
  query OrdersLedger($asset: String) {
    ledger(asset: $asset) {
      edges {
        node {
          reason
          availableDelta
          lockedDelta
        }
      }
    }
  }
`);
const ORDERS = graphql(`
  query OrdersPage($market: String, $status: [OrderStatus!], $first: Int, $after: String) {
    orders(market: $market, status: $status, first: $first, after: $after) {
      edges {
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const place = (user: TestUser, input: PlaceOrderInput) => placeOrder(ex, user.bearer, input);

async function feeBalances() {
  const { rows } = await ex.deps.pool.query<{ asset: string; available: string }>(
    `SELECT w.asset, w.available::text FROM wallets w JOIN users u ON u.id = w.user_id
      WHERE u.email = 'fees@eventhub.internal'`,
  );
  return Object.fromEntries(rows.map((r) => [r.asset, r.available]));
}

describe("the seed's use case (§7), end to end", () => {
  it("a buy crosses a resting sell: exact balances, fees in the asset received, price improvement refunded", async () => {
    const feesBefore = await feeBalances();
    const alice = await fundedUser(ex, "alice", { BTC: "1" });
    const bob = await fundedUser(ex, "bob", { USDT: "100000" });
    const sell = await place(alice, {
      market: "BTC_USDT",
      side: "SELL",
      type: "LIMIT",
      price: "64000",
      amount: "0.5",
    });
    expect(sell).toMatchObject({ status: "PENDING", lockedAmount: "0.5" });
    expect(await balances(ex, alice.bearer)).toMatchObject({
      BTC: { available: "0.5", locked: "0.5" },
    });
    await waitForStatus(ex, alice.bearer, sell.id, ["OPEN"]);

    const buy = await place(bob, {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "65000",
      amount: "0.2",
    });
    expect(buy.lockedAmount).toBe("13000");
    const filled = await waitForStatus(ex, bob.bearer, buy.id, ["FILLED"]);
    expect(filled).toMatchObject({
      filledAmount: "0.2",
      filledQuoteAmount: "12800",
      averagePrice: "64000",
      lockedAmount: "0",
    });
    const partial = await waitForStatus(ex, alice.bearer, sell.id, ["PARTIALLY_FILLED"]);
    expect(partial).toMatchObject({ filledAmount: "0.2", lockedAmount: "0.3" });

    // Bob paid the maker's 64000, not his 65000; 0.1 % taker fee in BTC.
    expect(await balances(ex, bob.bearer)).toMatchObject({
      BTC: { available: "0.1998", locked: "0" },
      USDT: { available: "87200", locked: "0" },
    });
    // Alice: 0.3 BTC still locked by the rest of her order; 0.1 % maker fee in USDT.
    expect(await balances(ex, alice.bearer)).toMatchObject({
      BTC: { available: "0.5", locked: "0.3" },
      USDT: { available: "12787.2", locked: "0" },
    });
    const fees = await feeBalances();
    const delta = (asset: string) => Number(fees[asset] ?? 0) - Number(feesBefore[asset] ?? 0);
    expect(delta("BTC")).toBeCloseTo(0.0002, 10);
    expect(delta("USDT")).toBeCloseTo(12.8, 10);

    // The matcher mirrors the book to Redis after it publishes the events settlement applies,
    // so the mirror may be a moment behind the orders' statuses.
    const book = await poll(
      () => ex.gql(ORDER_BOOK, { market: "BTC_USDT" }),
      (r) => r.data?.orderBook.asks.some((l) => l.price === "64000" && l.amount === "0.3") ?? false,
      { timeoutMs: 5_000 },
    );
    expect(book.data?.orderBook.asks).toContainEqual({ price: "64000", amount: "0.3" });
    const mine = await ex.gql(MY_TRADES, { market: "BTC_USDT" }, bob.bearer);
    expect(mine.data?.myTrades.edges[0]?.node).toEqual({
      side: "BUY",
      liquidity: "TAKER",
      price: "64000",
      amount: "0.2",
      quoteAmount: "12800",
      fee: "0.0002",
      feeAsset: "BTC",
      orderId: buy.id,
      sequence: expect.stringMatching(/^\d+$/) as unknown,
    });
    // The same trade on the public tape, under the same tape sequence.
    const mySequence = mine.data?.myTrades.edges[0]?.node.sequence;
    let tape: { sequence: string }[] = [];
    for (let i = 0; i < 100 && !tape.some((t) => t.sequence === mySequence); i++) {
      await sleep(50); // market data records asynchronously
      const res = await ex.gql(TAPE, { market: "BTC_USDT", limit: 50 });
      tape = res.data?.trades ?? [];
    }
    expect(tape).toContainEqual({
      sequence: mySequence,
      price: "64000",
      amount: "0.2",
      takerSide: "BUY",
    });
    const ledger = await ex.gql(LEDGER, { asset: "USDT" }, bob.bearer);
    expect(ledger.data?.ledger.edges.map((e) => e.node)).toEqual([
      { reason: "TRADE", availableDelta: "200", lockedDelta: "-13000" },
      { reason: "ORDER_LOCK", availableDelta: "-13000", lockedDelta: "13000" },
      { reason: "DEPOSIT", availableDelta: "100000", lockedDelta: "0" },
    ]);
    await cancelOrder(ex, alice.bearer, sell.id);
    await waitForStatus(ex, alice.bearer, sell.id, ["CANCELLED"]);
  });

  it("a taker sweeps several makers in price-time order", async () => {
    const makers = await Promise.all(
      [0, 1, 2].map((i) => fundedUser(ex, `maker${i}`, { ETH: "10" })),
    );
    const prices = ["3000", "3001", "3002"];
    const sells = [];
    for (const [i, maker] of makers.entries()) {
      sells.push(
        await place(maker, {
          market: "ETH_USDT",
          side: "SELL",
          type: "LIMIT",
          price: prices[i],
          amount: "1",
        }),
      );
    }
    for (const [i, s] of sells.entries())
      await waitForStatus(ex, makers[i]!.bearer, s.id, ["OPEN"]);
    const taker = await fundedUser(ex, "sweeper", { USDT: "10000" });
    const buy = await place(taker, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "3005",
      amount: "2.5",
    });
    const done = await waitForStatus(ex, taker.bearer, buy.id, ["FILLED"]);
    // 1 @ 3000 + 1 @ 3001 + 0.5 @ 3002 = 7502; average 3000.8
    expect(done).toMatchObject({
      filledAmount: "2.5",
      filledQuoteAmount: "7502",
      averagePrice: "3000.8",
    });
    expect(await balances(ex, taker.bearer)).toMatchObject({
      ETH: { available: "2.4975", locked: "0" },
      USDT: { available: "2498", locked: "0" },
    });
    const statuses = await Promise.all(
      sells.map((s, i) =>
        waitForStatus(ex, makers[i]!.bearer, s.id, ["FILLED", "PARTIALLY_FILLED"]),
      ),
    );
    expect(statuses.map((s) => s.status)).toEqual(["FILLED", "FILLED", "PARTIALLY_FILLED"]);
    await cancelOrder(ex, makers[2]!.bearer, sells[2]!.id);
    await waitForStatus(ex, makers[2]!.bearer, sells[2]!.id, ["CANCELLED"]);
  });
});

describe("time in force, post-only, market orders and self-trade prevention", () => {
  it("IOC fills what it can and expires the rest; FOK expires whole; post-only that would take is rejected", async () => {
    const maker = await fundedUser(ex, "tif-maker", { ETH: "5" });
    const taker = await fundedUser(ex, "tif-taker", { USDT: "100000" });
    const ask = await place(maker, {
      market: "ETH_USDT",
      side: "SELL",
      type: "LIMIT",
      price: "2500",
      amount: "1",
    });
    await waitForStatus(ex, maker.bearer, ask.id, ["OPEN"]);

    const fok = await place(taker, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "2500",
      amount: "2",
      timeInForce: "FOK",
    });
    expect(await waitForStatus(ex, taker.bearer, fok.id, FINAL)).toMatchObject({
      status: "EXPIRED",
      filledAmount: "0",
      lockedAmount: "0",
    });

    const post = await place(taker, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "2500",
      amount: "0.5",
      postOnly: true,
    });
    expect(await waitForStatus(ex, taker.bearer, post.id, FINAL)).toMatchObject({
      status: "REJECTED",
      filledAmount: "0",
    });

    const ioc = await place(taker, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "2500",
      amount: "1.5",
      timeInForce: "IOC",
    });
    expect(await waitForStatus(ex, taker.bearer, ioc.id, FINAL)).toMatchObject({
      status: "EXPIRED",
      filledAmount: "1",
      lockedAmount: "0",
    });
    expect(await balances(ex, taker.bearer)).toMatchObject({
      USDT: { available: "97500", locked: "0" },
      ETH: { available: "0.999" },
    });
  });

  it("MARKET BUY spends at most its budget and returns the rest; MARKET SELL sells an amount", async () => {
    const maker = await fundedUser(ex, "mkt-maker", { BTC: "1", USDT: "100000" });
    const buyer = await fundedUser(ex, "mkt-buyer", { USDT: "1000" });
    const ask = await place(maker, {
      market: "BTC_USDT",
      side: "SELL",
      type: "LIMIT",
      price: "70000",
      amount: "0.01",
    });
    await waitForStatus(ex, maker.bearer, ask.id, ["OPEN"]);
    const buy = await place(buyer, {
      market: "BTC_USDT",
      side: "BUY",
      type: "MARKET",
      quoteAmount: "1000",
    });
    expect(buy.lockedAmount).toBe("1000");
    // 0.01 BTC costs 700; no more liquidity: the other 300 comes back.
    expect(await waitForStatus(ex, buyer.bearer, buy.id, FINAL)).toMatchObject({
      status: "EXPIRED",
      filledQuoteAmount: "700",
      lockedAmount: "0",
    });
    expect(await balances(ex, buyer.bearer)).toMatchObject({
      USDT: { available: "300", locked: "0" },
      BTC: { available: "0.00999" },
    });

    const bid = await place(maker, {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "60000",
      amount: "0.005",
    });
    await waitForStatus(ex, maker.bearer, bid.id, ["OPEN"]);
    const sell = await place(buyer, {
      market: "BTC_USDT",
      side: "SELL",
      type: "MARKET",
      amount: "0.005",
    });
    expect(await waitForStatus(ex, buyer.bearer, sell.id, FINAL)).toMatchObject({
      status: "FILLED",
      filledQuoteAmount: "300",
    });
    expect(await balances(ex, buyer.bearer)).toMatchObject({
      USDT: { available: "599.7" },
      BTC: { available: "0.00499" },
    });
  });

  it("self-trade prevention EXPIRE_TAKER keeps the resting order; NONE lets it trade", async () => {
    const trader = await fundedUser(ex, "stp", { ETH: "2", USDT: "10000" });
    const ask = await place(trader, {
      market: "ETH_USDT",
      side: "SELL",
      type: "LIMIT",
      price: "2800",
      amount: "1",
    });
    await waitForStatus(ex, trader.bearer, ask.id, ["OPEN"]);
    const blocked = await place(trader, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "2800",
      amount: "1",
    });
    expect(await waitForStatus(ex, trader.bearer, blocked.id, FINAL)).toMatchObject({
      status: "EXPIRED",
      filledAmount: "0",
    });
    expect((await waitForStatus(ex, trader.bearer, ask.id, RESTING)).status).toBe("OPEN");
    const allowed = await place(trader, {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "2800",
      amount: "1",
      selfTradePrevention: "NONE",
    });
    expect(await waitForStatus(ex, trader.bearer, allowed.id, FINAL)).toMatchObject({
      status: "FILLED",
    });
    expect((await waitForStatus(ex, trader.bearer, ask.id, FINAL)).status).toBe("FILLED");
  });
});

describe("a taker meeting more resting orders than one command may take", () => {
  it("expires its rest with the budget returned, and the market goes on", async () => {
    const maker = await fundedUser(ex, "many-maker", { ETH: "1" });
    const taker = await fundedUser(ex, "many-taker", { BTC: "1" });
    // 60 one-lot asks; the test exchange lets one command take at most 50.
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        place(maker, {
          market: "ETH_BTC",
          side: "SELL",
          type: "LIMIT",
          price: (0.05 + i * 0.000001).toFixed(6),
          amount: "0.01",
        }),
      ),
    );
    await ex.waitUntilSettled();
    const sweep = await place(taker, {
      market: "ETH_BTC",
      side: "BUY",
      type: "MARKET",
      quoteAmount: "0.1",
    });
    const done = await waitForStatus(ex, taker.bearer, sweep.id, FINAL);
    expect(done).toMatchObject({ status: "EXPIRED", filledAmount: "0.5", lockedAmount: "0" });
    const next = await place(taker, {
      market: "ETH_BTC",
      side: "BUY",
      type: "LIMIT",
      price: "0.06",
      amount: "0.01",
    });
    expect((await waitForStatus(ex, taker.bearer, next.id, FINAL)).status).toBe("FILLED");
    const left = await ex.gql(ORDERS, { market: "ETH_BTC", status: ["OPEN"] }, maker.bearer);
    for (const edge of left.data!.orders.edges) {
      await cancelOrder(ex, maker.bearer, edge.node.id);
    }
  });
});

describe("cancel", () => {
  it("releases the locked remainder; a second cancel is ORDER_NOT_OPEN; others see ORDER_NOT_FOUND", async () => {
    const owner = await fundedUser(ex, "canceller", { USDT: "5000" });
    const stranger = await fundedUser(ex, "stranger", {});
    const bid = await place(owner, {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      amount: "1",
    });
    await waitForStatus(ex, owner.bearer, bid.id, ["OPEN"]);
    expect(await balances(ex, owner.bearer)).toMatchObject({
      USDT: { available: "4000", locked: "1000" },
    });
    const cancel = CANCEL_ORDER;
    expect(codeOf(await ex.gql(cancel, { id: bid.id }, stranger.bearer))).toBe("ORDER_NOT_FOUND");
    expect(codeOf(await ex.gql(ORDER, { id: bid.id }, stranger.bearer))).toBe("ORDER_NOT_FOUND");
    expect((await ex.gql(cancel, { id: bid.id }, owner.bearer)).data?.cancelOrder.id).toBe(bid.id);
    await waitForStatus(ex, owner.bearer, bid.id, ["CANCELLED"]);
    expect(await balances(ex, owner.bearer)).toMatchObject({
      USDT: { available: "5000", locked: "0" },
    });
    expect(codeOf(await ex.gql(cancel, { id: bid.id }, owner.bearer))).toBe("ORDER_NOT_OPEN");
    expect(
      codeOf(await ex.gql(cancel, { id: "00000000-0000-4000-8000-000000000000" }, owner.bearer)),
    ).toBe("ORDER_NOT_FOUND");
  });

  it("a cancel right behind its place (still PENDING) cancels it", async () => {
    const owner = await fundedUser(ex, "quick", { ETH: "1" });
    const ask = await place(owner, {
      market: "ETH_USDT",
      side: "SELL",
      type: "LIMIT",
      price: "9999",
      amount: "1",
    });
    await cancelOrder(ex, owner.bearer, ask.id);
    expect((await waitForStatus(ex, owner.bearer, ask.id, FINAL)).status).toBe("CANCELLED");
  });
});

describe("validation and funds", () => {
  it("filters, unknown markets, permissions and insufficient funds are typed errors that change nothing", async () => {
    const user = await fundedUser(ex, "filters", { USDT: "100" });
    const readKey = await newApiKey(ex, user, ["READ"]);
    const base: PlaceOrderInput = {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "50000",
      amount: "0.001",
    };
    const cases: [PlaceOrderInput, string][] = [
      [{ ...base, price: "50000.001" }, "BAD_USER_INPUT"], // tick 0.01
      [{ ...base, amount: "0.000001" }, "BAD_USER_INPUT"], // lot 0.00001
      [{ ...base, amount: "0.00001" }, "BAD_USER_INPUT"], // notional 0.5 < 5
      [{ ...base, price: "-1" }, "BAD_USER_INPUT"],
      [{ ...base, price: undefined }, "BAD_USER_INPUT"],
      [{ ...base, type: "MARKET", price: undefined, amount: undefined }, "BAD_USER_INPUT"],
      [
        {
          ...base,
          type: "MARKET",
          price: undefined,
          amount: undefined,
          quoteAmount: "10.00000001",
        },
        "BAD_USER_INPUT",
      ],
      [{ ...base, postOnly: true, timeInForce: "IOC" }, "BAD_USER_INPUT"],
      [{ ...base, clientOrderId: "has spaces" }, "BAD_USER_INPUT"],
      [{ ...base, market: "DOGE_USDT" }, "MARKET_NOT_FOUND"],
      [{ ...base, amount: "0.01" }, "INSUFFICIENT_FUNDS"], // 500 > 100
    ];
    for (const [input, code] of cases) {
      expect(codeOf(await ex.gql(PLACE_ORDER, { input }, user.bearer)), JSON.stringify(input)).toBe(
        code,
      );
    }
    expect(codeOf(await ex.gql(PLACE_ORDER, { input: base }, readKey.header))).toBe("FORBIDDEN");
    expect(codeOf(await ex.gql(PLACE_ORDER, { input: base }))).toBe("UNAUTHENTICATED");
    expect(await balances(ex, user.bearer)).toMatchObject({
      USDT: { available: "100", locked: "0" },
    });
    const orders = await ex.gql(ORDERS, {}, user.bearer);
    expect(orders.data?.orders.edges).toEqual([]);
  });

  it("a repeated clientOrderId under concurrent retries makes one order", async () => {
    const bot = await fundedUser(ex, "retry-bot", { USDT: "1000" });
    const input: PlaceOrderInput = {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      amount: "1",
      clientOrderId: "grid-42",
    };
    const results = await Promise.all(
      Array.from({ length: 12 }, () => ex.gql(PLACE_ORDER, { input }, bot.bearer)),
    );
    const ids = new Set(results.map((r) => r.data?.placeOrder.id));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(ids.size).toBe(1);
    expect(await balances(ex, bot.bearer)).toMatchObject({
      USDT: { available: "900", locked: "100" },
    });
    const id = [...ids][0]!;
    await waitForStatus(ex, bot.bearer, id, ["OPEN"]);
    await cancelOrder(ex, bot.bearer, id);
    await waitForStatus(ex, bot.bearer, id, ["CANCELLED"]);
  });

  it("concurrent retries whose funds cover one order all get that order, not INSUFFICIENT_FUNDS", async () => {
    const bot = await fundedUser(ex, "retry-short", { USDT: "100" });
    const input: PlaceOrderInput = {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      amount: "1",
      clientOrderId: "only-one",
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ex.gql(PLACE_ORDER, { input }, bot.bearer)),
    );
    expect(results.map((r) => codeOf(r) ?? "ok")).toEqual(Array(10).fill("ok"));
    expect(new Set(results.map((r) => r.data?.placeOrder.id)).size).toBe(1);
    const id = results[0]!.data!.placeOrder.id;
    await waitForStatus(ex, bot.bearer, id, ["OPEN"]);
    await cancelOrder(ex, bot.bearer, id);
    await waitForStatus(ex, bot.bearer, id, ["CANCELLED"]);
  });

  it("200 concurrent orders worth 10× the balance: only what the balance covers is accepted", async () => {
    const whale = await fundedUser(ex, "whale", { USDT: "1000" });
    const input: PlaceOrderInput = {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "50",
      amount: "1",
    };
    const results = await Promise.all(
      Array.from({ length: 200 }, () => ex.gql(PLACE_ORDER, { input }, whale.bearer)),
    );
    const accepted = results.filter((r) => r.data?.placeOrder);
    const refused = results.filter((r) => codeOf(r) === "INSUFFICIENT_FUNDS");
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(180);
    expect(await balances(ex, whale.bearer)).toMatchObject({
      USDT: { available: "0", locked: "1000" },
    });
    for (const r of accepted) {
      await cancelOrder(ex, whale.bearer, r.data!.placeOrder.id);
    }
    await ex.waitUntilSettled();
    expect(await balances(ex, whale.bearer)).toMatchObject({
      USDT: { available: "1000", locked: "0" },
    });
  });
});

describe("pages", () => {
  it("orders filter by status and page with cursors", async () => {
    const user = await fundedUser(ex, "pager", { USDT: "1000" });
    const ids = [];
    for (let i = 1; i <= 5; i++) {
      ids.push(
        (
          await place(user, {
            market: "BTC_USDT",
            side: "BUY",
            type: "LIMIT",
            price: String(10 + i),
            amount: "1",
          })
        ).id,
      );
    }
    await ex.waitUntilSettled();
    const first = await ex.gql(ORDERS, { first: 2, status: ["OPEN"] }, user.bearer);
    expect(first.data?.orders.edges.map((e) => e.node.id)).toEqual([ids[4], ids[3]]);
    const rest = await ex.gql(
      ORDERS,
      { first: 10, after: first.data?.orders.pageInfo.endCursor },
      user.bearer,
    );
    expect(rest.data?.orders.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.data?.orders.pageInfo.hasNextPage).toBe(false);
    for (const id of ids) await cancelOrder(ex, user.bearer, id);
  });
});
