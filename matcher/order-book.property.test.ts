import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MatcherError } from "./errors.ts";
import type { MatcherEvent } from "./events.ts";
import { OrderBook } from "./order-book.ts";
import { ReferenceMatcher } from "./reference.test-helper.ts";
import type { BookSnapshot } from "./snapshot.ts";
import type { Command, SelfTradePrevention, Side, TimeInForce } from "./types.ts";

const USERS = ["u1", "u2", "u3"];

type Op =
  | {
      kind: "limit";
      user: number;
      side: Side;
      price: number;
      lots: number;
      tif: TimeInForce;
      postOnly: boolean;
      stp: SelfTradePrevention;
    }
  | { kind: "marketBuy"; user: number; budget: number; stp: SelfTradePrevention }
  | { kind: "marketSell"; user: number; lots: number; stp: SelfTradePrevention }
  | { kind: "cancel"; target: number }
  | { kind: "amend"; target: number; price: number | null; lots: number | null }
  | { kind: "duplicate"; target: number; price: number }
  | { kind: "invalid"; price: number; lots: number };

const side = fc.constantFrom<Side>("BUY", "SELL");
const stp = fc.constantFrom<SelfTradePrevention>(
  "NONE",
  "EXPIRE_TAKER",
  "EXPIRE_MAKER",
  "EXPIRE_BOTH",
);
const user = fc.nat({ max: USERS.length - 1 });
const price = fc.integer({ min: 95, max: 105 });
const lots = fc.integer({ min: 1, max: 6 });
const target = fc.nat({ max: 10_000 });

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("limit" as const),
      user,
      side,
      price,
      lots,
      tif: fc.constantFrom<TimeInForce>("GTC", "GTC", "GTC", "IOC", "FOK"),
      postOnly: fc.boolean(),
      stp,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("marketBuy" as const),
      user,
      budget: fc.integer({ min: 1, max: 1500 }),
      stp,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("marketSell" as const),
      user,
      lots: fc.integer({ min: 1, max: 15 }),
      stp,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("cancel" as const), target }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("amend" as const),
      target,
      price: fc.option(price, { nil: null }),
      lots: fc.option(lots, { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), target, price }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("invalid" as const),
      price: fc.constantFrom(0, -1, 1.5, 100_000_001),
      lots: lots,
    }),
  },
);

function toCommands(ops: Op[]): Command[] {
  return ops.map((o, i): Command => {
    const base = { seq: i + 1, ts: 1_000 + i };
    const orderId = `o${i}`;
    // Mostly recent orders, so cancels and amends often find a live one.
    const earlier = (t: number) => `o${i === 0 ? 0 : i - 1 - (t % Math.min(i, 12))}`;
    switch (o.kind) {
      case "limit":
        return {
          ...base,
          type: "limit",
          orderId,
          userId: USERS[o.user] as string,
          side: o.side,
          priceTicks: o.price,
          lots: o.lots,
          timeInForce: o.tif,
          postOnly: o.postOnly && o.tif === "GTC",
          selfTradePrevention: o.stp,
        };
      case "marketBuy":
        return {
          ...base,
          type: "market",
          orderId,
          userId: USERS[o.user] as string,
          side: "BUY",
          quoteBudget: o.budget,
          selfTradePrevention: o.stp,
        };
      case "marketSell":
        return {
          ...base,
          type: "market",
          orderId,
          userId: USERS[o.user] as string,
          side: "SELL",
          lots: o.lots,
          selfTradePrevention: o.stp,
        };
      case "cancel":
        return { ...base, type: "cancel", orderId: earlier(o.target) };
      case "amend":
        return {
          ...base,
          type: "amend",
          orderId: earlier(o.target),
          ...(o.price === null ? {} : { priceTicks: o.price }),
          ...(o.lots === null ? {} : { lots: o.lots }),
        };
      case "duplicate":
        return {
          ...base,
          type: "limit",
          orderId: earlier(o.target),
          userId: "u1",
          side: "BUY",
          priceTicks: o.price,
          lots: 1,
        };
      case "invalid":
        return {
          ...base,
          type: "limit",
          orderId,
          userId: "u1",
          side: "SELL",
          priceTicks: o.price,
          lots: o.lots,
        };
    }
  });
}

const streams = fc.array(op, { minLength: 1, maxLength: 120, size: "max" }).map(toCommands);

function runAll(book: OrderBook, commands: Command[]): MatcherEvent[][] {
  return commands.map((c) => {
    const out: MatcherEvent[] = [];
    book.execute(c, out);
    return out;
  });
}

