import { describe, expect, it } from "vitest";
import { ErrorCode, errorName } from "./errors.ts";
import type { MatcherEvent, MatcherEventMap } from "./events.ts";
import { OrderBook } from "./order-book.ts";
import { SnapshotError } from "./errors.ts";
import type { BookSnapshot } from "./snapshot.ts";
import type {
  Command,
  LimitOrderCommand,
  SelfTradePrevention,
  Side,
  TimeInForce,
} from "./types.ts";

type Unsequenced<T> = T extends unknown
  ? Omit<T, "seq" | "ts"> & { seq?: number; ts?: number }
  : never;

/*
 * The book validates every command and snapshot at run time (a caller outside TypeScript, or a
 * stored snapshot, may hand it anything), so the tests of that validation pass malformed values
 * as `unknown` through these, the only places they are given the type they only claim to have.
 */
function executeUnchecked(book: OrderBook, command: unknown) {
  return book.execute(command as Command, []);
}

function restoreUnchecked(snapshot: unknown): OrderBook {
  return OrderBook.fromSnapshot(snapshot as BookSnapshot);
}

class Harness {
  book: OrderBook;
  seq = 0;
  constructor(book = new OrderBook({ trackChangedLevels: true })) {
    this.book = book;
    this.seq = book.seq;
  }
  run(cmd: Unsequenced<Command>): MatcherEvent[] {
    const events: MatcherEvent[] = [];
    const seq = cmd.seq ?? ++this.seq;
    this.seq = Math.max(this.seq, seq);
    const error = this.book.execute({ ts: 1_700_000_000_000, ...cmd, seq }, events);
    this.lastError = error;
    return events;
  }
  /** A command that is malformed on purpose (see `executeUnchecked`); seq and ts as in `run`. */
  runUnchecked(cmd: unknown): MatcherEvent[] {
    return this.run(cmd as Unsequenced<Command>);
  }
  lastError: ReturnType<OrderBook["execute"]>;
  limit(
    orderId: string,
    side: Side,
    priceTicks: number,
    lots: number,
    extra: Partial<LimitOrderCommand> & { userId?: string } = {},
  ) {
    return this.run({
      type: "limit",
      orderId,
      userId: "u-" + orderId,
      side,
      priceTicks,
      lots,
      ...extra,
    });
  }
}

function only<T extends keyof MatcherEventMap>(
  events: MatcherEvent[],
  type: T,
): MatcherEventMap[T][] {
  return events.filter((e): e is MatcherEventMap[T] => e.type === type);
}

function types(events: MatcherEvent[]): string[] {
  return events.map((e) => e.type);
}

