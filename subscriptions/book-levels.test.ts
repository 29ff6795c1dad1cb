import { describe, expect, it } from "vitest";
import { BookSide, mergeDiffs } from "./book-levels.ts";

describe("a book side in memory", () => {
  it("keeps bids best (highest) first, exactly, and drops levels set to zero", () => {
    const bids = new BookSide(true);
    bids.apply([
      ["99.5", "1"],
      ["100", "2"],
      ["9.75", "3"],
      ["100.25", "0.001"],
    ]);
    expect(bids.top(3)).toEqual([
      { price: "100.25", amount: "0.001" },
      { price: "100", amount: "2" },
      { price: "99.5", amount: "1" },
    ]);
    bids.apply([
      ["100.25", "0"],
      ["99.5", "0.000"],
      ["100", "5"],
    ]);
    expect(bids.top(10)).toEqual([
      { price: "100", amount: "5" },
      { price: "9.75", amount: "3" },
    ]);
    expect(bids.size).toBe(2);
  });

  it("keeps asks best (lowest) first and replaces everything on a snapshot", () => {
    const asks = new BookSide(false);
    asks.apply([
      ["101", "1"],
      ["100.5", "1"],
    ]);
    expect(asks.top(1)).toEqual([{ price: "100.5", amount: "1" }]);
    asks.replace([{ price: "200", amount: "4" }]);
    expect(asks.top(5)).toEqual([{ price: "200", amount: "4" }]);
  });
});

describe("conflating book diffs", () => {
  it("covers both sequence ranges, and the later amount of a price wins", () => {
    const merged = mergeDiffs(
      {
        firstSeq: 3,
        lastSeq: 4,
        bids: [
          ["10", "1"],
          ["9", "2"],
        ],
        asks: [["11", "1"]],
      },
      { firstSeq: 5, lastSeq: 7, bids: [["10", "0"]], asks: [["12", "3"]] },
    );
    expect(merged).toEqual({
      firstSeq: 3,
      lastSeq: 7,
      bids: [
        ["10", "0"],
        ["9", "2"],
      ],
      asks: [
        ["11", "1"],
        ["12", "3"],
      ],
    });
  });
});