function withoutMessages(events: MatcherEvent[]): MatcherEvent[] {
  return events.map((e) => (e.type === "rejected" ? { ...e, message: "" } : e));
}

const RUNS = { numRuns: 300 };

describe("order book properties over random command streams", () => {
  it("is never crossed, keeps level totals exact, and rejections change nothing", () => {
    fc.assert(
      fc.property(streams, (commands) => {
        const book = new OrderBook();
        for (const c of commands) {
          const before = JSON.stringify(book.snapshot().orders);
          const error: MatcherError | undefined = book.execute(c, []);
          if (error !== undefined) expect(JSON.stringify(book.snapshot().orders)).toBe(before);
          const bid = book.bestBid();
          const ask = book.bestAsk();
          if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
          const depth = book.depth(1_000);
          for (const [s, levels] of [
            ["BUY", depth.bids],
            ["SELL", depth.asks],
          ] as const) {
            const orders = book.restingOrders().filter((o) => o.side === s);
            const byPrice = new Map<number, { lots: number; orders: number }>();
            for (const o of orders) {
              const l = byPrice.get(o.priceTicks) ?? { lots: 0, orders: 0 };
              byPrice.set(o.priceTicks, { lots: l.lots + o.remainingLots, orders: l.orders + 1 });
            }
            expect(levels).toEqual([...byPrice].map(([priceTicks, l]) => ({ priceTicks, ...l })));
          }
        }
      }),
      RUNS,
    );
  });

  it("accounts for every order exactly: filled + remaining = amount, one terminal event", () => {
    fc.assert(
      fc.property(streams, (commands) => {
        const book = new OrderBook();
        const bestAskAfter = new Map<number, number | undefined>();
        const events = commands.flatMap((c) => {
          const out: MatcherEvent[] = [];
          book.execute(c, out);
          bestAskAfter.set(c.seq, book.bestAsk());
          return out;
        });
        interface Track {
          amount: number;
          budget: number;
          tradedLots: number;
          tradedQuote: number;
          done: boolean;
          price: number;
        }
        const live = new Map<string, Track>();
        const touch = (id: string): Track => {
          const t = live.get(id);
          expect(t, `event for unknown or finished order ${id}`).toBeDefined();
          expect(t?.done).toBe(false);
          return t as Track;
        };
        for (const e of events) {
          switch (e.type) {
            case "accepted":
              expect(live.get(e.orderId)?.done ?? true).toBe(true);
              live.set(e.orderId, {
                amount: e.lots,
                budget: e.quoteBudget,
                tradedLots: 0,
                tradedQuote: 0,
                done: false,
                price: e.priceTicks,
              });
              break;
            case "trade": {
              const maker = touch(e.makerOrderId);
              const taker = touch(e.takerOrderId);
              expect(e.priceTicks).toBe(maker.price);
              expect(e.quote).toBe(e.priceTicks * e.lots);
              expect(e.lots).toBeGreaterThan(0);
              if (taker.price !== 0) {
                if (e.takerSide === "BUY") expect(e.priceTicks).toBeLessThanOrEqual(taker.price);
                else expect(e.priceTicks).toBeGreaterThanOrEqual(taker.price);
              }
              for (const t of [maker, taker]) {
                t.tradedLots += e.lots;
                t.tradedQuote += e.quote;
              }
              expect(e.makerRemainingLots).toBe(maker.amount - maker.tradedLots);
              break;
            }
            case "amended": {
              const t = touch(e.orderId);
              expect(e.oldRemainingLots).toBe(t.amount - t.tradedLots);
              expect(e.oldPriceTicks).toBe(t.price);
              t.amount = e.amountLots;
              t.price = e.priceTicks;
              expect(e.amountLots).toBe(t.tradedLots + e.remainingLots);
              break;
            }
            case "rested": {
              const t = touch(e.orderId);
              expect(e.filledLots).toBe(t.tradedLots);
              expect(e.filledLots + e.remainingLots).toBe(t.amount);
              break;
            }
            case "filled":
            case "cancelled":
            case "expired": {
              const t = touch(e.orderId);
              t.done = true;
              expect(e.filledLots).toBe(t.tradedLots);
              expect(e.filledQuote).toBe(t.tradedQuote);
              const remaining = e.type === "filled" ? 0 : e.remainingLots;
              if (t.budget > 0) {
                const unspent = e.type === "expired" ? e.unspentQuote : 0;
                expect(e.filledQuote + unspent).toBe(t.budget);
                if (e.type === "expired" && e.reason === "MARKET_BUDGET") {
                  expect(unspent).toBeLessThan(bestAskAfter.get(e.seq) ?? Infinity);
                }
              } else {
                expect(e.filledLots + remaining).toBe(t.amount);
              }
              break;
            }
            case "rejected":
              break;
          }
        }
        const resting = new Map(book.restingOrders().map((o) => [o.orderId, o]));
        for (const [id, t] of live) {
          const o = resting.get(id);
          expect(t.done, `order ${id} is either done or resting`).toBe(o === undefined);
          if (o !== undefined) {
            expect(o.filledLots).toBe(t.tradedLots);
            expect(o.filledLots + o.remainingLots).toBe(t.amount);
          }
        }
      }),
      RUNS,
    );
  });

  it("takes makers strictly in price-time priority", () => {
    fc.assert(
      fc.property(streams, (commands) => {
        const book = new OrderBook();
        for (const c of commands) {
          const before = book.restingOrders();
          const out: MatcherEvent[] = [];
          book.execute(c, out);
          const trades = out.filter((e) => e.type === "trade");
          if (trades.length === 0) continue;
          const takerSide = trades[0]?.takerSide;
          const takerId = trades[0]?.takerOrderId;
          const queue = before
            .filter((o) => o.side !== takerSide && o.orderId !== takerId)
            .map((o) => o.orderId);
          const reached: string[] = [];
          for (const e of out) {
            const id =
              e.type === "trade"
                ? e.makerOrderId
                : e.type === "expired" && e.reason === "SELF_TRADE" && e.orderId !== takerId
                  ? e.orderId
                  : undefined;
            if (id !== undefined && reached.at(-1) !== id) reached.push(id);
          }
          expect(reached).toEqual(queue.slice(0, reached.length));
        }
      }),
      RUNS,
    );
  });

  it("is deterministic: the same stream gives the same events twice", () => {
    fc.assert(
      fc.property(streams, (commands) => {
        expect(runAll(new OrderBook(), commands)).toEqual(runAll(new OrderBook(), commands));
      }),
      { numRuns: 100 },
    );
  });

  it("snapshot at any point + replay equals the uninterrupted run", () => {
    fc.assert(
      fc.property(streams, fc.nat(), (commands, cut) => {
        const k = cut % (commands.length + 1);
        const straight = new OrderBook();
        const expected = runAll(straight, commands);
        const first = new OrderBook();
        runAll(first, commands.slice(0, k));
        const stored = JSON.parse(JSON.stringify(first.snapshot())) as BookSnapshot;
        const restored = OrderBook.fromSnapshot(stored);
        expect(runAll(restored, commands.slice(k))).toEqual(expected.slice(k));
        expect(restored.snapshot()).toEqual(straight.snapshot());
        expect(restored.depth(100)).toEqual(straight.depth(100));
      }),
      RUNS,
    );
  });

  it("matches the brute-force reference matcher event for event", () => {
    fc.assert(
      fc.property(streams, (commands) => {
        const book = new OrderBook();
        const reference = new ReferenceMatcher();
        for (const c of commands) {
          const out: MatcherEvent[] = [];
          book.execute(c, out);
          expect(withoutMessages(out)).toEqual(reference.run(c));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("changed-level drains keep a mirror equal to the book", () => {
    fc.assert(
      fc.property(streams, fc.integer({ min: 1, max: 10 }), (commands, batch) => {
        const book = new OrderBook({ trackChangedLevels: true });
        const mirror = { BUY: new Map<number, number>(), SELL: new Map<number, number>() };
        commands.forEach((c, i) => {
          book.execute(c, []);
          if (i % batch === batch - 1 || i === commands.length - 1) {
            const changed = book.drainChangedLevels();
            expect(changed.seq).toBe(book.seq);
            for (const [s, levels] of [
              ["BUY", changed.bids],
              ["SELL", changed.asks],
            ] as const) {
              for (const l of levels) {
                if (l.lots === 0) mirror[s].delete(l.priceTicks);
                else mirror[s].set(l.priceTicks, l.lots);
              }
            }
          }
        });
        const depth = book.depth(1_000);
        const sorted = (m: Map<number, number>, dir: number) =>
          [...m].sort((a, b) => dir * (a[0] - b[0]));
        expect(sorted(mirror.BUY, -1)).toEqual(depth.bids.map((l) => [l.priceTicks, l.lots]));
        expect(sorted(mirror.SELL, 1)).toEqual(depth.asks.map((l) => [l.priceTicks, l.lots]));
      }),
      RUNS,
    );
  });
});