describe("limit orders", () => {
  it("rests a GTC order that does not cross and reports depth", () => {
    const h = new Harness();
    expect(types(h.limit("b1", "BUY", 100, 5))).toEqual(["accepted", "rested"]);
    h.limit("b2", "BUY", 100, 3);
    h.limit("b3", "BUY", 99, 1);
    h.limit("a1", "SELL", 102, 4);
    expect(h.book.bestBid()).toBe(100);
    expect(h.book.bestAsk()).toBe(102);
    expect(h.book.depth(10)).toEqual({
      seq: 4,
      bids: [
        { priceTicks: 100, lots: 8, orders: 2 },
        { priceTicks: 99, lots: 1, orders: 1 },
      ],
      asks: [{ priceTicks: 102, lots: 4, orders: 1 }],
    });
    expect(h.book.depth(1).bids).toHaveLength(1);
  });

  it("trades at the maker's price and rests the remainder", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 101, 2);
    h.limit("a2", "SELL", 103, 2);
    const events = h.limit("b1", "BUY", 105, 5);
    expect(types(events)).toEqual(["accepted", "trade", "filled", "trade", "filled", "rested"]);
    const trades = only(events, "trade");
    expect(
      trades.map((t) => [t.makerOrderId, t.priceTicks, t.lots, t.quote, t.matchIndex]),
    ).toEqual([
      ["a1", 101, 2, 202, 0],
      ["a2", 103, 2, 206, 1],
    ]);
    expect(trades[0]).toMatchObject({
      takerOrderId: "b1",
      makerUserId: "u-a1",
      takerUserId: "u-b1",
      takerSide: "BUY",
      makerRemainingLots: 0,
      seq: 3,
    });
    expect(only(events, "rested")[0]).toMatchObject({
      priceTicks: 105,
      remainingLots: 1,
      filledLots: 4,
      filledQuote: 408,
    });
    expect(h.book.bestBid()).toBe(105);
    expect(h.book.bestAsk()).toBeUndefined();
  });

  it("honours price then time priority", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 1);
    h.limit("b2", "BUY", 101, 1);
    h.limit("b3", "BUY", 101, 1);
    h.limit("b4", "BUY", 100, 1);
    const trades = only(h.limit("s", "SELL", 100, 4), "trade");
    expect(trades.map((t) => t.makerOrderId)).toEqual(["b2", "b3", "b1", "b4"]);
    expect(trades.map((t) => t.priceTicks)).toEqual([101, 101, 100, 100]);
  });

  it("fills a maker partially and keeps it first in line", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 10);
    h.limit("a2", "SELL", 100, 10);
    const e1 = h.limit("b1", "BUY", 100, 4);
    expect(types(e1)).toEqual(["accepted", "trade", "filled"]);
    expect(only(e1, "trade")[0]?.makerRemainingLots).toBe(6);
    expect(only(e1, "filled")[0]).toMatchObject({ orderId: "b1", filledLots: 4, filledQuote: 400 });
    expect(only(h.limit("b2", "BUY", 100, 1), "trade")[0]?.makerOrderId).toBe("a1");
    expect(h.book.getOrder("a1")).toMatchObject({
      remainingLots: 5,
      filledLots: 5,
      amountLots: 10,
    });
  });

  it("IOC fills what it can and expires the rest", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 3);
    const events = h.limit("b1", "BUY", 100, 5, { timeInForce: "IOC" });
    expect(types(events)).toEqual(["accepted", "trade", "filled", "expired"]);
    expect(only(events, "expired")[0]).toMatchObject({
      orderId: "b1",
      reason: "IOC_REMAINDER",
      remainingLots: 2,
      filledLots: 3,
      filledQuote: 300,
    });
    expect(h.book.orderCount).toBe(0);
    const none = h.limit("b2", "BUY", 100, 5, { timeInForce: "IOC" });
    expect(only(none, "expired")[0]).toMatchObject({ reason: "IOC_REMAINDER", remainingLots: 5 });
  });

  it("FOK expires untouched when it cannot fill, and fills across levels when it can", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 3);
    h.limit("a2", "SELL", 101, 3);
    const before = h.book.snapshot();
    const no = h.limit("b1", "BUY", 101, 7, { timeInForce: "FOK" });
    expect(types(no)).toEqual(["accepted", "expired"]);
    expect(only(no, "expired")[0]).toMatchObject({ reason: "FOK_NOT_FILLABLE", remainingLots: 7 });
    expect(h.book.snapshot().orders).toEqual(before.orders);
    const tooLow = h.limit("b2", "BUY", 100, 4, { timeInForce: "FOK" });
    expect(only(tooLow, "expired")[0]?.reason).toBe("FOK_NOT_FILLABLE");
    const yes = h.limit("b3", "BUY", 101, 6, { timeInForce: "FOK" });
    expect(types(yes)).toEqual(["accepted", "trade", "filled", "trade", "filled", "filled"]);
    expect(h.book.orderCount).toBe(0);
  });
});

