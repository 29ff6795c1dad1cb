import { describe, expect, it } from "vitest";
import {
  CONTINUOUS_AGGREGATES,
  LATE_MARGIN_MS,
  MERGE_GAP_BUCKETS,
  lateRefreshRanges,
} from "./timescale.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse("2026-11-29T12:34:56.789Z");
const iso = (ms: number) => new Date(ms).toISOString();
const shown = (times: number[], now = NOW) =>
  lateRefreshRanges(times, now).map((r) => [r.view, iso(r.from), iso(r.to)]);

describe("lateRefreshRanges: which continuous-aggregate windows a late trade needs", () => {
  it("refreshes nothing for trades the scheduled policies still cover", () => {
    expect(lateRefreshRanges([NOW, NOW - HOUR, NOW - DAY], NOW)).toEqual([]);
    expect(lateRefreshRanges([], NOW)).toEqual([]);
  });

  it("refreshes the 1m bucket of a trade past the 1m policy's start offset (3 days), with margin", () => {
    // Just inside 3 days: the next run may come too late, so it is refreshed too.
    const t = NOW - 3 * DAY + 30 * MINUTE;
    expect(shown([t])).toEqual([
      ["ticks_1m", "2026-11-26T13:04:00.000Z", "2026-11-26T13:05:00.000Z"],
    ]);
    // Beyond margin + one bucket: left to the policy.
    expect(lateRefreshRanges([NOW - 3 * DAY + LATE_MARGIN_MS + 2 * MINUTE], NOW)).toEqual([]);
  });

  it("climbs the hierarchy with the lateness: 1m, then 1h past 7 days, then 1d past 30 days", () => {
    expect(shown([NOW - 10 * DAY]).map(([view]) => view)).toEqual(["ticks_1m", "ticks_1h"]);
    expect(shown([NOW - 40 * DAY])).toEqual([
      ["ticks_1m", "2026-10-20T12:34:00.000Z", "2026-10-20T12:35:00.000Z"],
      ["ticks_1h", "2026-10-20T12:00:00.000Z", "2026-10-20T13:00:00.000Z"],
      ["ticks_1d", "2026-10-20T00:00:00.000Z", "2026-10-21T00:00:00.000Z"],
    ]);
  });

  it("merges a burst of late trades into one window per aggregate, source first", () => {
    const start = Date.parse("2026-11-10T10:00:00Z");
    const burst = Array.from({ length: 500 }, (_, i) => start + i * 7_000); // ~58 minutes
    expect(shown([...burst].reverse())).toEqual([
      ["ticks_1m", "2026-11-10T10:00:00.000Z", "2026-11-10T10:59:00.000Z"],
      ["ticks_1h", "2026-11-10T10:00:00.000Z", "2026-11-10T11:00:00.000Z"],
    ]);
  });

  it("keeps far-apart late trades in separate windows and merges near ones", () => {
    const a = Date.parse("2026-11-20T00:00:10Z");
    const near = a + MERGE_GAP_BUCKETS * MINUTE; // close enough to a: one 1m window
    const far = a + 5 * HOUR;
    expect(shown([far, a, near]).filter(([view]) => view === "ticks_1m")).toEqual([
      ["ticks_1m", "2026-11-20T00:00:00.000Z", "2026-11-20T00:31:00.000Z"],
      ["ticks_1m", "2026-11-20T05:00:00.000Z", "2026-11-20T05:01:00.000Z"],
    ]);
  });

  it("aligns windows to whole buckets and ignores invalid times", () => {
    for (const r of lateRefreshRanges([NOW - 50 * DAY + 12_345, Number.NaN], NOW)) {
      const width = CONTINUOUS_AGGREGATES.find((a) => a.view === r.view)!.bucketMs;
      expect(r.from % width).toBe(0);
      expect(r.to - r.from).toBe(width);
    }
  });
});
