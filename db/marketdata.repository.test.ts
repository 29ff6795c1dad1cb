import { describe, expect, it } from "vitest";
import {
  TAPE_CLOCK_SKEW_MS,
  newestFirstComplete,
  oldestFirstComplete,
  tapeWindows,
} from "./marketdata.repository.ts";

const DAY = 86_400_000;

describe("time windows of tape reads", () => {
  it("widens from 2 hours, ×8 each time up to 341 days, then drops the bound", () => {
    const HOUR = 3_600_000;
    expect([...tapeWindows()]).toEqual([...[2, 16, 128, 1_024, 8_192].map((h) => h * HOUR), null]);
  });

  it("takes a newest-first page only when full and its oldest row is a skew inside the window", () => {
    const lower = 1_000 * DAY;
    const inside = lower + TAPE_CLOCK_SKEW_MS;
    expect(newestFirstComplete([inside + 5, inside], 2, lower)).toBe(true);
    expect(newestFirstComplete([inside + 5, inside - 1], 2, lower)).toBe(false); // a skew from the edge
    expect(newestFirstComplete([inside + 5], 2, lower)).toBe(false); // short page
  });

  it("takes an oldest-first page only when full and its newest row is a skew inside the window", () => {
    const upper = 1_000 * DAY;
    const inside = upper - TAPE_CLOCK_SKEW_MS;
    expect(oldestFirstComplete([inside - 5, inside], 2, upper)).toBe(true);
    expect(oldestFirstComplete([inside - 5, inside + 1], 2, upper)).toBe(false);
    expect(oldestFirstComplete([], 1, upper)).toBe(false);
  });
});