describe("market orders", () => {
  it("market sell walks the bids and expires what finds no liquidity", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 2);
    h.limit("b2", "BUY", 99, 2);
    const events = h.run({ type: "market", orderId: "m1", userId: "u", side: "SELL", lots: 5 });
    expect(only(events, "trade").map((t) => [t.priceTicks, t.lots])).toEqual([
      [100, 2],
      [99, 2],
    ]);
    expect(only(events, "accepted")[0]).toMatchObject({
      orderType: "MARKET",
      lots: 5,
      priceTicks: 0,
    });
    expect(events.at(-1)).toMatchObject({
      type: "expired",
      reason: "MARKET_NO_LIQUIDITY",
      remainingLots: 1,
      filledLots: 4,
      filledQuote: 398,
    });
  });

  it("market sell fully filled ends with filled", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 5);
    const events = h.run({ type: "market", orderId: "m1", userId: "u", side: "SELL", lots: 5 });
    expect(events.at(-1)).toMatchObject({ type: "filled", orderId: "m1", filledLots: 5 });
  });

  it("market buy spends exactly its budget when it can", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 2);
    h.limit("a2", "SELL", 110, 5);
    const events = h.run({
      type: "market",
      orderId: "m",
      userId: "u",
      side: "BUY",
      quoteBudget: 420,
    });
    expect(only(events, "trade").map((t) => [t.priceTicks, t.lots, t.quote])).toEqual([
      [100, 2, 200],
      [110, 2, 220],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "filled", filledLots: 4, filledQuote: 420 });
  });

  it("market buy leaves what cannot buy a whole lot and reports it unspent", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 2);
    h.limit("a2", "SELL", 110, 5);
    const events = h.run({
      type: "market",
      orderId: "m",
      userId: "u",
      side: "BUY",
      quoteBudget: 429,
    });
    expect(events.at(-1)).toMatchObject({
      type: "expired",
      reason: "MARKET_BUDGET",
      filledQuote: 420,
      unspentQuote: 9,
      remainingLots: 0,
    });
    expect(h.book.depth().asks).toEqual([{ priceTicks: 110, lots: 3, orders: 1 }]);
    const tiny = h.run({
      type: "market",
      orderId: "m2",
      userId: "u",
      side: "BUY",
      quoteBudget: 50,
    });
    expect(types(tiny)).toEqual(["accepted", "expired"]);
    expect(tiny.at(-1)).toMatchObject({ reason: "MARKET_BUDGET", unspentQuote: 50 });
  });

  it("market buy that empties the book expires for lack of liquidity", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 1);
    const events = h.run({
      type: "market",
      orderId: "m",
      userId: "u",
      side: "BUY",
      quoteBudget: 1000,
    });
    expect(events.at(-1)).toMatchObject({
      reason: "MARKET_NO_LIQUIDITY",
      filledQuote: 100,
      unspentQuote: 900,
    });
    const empty = h.run({ type: "market", orderId: "m2", userId: "u", side: "SELL", lots: 1 });
    expect(empty.at(-1)).toMatchObject({ reason: "MARKET_NO_LIQUIDITY", remainingLots: 1 });
  });

  it("rejects the wrong sizing for each market side", () => {
    const h = new Harness();
    h.runUnchecked({ type: "market", orderId: "m", userId: "u", side: "BUY", lots: 3 });
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_QUOTE_BUDGET);
    h.runUnchecked({
      type: "market",
      orderId: "m",
      userId: "u",
      side: "BUY",
      quoteBudget: 5,
      lots: 3,
    });
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_AMOUNT);
    h.runUnchecked({ type: "market", orderId: "m", userId: "u", side: "SELL", quoteBudget: 3 });
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_AMOUNT);
    h.runUnchecked({
      type: "market",
      orderId: "m",
      userId: "u",
      side: "SELL",
      lots: 1,
      quoteBudget: 3,
    });
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_QUOTE_BUDGET);
  });
});

describe("post-only", () => {
  it("rests when it would not take", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 101, 1);
    expect(types(h.limit("b1", "BUY", 100, 1, { postOnly: true }))).toEqual(["accepted", "rested"]);
  });

  it("is rejected, changing nothing, when it would take", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 101, 1);
    const events = h.limit("b1", "BUY", 101, 1, { postOnly: true });
    expect(types(events)).toEqual(["rejected"]);
    expect(only(events, "rejected")[0]).toMatchObject({
      code: ErrorCode.POST_ONLY_WOULD_TAKE,
      command: "limit",
      orderId: "b1",
    });
    expect(h.lastError?.code).toBe(ErrorCode.POST_ONLY_WOULD_TAKE);
    expect(h.book.orderCount).toBe(1);
  });

  it("requires GTC", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 1, { postOnly: true, timeInForce: "IOC" });
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_POST_ONLY);
  });
});

