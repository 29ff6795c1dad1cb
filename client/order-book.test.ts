import { describe, expect, it } from "vitest";
import { bookChecksum, type Level } from "../marketdata/book-checksum.ts";
import { OrderBookState, type OrderBookUpdate } from "./order-book.ts";

const level = (price: string, amount: string): Level => ({ price, amount });

/** A message as the server sends it: the checksum of the book after applying it. */
function message(
  first: number,
  last: number,
  changes: { bids?: Level[]; asks?: Level[] },
  after: { bids: Level[]; asks: Level[] },
  snapshot = false,
): OrderBookUpdate {
  return {
    market: "BTC_USDT",
    firstSequence: String(first),
    lastSequence: String(last),
    snapshot,
    bids: changes.bids ?? [],
    asks: changes.asks ?? [],
    checksum: bookChecksum(after.bids, after.asks),
  };
}

// A recorded stream: snapshot at 10, two diffs, a gap (13 → 15), then after resubscribing a
// snapshot at 16, a diff with a wrong checksum, and a snapshot at 18 again.
const snapshotBids = [level("100", "1"), level("99.5", "2")];
const snapshotAsks = [level("101", "1.5"), level("102", "3")];
const afterFirst = { bids: [level("100.5", "0.25"), ...snapshotBids], asks: snapshotAsks };
const afterSecond = {
  bids: afterFirst.bids,
  asks: [level("102", "3")],
};
const RECORDED: OrderBookUpdate[] = [
  message(
    10,
    10,
    { bids: snapshotBids, asks: snapshotAsks },
    { bids: snapshotBids, asks: snapshotAsks },
    true,
  ),
  message(11, 11, { bids: [level("100.5", "0.25")] }, afterFirst),
  message(12, 13, { asks: [level("101", "0")] }, afterSecond),
  message(15, 15, { bids: [level("100", "0")] }, { bids: [], asks: [] }),
];

describe("OrderBookState", () => {
  it("applies a snapshot and the diffs that follow it, checksum verified", () => {
    const book = new OrderBookState(20);
    expect(book.apply(RECORDED[0]!)).toBe("applied");
    expect(book.apply(RECORDED[1]!)).toBe("applied");
    expect(book.bids()).toEqual(afterFirst.bids);
    expect(book.apply(RECORDED[2]!)).toBe("applied");
    expect(book.asks()).toEqual([level("102", "3")]);
    expect(book.sequence).toBe("13");
  });

  it("answers gap on a skipped sequence and clears the book until the next snapshot", () => {
    const book = new OrderBookState(20);
    for (const update of RECORDED.slice(0, 3)) book.apply(update);
    expect(book.apply(RECORDED[3]!)).toBe("gap");
    expect(book.sequence).toBeNull();
    expect(book.bids()).toEqual([]);
    // A diff before a snapshot waits; the resubscription's snapshot resyncs.
    expect(book.apply(message(16, 16, {}, { bids: [], asks: [] }))).toBe("waiting");
    const resync = message(
      16,
      16,
      { bids: [level("98", "1")] },
      { bids: [level("98", "1")], asks: [] },
      true,
    );
    expect(book.apply(resync)).toBe("applied");
    expect(book.bids()).toEqual([level("98", "1")]);
  });

  it("answers checksum when the book it holds differs from the server's", () => {
    const book = new OrderBookState(20);
    book.apply(RECORDED[0]!);
    // The server's checksum says level 100 has amount 1.5, the diff (as received) says 1.25.
    const corrupted = {
      ...message(
        11,
        11,
        { bids: [level("100", "1.25")] },
        { bids: [level("100", "1.5"), level("99.5", "2")], asks: snapshotAsks },
      ),
    };
    expect(book.apply(corrupted)).toBe("checksum");
    expect(book.sequence).toBeNull();
  });

  it("keeps only `depth` levels a side, best first", () => {
    const book = new OrderBookState(2);
    const bids = [level("1", "1"), level("3", "1"), level("2", "1")];
    const kept = { bids: [level("3", "1"), level("2", "1")], asks: [] };
    expect(book.apply(message(1, 1, { bids }, kept, true))).toBe("applied");
    expect(book.bids()).toEqual(kept.bids);
  });

  it("applies a diff that pushes a level out of a depth-2 window (its removal sent along)", () => {
    const book = new OrderBookState(2);
    const bids = [level("100", "2"), level("99", "1")];
    const asks = [level("101", "1")];
    expect(book.apply(message(7, 7, { bids, asks }, { bids, asks }, true))).toBe("applied");
    // 100.5 enters at the top, so 99 leaves the window; the server sends both changes.
    const after = { bids: [level("100.5", "3"), level("100", "2")], asks };
    const diff = message(8, 9, { bids: [level("100.5", "3"), level("99", "0")] }, after);
    expect(book.apply(diff)).toBe("applied");
    expect(book.bids()).toEqual(after.bids);
    expect(book.sequence).toBe("9");
  });

  it("orders prices as exact decimals, not as text or floats", () => {
    const book = new OrderBookState(20);
    const bids = [level("9", "1"), level("64000.1", "1"), level("10", "1"), level("64000.01", "1")];
    const kept = {
      bids: [level("64000.1", "1"), level("64000.01", "1"), level("10", "1"), level("9", "1")],
      asks: [],
    };
    expect(book.apply(message(1, 1, { bids }, kept, true))).toBe("applied");
    expect(book.bids()).toEqual(kept.bids);
    expect(book.asks()).toEqual([]);
  });
});
