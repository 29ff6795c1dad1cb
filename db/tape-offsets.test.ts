import { describe, expect, it } from "vitest";
import { contiguousRuns } from "./marketdata.repository.ts";

describe("the tape's offsets move on by runs of batches", () => {
  it("merges a market's batches that follow on or overlap, and keeps gaps apart", () => {
    expect(
      contiguousRuns([
        { market: "B", fromSeq: 5, toSeq: 6 },
        { market: "A", fromSeq: 11, toSeq: 12 },
        { market: "A", fromSeq: 15, toSeq: 16 },
        { market: "A", fromSeq: 13, toSeq: 13 },
        { market: "B", fromSeq: 3, toSeq: 4 },
        { market: "A", fromSeq: 20, toSeq: 21 },
        { market: "A", fromSeq: 12, toSeq: 12 },
      ]),
    ).toEqual([
      { market: "A", fromSeq: 11, toSeq: 13 },
      { market: "A", fromSeq: 15, toSeq: 16 },
      { market: "A", fromSeq: 20, toSeq: 21 },
      { market: "B", fromSeq: 3, toSeq: 6 },
    ]);
  });
});