describe("self-trade prevention", () => {
  function setup() {
    const h = new Harness();
    h.limit("a1", "SELL", 100, 1, { userId: "other" });
    h.limit("a2", "SELL", 100, 1, { userId: "me" });
    h.limit("a3", "SELL", 101, 1, { userId: "other" });
    return h;
  }
  const take = (h: Harness, stp: SelfTradePrevention, tif: TimeInForce = "GTC") =>
    h.limit("t", "BUY", 101, 3, { userId: "me", selfTradePrevention: stp, timeInForce: tif });

  it("EXPIRE_TAKER stops the taker at its own order and leaves the maker", () => {
    const h = setup();
    const events = take(h, "EXPIRE_TAKER");
    expect(types(events)).toEqual(["accepted", "trade", "filled", "expired"]);
    expect(events.at(-1)).toMatchObject({
      orderId: "t",
      reason: "SELF_TRADE",
      remainingLots: 2,
      filledLots: 1,
    });
    expect(h.book.getOrder("a2")?.remainingLots).toBe(1);
    expect(h.book.depth().asks[0]).toEqual({ priceTicks: 100, lots: 1, orders: 1 });
  });

  it("EXPIRE_MAKER expires the resting order and keeps matching", () => {
    const h = setup();
    const events = take(h, "EXPIRE_MAKER");
    expect(types(events)).toEqual([
      "accepted",
      "trade",
      "filled",
      "expired",
      "trade",
      "filled",
      "rested",
    ]);
    expect(only(events, "expired")[0]).toMatchObject({
      orderId: "a2",
      reason: "SELF_TRADE",
      remainingLots: 1,
    });
    expect(h.book.getOrder("a2")).toBeUndefined();
    expect(h.book.getOrder("t")?.remainingLots).toBe(1);
  });

  it("EXPIRE_BOTH expires maker and taker", () => {
    const h = setup();
    const events = take(h, "EXPIRE_BOTH");
    expect(only(events, "expired").map((e) => [e.orderId, e.reason, e.remainingLots])).toEqual([
      ["a2", "SELF_TRADE", 1],
      ["t", "SELF_TRADE", 2],
    ]);
    expect(h.book.getOrder("a3")?.remainingLots).toBe(1);
    expect(h.book.orderCount).toBe(1);
  });

  it("NONE lets a user trade with itself", () => {
    const h = setup();
    const trades = only(take(h, "NONE"), "trade");
    expect(trades.map((t) => [t.makerOrderId, t.makerUserId, t.takerUserId])).toEqual([
      ["a1", "other", "me"],
      ["a2", "me", "me"],
      ["a3", "other", "me"],
    ]);
  });

  it("FOK counts self-trade prevention when deciding fillability", () => {
    const h = setup();
    expect(take(h, "EXPIRE_TAKER", "FOK").at(-1)).toMatchObject({ reason: "FOK_NOT_FILLABLE" });
    expect(take(h, "EXPIRE_MAKER", "FOK").at(-1)).toMatchObject({ reason: "FOK_NOT_FILLABLE" });
    expect(h.book.orderCount).toBe(3);
    h.limit("a4", "SELL", 101, 1, { userId: "other" });
    const events = take(h, "EXPIRE_MAKER", "FOK");
    expect(events.at(-1)).toMatchObject({ type: "filled", orderId: "t", filledLots: 3 });
    expect(only(events, "expired").map((e) => e.orderId)).toEqual(["a2"]);
  });

  it("market orders apply STP too", () => {
    const h = setup();
    const events = h.run({
      type: "market",
      orderId: "m",
      userId: "me",
      side: "BUY",
      quoteBudget: 1000,
      selfTradePrevention: "EXPIRE_TAKER",
    });
    expect(events.at(-1)).toMatchObject({
      reason: "SELF_TRADE",
      filledQuote: 100,
      unspentQuote: 900,
    });
  });
});

describe("cancel", () => {
  it("removes a resting order and reports what was left", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 5);
    h.limit("s1", "SELL", 100, 2);
    const events = h.run({ type: "cancel", orderId: "b1" });
    expect(events).toEqual([
      {
        type: "cancelled",
        seq: 3,
        ts: 1_700_000_000_000,
        orderId: "b1",
        userId: "u-b1",
        side: "BUY",
        priceTicks: 100,
        remainingLots: 3,
        filledLots: 2,
        filledQuote: 200,
      },
    ]);
    expect(h.book.depth().bids).toEqual([]);
    expect(h.book.bestBid()).toBeUndefined();
  });

  it("keeps the level when other orders remain and preserves their order", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 1);
    h.limit("b2", "BUY", 100, 2);
    h.limit("b3", "BUY", 100, 3);
    h.run({ type: "cancel", orderId: "b2" });
    expect(h.book.depth().bids).toEqual([{ priceTicks: 100, lots: 4, orders: 2 }]);
    const trades = only(h.limit("s", "SELL", 100, 4), "trade");
    expect(trades.map((t) => t.makerOrderId)).toEqual(["b1", "b3"]);
  });

  it("rejects an unknown or already finished order", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 1);
    h.run({ type: "cancel", orderId: "b1" });
    const events = h.run({ type: "cancel", orderId: "b1" });
    expect(events).toMatchObject([
      { type: "rejected", command: "cancel", code: ErrorCode.ORDER_NOT_FOUND },
    ]);
    expect(h.lastError?.code).toBe(ErrorCode.ORDER_NOT_FOUND);
    expect(errorName(ErrorCode.ORDER_NOT_FOUND)).toBe("ORDER_NOT_FOUND");
  });
});

