import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.ts";
import type { MatcherEvent } from "./events.ts";
import { OrderBook } from "./order-book.ts";
import type { BookSnapshot } from "./snapshot.ts";
import type { Command, MarketStatus, Side } from "./types.ts";

/** One step of a market's command stream: an order's command, or a status change. */
type Step =
  | { kind: "limit"; user: number; side: Side; price: number; lots: number }
  | { kind: "cancel"; target: number }
  | { kind: "amend"; target: number; price: number }
  | { kind: "status"; status: MarketStatus };

/** Applies steps in order as the matcher process does: each command at the next sequence. */
function run(book: OrderBook, steps: Step[], from = 0): MatcherEvent[][] {
  return steps.map((step, i) => {
    const events: MatcherEvent[] = [];
    const at = { seq: book.seq + 1, ts: 1_000 + from + i };
    const id = (n: number) => `o${n}`;
    let command: Command;
    switch (step.kind) {
      case "status":
        expect(book.setStatus(step.status)).toBeUndefined();
        return events;
      case "limit":
        command = {
          ...at,
          type: "limit",
          orderId: id(from + i),
          userId: `u${step.user}`,
          side: step.side,
          priceTicks: step.price,
          lots: step.lots,
        };
        break;
      case "cancel":
        command = { ...at, type: "cancel", orderId: id(step.target % (from + i + 1)) };
        break;
      case "amend":
        command = {
          ...at,
          type: "amend",
          orderId: id(step.target % (from + i + 1)),
          priceTicks: step.price,
        };
        break;
    }
    book.execute(command, events);
    return events;
  });
}

const limit = (orderId: string, side: Side, priceTicks: number, lots: number, seq: number) =>
  ({ type: "limit", orderId, userId: orderId, side, priceTicks, lots, seq, ts: seq }) as const;

describe("market status in the book", () => {
  it("is TRADING until set; HALTED and CANCEL_ONLY reject new orders and amends, never cancels", () => {
    const book = new OrderBook();
    expect(book.status).toBe("TRADING");
    book.execute(limit("a", "SELL", 10, 5, 1), []);

    for (const [status, code] of [
      ["HALTED", ErrorCode.MARKET_HALTED],
      ["CANCEL_ONLY", ErrorCode.MARKET_CANCEL_ONLY],
    ] as const) {
      expect(book.setStatus(status)).toBeUndefined();
      expect(book.status).toBe(status);
      const seq = book.seq;
      const events: MatcherEvent[] = [];
      // A crossing buy: refused, so no trade, and the order is finished (settlement unlocks it).
      expect(book.execute(limit(`b-${status}`, "BUY", 10, 5, seq + 1), events)?.code).toBe(code);
      expect(
        book.execute({ type: "amend", orderId: "a", priceTicks: 9, seq: seq + 2, ts: 0 }, events)
          ?.code,
      ).toBe(code);
      expect(
        book.execute(
          {
            type: "market",
            side: "BUY",
            orderId: `m-${status}`,
            userId: "m",
            quoteBudget: 100,
            seq: seq + 3,
            ts: 0,
          },
          events,
        )?.code,
      ).toBe(code);
      expect(events.map((e) => e.type)).toEqual(["rejected", "rejected", "rejected"]);
      expect(events.map((e) => (e.type === "rejected" ? e.command : ""))).toEqual([
        "limit",
        "amend",
        "market",
      ]);
      expect(book.seq).toBe(seq + 3);
      expect(book.getOrder("a")).toMatchObject({ priceTicks: 10, remainingLots: 5 });
    }

    const cancelled: MatcherEvent[] = [];
    expect(
      book.execute({ type: "cancel", orderId: "a", seq: book.seq + 1, ts: 0 }, cancelled),
    ).toBeUndefined();
    expect(cancelled.map((e) => e.type)).toEqual(["cancelled"]);

    book.setStatus("TRADING");
    const traded: MatcherEvent[] = [];
    book.execute(limit("c", "SELL", 10, 1, book.seq + 1), traded);
    book.execute(limit("d", "BUY", 10, 1, book.seq + 1), traded);
    expect(traded.map((e) => e.type)).toContain("trade");
  });

  it("takes no sequence number, emits nothing, and refuses what is not a status", () => {
    const book = new OrderBook();
    const seq = book.seq;
    expect(book.setStatus("HALTED")).toBeUndefined();
    expect(book.seq).toBe(seq);
    expect(book.setStatus("OPEN" as MarketStatus)?.code).toBe(ErrorCode.INVALID_STATUS);
    expect(book.status).toBe("HALTED");
  });

  it("is kept by the snapshot; a snapshot without one (older) restores TRADING; a bad one is refused", () => {
    const book = new OrderBook();
    book.setStatus("CANCEL_ONLY");
    const snapshot = JSON.parse(JSON.stringify(book.snapshot())) as BookSnapshot;
    expect(snapshot.status).toBe("CANCEL_ONLY");
    expect(OrderBook.fromSnapshot(snapshot).status).toBe("CANCEL_ONLY");
    const { status: _dropped, ...older } = snapshot;
    expect(OrderBook.fromSnapshot(older).status).toBe("TRADING");
    expect(() => OrderBook.fromSnapshot({ ...snapshot, status: "OPEN" as MarketStatus })).toThrow(
      "bad status",
    );
  });
});

const side = fc.constantFrom<Side>("BUY", "SELL");
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("limit" as const),
      user: fc.nat({ max: 2 }),
      side,
      price: fc.integer({ min: 98, max: 102 }),
      lots: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("cancel" as const), target: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("amend" as const),
      target: fc.nat(),
      price: fc.integer({ min: 98, max: 102 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("status" as const),
      status: fc.constantFrom<MarketStatus>("TRADING", "CANCEL_ONLY", "HALTED"),
    }),
  },
);
const streams = fc.array(step, { maxLength: 80 });

describe("market status over random command streams", () => {
  it("while not TRADING nothing is accepted, amended or traded; cancels still cancel", () => {
    fc.assert(
      fc.property(streams, (steps) => {
        const book = new OrderBook();
        const results = run(book, steps);
        let status: MarketStatus = "TRADING";
        steps.forEach((s, i) => {
          if (s.kind === "status") status = s.status;
          if (status === "TRADING") return;
          for (const e of results[i]!) {
            expect(["rejected", "cancelled"]).toContain(e.type);
            if (e.type === "rejected" && s.kind !== "cancel") {
              expect(e.code).toBe(
                status === "HALTED" ? ErrorCode.MARKET_HALTED : ErrorCode.MARKET_CANCEL_ONLY,
              );
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it("snapshot at any point + replay gives the uninterrupted run's events, book and status", () => {
    fc.assert(
      fc.property(streams, fc.nat(), (steps, cut) => {
        const k = cut % (steps.length + 1);
        const straight = new OrderBook();
        const expected = run(straight, steps);
        const first = new OrderBook();
        run(first, steps.slice(0, k));
        const stored = JSON.parse(JSON.stringify(first.snapshot())) as BookSnapshot;
        const restored = OrderBook.fromSnapshot(stored);
        expect(run(restored, steps.slice(k), k)).toEqual(expected.slice(k));
        expect(restored.status).toBe(straight.status);
        expect(restored.snapshot()).toEqual(straight.snapshot());
      }),
      { numRuns: 200 },
    );
  });
});
