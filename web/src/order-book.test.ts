import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { applyBookUpdate, bookChecksum, compareDecimals, crc32, emptyBook } from "./order-book.ts";

const level = (price: string, amount: string) => ({ price, amount });

describe("the page's order book", () => {
  it("computes zlib's CRC-32 and the documented checksum example", () => {
    const text = new TextEncoder().encode("2:1.5,3:4|1:0.25");
    expect(crc32(text)).toBe(zlibCrc32(text));
    expect(
      bookChecksum({ asks: [level("2", "1.5"), level("3", "4")], bids: [level("1", "0.25")] }),
    ).toBe(String(zlibCrc32("2:1.5,3:4|1:0.25")));
  });

  it("applies a snapshot, then diffs in sequence, and refuses a gap or a wrong checksum", () => {
    const snapshot = { asks: [level("101", "1")], bids: [level("100", "2"), level("99", "1")] };
    const first = applyBookUpdate(emptyBook(2), {
      market: "BTC_USDT",
      snapshot: true,
      firstSequence: "7",
      lastSequence: "7",
      ...snapshot,
      checksum: bookChecksum(snapshot),
    });
    if (!first.ok) throw new Error(first.fault);
    // 100.5 enters at the top, pushing 99 out of a depth-2 window (the server sends its removal).
    const after = { asks: [level("101", "1")], bids: [level("100.5", "3"), level("100", "2")] };
    const diff = {
      market: "BTC_USDT",
      snapshot: false,
      firstSequence: "8",
      lastSequence: "9",
      asks: [],
      bids: [level("100.5", "3"), level("99", "0")],
      checksum: bookChecksum(after),
    };
    const second = applyBookUpdate(first.book, diff);
    expect(second).toEqual({ ok: true, book: { ...after, sequence: "9", depth: 2 } });
    expect(applyBookUpdate(first.book, { ...diff, firstSequence: "9" })).toEqual({
      ok: false,
      fault: "gap",
    });
    expect(applyBookUpdate(first.book, { ...diff, checksum: "1" })).toEqual({
      ok: false,
      fault: "checksum",
    });
  });

  it("orders prices exactly", () => {
    expect(compareDecimals("64000.01", "64000.1")).toBe(-1);
    expect(compareDecimals("9", "10")).toBe(-1);
    expect(compareDecimals("0.5", "0.50")).toBe(0);
  });
});