describe("amend", () => {
  it("reducing the amount keeps time priority", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 5);
    h.limit("b2", "BUY", 100, 5);
    const events = h.run({ type: "amend", orderId: "b1", lots: 2 });
    expect(events).toMatchObject([
      {
        type: "amended",
        oldPriceTicks: 100,
        priceTicks: 100,
        oldRemainingLots: 5,
        remainingLots: 2,
        amountLots: 2,
        priorityKept: true,
      },
    ]);
    expect(h.book.depth().bids[0]).toEqual({ priceTicks: 100, lots: 7, orders: 2 });
    expect(only(h.limit("s", "SELL", 100, 1), "trade")[0]?.makerOrderId).toBe("b1");
  });

  it("increasing the amount loses time priority", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 1);
    h.limit("b2", "BUY", 100, 1);
    const events = h.run({ type: "amend", orderId: "b1", lots: 3 });
    expect(types(events)).toEqual(["amended", "rested"]);
    expect(only(events, "amended")[0]?.priorityKept).toBe(false);
    expect(only(h.limit("s", "SELL", 100, 1), "trade")[0]?.makerOrderId).toBe("b2");
  });

  it("changing the price re-inserts at the back and may match", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 99, 4);
    h.limit("b2", "BUY", 100, 1);
    h.limit("a1", "SELL", 101, 3);
    const moved = h.run({ type: "amend", orderId: "b1", priceTicks: 100 });
    expect(types(moved)).toEqual(["amended", "rested"]);
    expect(only(h.limit("s", "SELL", 100, 1), "trade")[0]?.makerOrderId).toBe("b2");
    const crossing = h.run({ type: "amend", orderId: "b1", priceTicks: 102, lots: 5 });
    expect(types(crossing)).toEqual(["amended", "trade", "filled", "rested"]);
    expect(only(crossing, "trade")[0]).toMatchObject({
      takerOrderId: "b1",
      makerOrderId: "a1",
      priceTicks: 101,
      lots: 3,
    });
    expect(h.book.getOrder("b1")).toMatchObject({
      priceTicks: 102,
      remainingLots: 2,
      filledLots: 3,
    });
  });

  it("a crossing amend that fills the order ends it", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 99, 2);
    h.limit("a1", "SELL", 101, 3);
    const events = h.run({ type: "amend", orderId: "b1", priceTicks: 101 });
    expect(events.at(-1)).toMatchObject({ type: "filled", orderId: "b1", filledLots: 2 });
    expect(h.book.getOrder("b1")).toBeUndefined();
  });

  it("post-only amend that would take is rejected and changes nothing", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 99, 2, { postOnly: true });
    h.limit("a1", "SELL", 101, 3);
    const events = h.run({ type: "amend", orderId: "b1", priceTicks: 101 });
    expect(events).toMatchObject([{ type: "rejected", code: ErrorCode.POST_ONLY_WOULD_TAKE }]);
    expect(h.book.getOrder("b1")?.priceTicks).toBe(99);
  });

  it("rejects bad amends", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 99, 2);
    const cases: [Record<string, unknown>, number][] = [
      [{ orderId: "nope", lots: 1 }, ErrorCode.ORDER_NOT_FOUND],
      [{ orderId: "b1" }, ErrorCode.INVALID_AMEND],
      [{ orderId: "b1", lots: 0 }, ErrorCode.INVALID_AMOUNT],
      [{ orderId: "b1", lots: 1.5 }, ErrorCode.INVALID_AMOUNT],
      [{ orderId: "b1", priceTicks: -1 }, ErrorCode.INVALID_PRICE],
      [{ orderId: "b1", priceTicks: 100_000_001 }, ErrorCode.INVALID_PRICE],
    ];
    for (const [fields, code] of cases) {
      h.runUnchecked({ type: "amend", ...fields });
      expect(h.lastError?.code, JSON.stringify(fields)).toBe(code);
    }
    expect(h.book.getOrder("b1")).toMatchObject({ priceTicks: 99, remainingLots: 2 });
  });
});

describe("validation", () => {
  const valid: Unsequenced<LimitOrderCommand> = {
    type: "limit",
    orderId: "x",
    userId: "u",
    side: "BUY",
    priceTicks: 10,
    lots: 1,
  };
  const bad: [string, Record<string, unknown>, number][] = [
    ["zero price", { priceTicks: 0 }, ErrorCode.INVALID_PRICE],
    ["negative price", { priceTicks: -5 }, ErrorCode.INVALID_PRICE],
    ["fractional price", { priceTicks: 1.5 }, ErrorCode.INVALID_PRICE],
    ["NaN price", { priceTicks: NaN }, ErrorCode.INVALID_PRICE],
    ["string price", { priceTicks: "10" }, ErrorCode.INVALID_PRICE],
    ["unsafe price", { priceTicks: 2 ** 53 }, ErrorCode.INVALID_PRICE],
    ["price over max", { priceTicks: 100_000_001 }, ErrorCode.INVALID_PRICE],
    ["zero lots", { lots: 0 }, ErrorCode.INVALID_AMOUNT],
    ["lots over max", { lots: 90_000_001 }, ErrorCode.INVALID_AMOUNT],
    ["infinite lots", { lots: Infinity }, ErrorCode.INVALID_AMOUNT],
    ["bad side", { side: "buy" }, ErrorCode.INVALID_SIDE],
    ["bad tif", { timeInForce: "GTD" }, ErrorCode.INVALID_TIME_IN_FORCE],
    ["bad stp", { selfTradePrevention: "CANCEL" }, ErrorCode.INVALID_SELF_TRADE_PREVENTION],
    ["bad postOnly", { postOnly: "yes" }, ErrorCode.INVALID_POST_ONLY],
    ["empty order id", { orderId: "" }, ErrorCode.INVALID_ORDER_ID],
    ["missing user", { userId: undefined }, ErrorCode.INVALID_USER_ID],
    ["unknown type", { type: "stop" }, ErrorCode.UNKNOWN_COMMAND],
  ];
  it.each(bad)("rejects %s without changing the book", (_name, fields, code) => {
    const h = new Harness();
    h.limit("keep", "SELL", 20, 3);
    const before = JSON.stringify(h.book.snapshot().orders);
    const events = h.runUnchecked({ ...valid, ...fields });
    expect(h.lastError?.code).toBe(code);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "rejected", code, seq: 2 });
    expect(JSON.stringify(h.book.snapshot().orders)).toBe(before);
    expect(h.book.seq).toBe(2);
  });

  it("rejects a live duplicate order id but allows reuse after it is done", () => {
    const h = new Harness();
    h.limit("x", "BUY", 10, 1);
    h.limit("x", "BUY", 11, 1);
    expect(h.lastError?.code).toBe(ErrorCode.DUPLICATE_ORDER_ID);
    expect(h.book.getOrder("x")?.priceTicks).toBe(10);
    h.run({ type: "cancel", orderId: "x" });
    expect(types(h.limit("x", "BUY", 12, 1))).toEqual(["accepted", "rested"]);
  });

  it("ignores stale or invalid sequence numbers and timestamps without any event", () => {
    const h = new Harness();
    h.limit("a", "BUY", 10, 1, { seq: 5 });
    for (const seq of [5, 4, 5.5, NaN, 2 ** 53]) {
      const events = h.run({ ...valid, orderId: "b", seq });
      expect(events).toEqual([]);
      expect(h.lastError?.code).toBe(ErrorCode.INVALID_SEQUENCE);
    }
    const events = h.run({ ...valid, orderId: "b", seq: 6, ts: -1 });
    expect(events).toEqual([]);
    expect(h.lastError?.code).toBe(ErrorCode.INVALID_TIMESTAMP);
    expect(h.book.seq).toBe(5);
    expect(h.book.orderCount).toBe(1);
  });

  it("never throws on garbage", () => {
    const h = new Harness();
    for (const garbage of [
      {},
      { type: "limit" },
      { type: "cancel", orderId: 5 },
      { type: "amend" },
      { type: "market", side: "BUY" },
    ]) {
      expect(() => h.runUnchecked(garbage)).not.toThrow();
      expect(h.lastError).toBeDefined();
    }
    for (const garbage of [null, undefined, 42, "limit"]) {
      expect(executeUnchecked(h.book, garbage)?.code).toBe(ErrorCode.UNKNOWN_COMMAND);
    }
    expect(h.book.orderCount).toBe(0);
  });

  it("refuses limits whose product could lose precision", () => {
    expect(() => new OrderBook({ maxPriceTicks: 2 ** 27, maxLots: 2 ** 27 })).toThrow(RangeError);
    const book = new OrderBook({ maxPriceTicks: 1_000, maxLots: 1_000 });
    expect(book.execute({ ...valid, seq: 1, ts: 0, priceTicks: 1_001 }, [])?.code).toBe(
      ErrorCode.INVALID_PRICE,
    );
  });
});

describe("integer precision", () => {
  it("keeps quotes exact at the largest allowed price and amount", () => {
    const h = new Harness();
    h.limit("a1", "SELL", 100_000_000, 90_000_000);
    const events = h.limit("b1", "BUY", 100_000_000, 90_000_000);
    const trade = only(events, "trade")[0];
    expect(trade?.quote).toBe(9_000_000_000_000_000);
    expect(Number.isSafeInteger(trade?.quote)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "filled", filledQuote: 9_000_000_000_000_000 });
  });

  it("keeps a taker's cumulative quote exact across many levels", () => {
    const h = new Harness(new OrderBook({ maxPriceTicks: 2 ** 26, maxLots: 2 ** 26 }));
    for (let i = 0; i < 4; i++) h.limit(`b${i}`, "BUY", 2 ** 26 - i, 2 ** 24);
    const events = h.limit("s", "SELL", 1, 2 ** 26);
    const quotes = only(events, "trade").map((t) => t.quote);
    const exact = quotes.reduce((a, q) => a + BigInt(q), 0n);
    expect(events.at(-1)).toMatchObject({ type: "filled", filledLots: 2 ** 26 });
    expect(BigInt((events.at(-1) as { filledQuote: number }).filledQuote)).toBe(exact);
  });
});

describe("changed levels", () => {
  it("drains absolute totals of touched levels, zero for removed ones", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 2);
    h.limit("b2", "BUY", 99, 2);
    h.limit("a1", "SELL", 105, 1);
    expect(h.book.drainChangedLevels()).toEqual({
      seq: 3,
      bids: [
        { priceTicks: 100, lots: 2, orders: 1 },
        { priceTicks: 99, lots: 2, orders: 1 },
      ],
      asks: [{ priceTicks: 105, lots: 1, orders: 1 }],
    });
    expect(h.book.drainChangedLevels()).toEqual({ seq: 3, bids: [], asks: [] });
    h.limit("s", "SELL", 99, 3);
    expect(h.book.drainChangedLevels()).toEqual({
      seq: 4,
      bids: [
        { priceTicks: 100, lots: 0, orders: 0 },
        { priceTicks: 99, lots: 1, orders: 1 },
      ],
      asks: [],
    });
  });

  it("is empty when tracking is off", () => {
    const h = new Harness(new OrderBook());
    h.limit("b1", "BUY", 100, 2);
    expect(h.book.drainChangedLevels().bids).toEqual([]);
  });
});

describe("snapshot", () => {
  it("round-trips through JSON and continues identically", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 2, { postOnly: true });
    h.limit("b2", "BUY", 100, 3, { selfTradePrevention: "EXPIRE_MAKER" });
    h.limit("b3", "BUY", 98, 1);
    h.limit("a1", "SELL", 103, 4);
    h.limit("s", "SELL", 100, 1);
    const json = JSON.stringify(h.book.snapshot());
    const restored = new Harness(restoreUnchecked(JSON.parse(json)));
    expect(restored.book.seq).toBe(5);
    expect(restored.book.depth()).toEqual(h.book.depth());
    expect(JSON.stringify(restored.book.snapshot())).toBe(json);
    expect(restored.limit("t", "SELL", 90, 10)).toEqual(h.limit("t", "SELL", 90, 10));
  });

  it("refuses a corrupt snapshot", () => {
    const h = new Harness();
    h.limit("b1", "BUY", 100, 2);
    h.limit("a1", "SELL", 103, 4);
    const good = h.book.snapshot();
    const corrupt = [
      { ...good, version: 2 },
      { ...good, orders: [...good.orders, good.orders[0]] },
      { ...good, orders: [{ ...good.orders[0], remainingLots: 0 }] },
      { ...good, orders: [{ ...good.orders[1] }, { ...good.orders[0] }] },
      { ...good, orders: [{ ...good.orders[0], priceTicks: 200 }, good.orders[1]] },
      { ...good, orders: [null] },
      { ...good, maxLots: 2 ** 40 },
      { ...good, seq: -1 },
    ];
    for (const snapshot of corrupt) {
      expect(() => restoreUnchecked(snapshot)).toThrow(SnapshotError);
    }
  });
});

describe("a bound on makers per command", () => {
  const bounded = () => new Harness(new OrderBook({ maxMakersPerCommand: 3 }));
  const fourAsks = (h: Harness) => {
    for (let i = 1; i <= 4; i++) h.limit(`a${i}`, "SELL", 100 + i, 1);
  };

  it("expires a limit taker's rest with MAX_MAKERS instead of resting it crossed", () => {
    const h = bounded();
    fourAsks(h);
    const events = h.limit("b", "BUY", 200, 10);
    expect(only(events, "trade").map((t) => t.makerOrderId)).toEqual(["a1", "a2", "a3"]);
    expect(only(events, "expired")).toMatchObject([
      { orderId: "b", reason: "MAX_MAKERS", filledLots: 3, remainingLots: 7 },
    ]);
    expect(h.book.getOrder("b")).toBeUndefined();
    expect(h.book.bestAsk()).toBe(104);
  });

  it("does not count a taker that fills within the bound", () => {
    const h = bounded();
    fourAsks(h);
    const events = h.limit("b", "BUY", 200, 3);
    expect(types(events).at(-1)).toBe("filled");
  });

  it("applies to market orders (budget left is reported) and to FOK fillability", () => {
    const h = bounded();
    fourAsks(h);
    const buy = h.run({
      type: "market",
      orderId: "m",
      userId: "um",
      side: "BUY",
      quoteBudget: 10_000,
    });
    expect(only(buy, "expired")).toMatchObject([
      { orderId: "m", reason: "MAX_MAKERS", unspentQuote: 10_000 - 101 - 102 - 103 },
    ]);
    const fok = h.limit("f", "BUY", 200, 2, { timeInForce: "FOK" });
    expect(only(fok, "trade")).toEqual([]); // one ask left: fillable needs 2 makers of 1 lot
    expect(only(fok, "expired")).toMatchObject([{ reason: "FOK_NOT_FILLABLE" }]);
    for (let i = 5; i <= 8; i++) h.limit(`a${i}`, "SELL", 110, 1);
    const tooMany = h.limit("g", "BUY", 200, 4, { timeInForce: "FOK" });
    expect(only(tooMany, "expired")).toMatchObject([{ reason: "FOK_NOT_FILLABLE" }]);
    expect(only(tooMany, "trade")).toEqual([]);
  });

  it("counts makers expired by self-trade prevention and survives a snapshot", () => {
    const h = bounded();
    for (let i = 1; i <= 4; i++) h.limit(`s${i}`, "SELL", 100, 1, { userId: "same" });
    const events = h.limit("t", "BUY", 100, 5, {
      userId: "same",
      selfTradePrevention: "EXPIRE_MAKER",
    });
    expect(only(events, "expired").map((e) => e.reason)).toEqual([
      "SELF_TRADE",
      "SELF_TRADE",
      "SELF_TRADE",
      "MAX_MAKERS",
    ]);
    const restored = OrderBook.fromSnapshot(h.book.snapshot(), { maxMakersPerCommand: 3 });
    expect(restored.maxMakersPerCommand).toBe(3);
    expect(restored.depth(5)).toEqual(h.book.depth(5));
  });
});
