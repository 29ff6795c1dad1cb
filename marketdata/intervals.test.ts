import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CANDLE_INTERVALS,
  INTERVAL_MS,
  ROLLUP_SOURCE,
  bucketStart,
  parseIntervalName,
} from "./intervals.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("bucketStart", () => {
  it("aligns to UTC minutes, hours and days", () => {
    const t = at("2026-02-22T17:34:56.789Z");
    expect(iso(bucketStart(t, "M1"))).toBe("2026-02-22T17:34:00.000Z");
    expect(iso(bucketStart(t, "M5"))).toBe("2026-02-22T17:30:00.000Z");
    expect(iso(bucketStart(t, "M15"))).toBe("2026-02-22T17:30:00.000Z");
    expect(iso(bucketStart(t, "M30"))).toBe("2026-02-22T17:30:00.000Z");
    expect(iso(bucketStart(t, "H1"))).toBe("2026-02-22T17:00:00.000Z");
    expect(iso(bucketStart(t, "H4"))).toBe("2026-02-22T16:00:00.000Z");
    expect(iso(bucketStart(t, "D1"))).toBe("2026-02-22T00:00:00.000Z");
  });

  it("starts weeks on Monday", () => {
    // 2026-02-22 is a Sunday, 2026-02-23 a Monday.
    expect(iso(bucketStart(at("2026-02-22T23:59:59.999Z"), "W1"))).toBe("2026-02-16T00:00:00.000Z");
    expect(iso(bucketStart(at("2026-02-23T00:00:00.000Z"), "W1"))).toBe("2026-02-23T00:00:00.000Z");
    expect(new Date(bucketStart(at("1999-12-31T12:00:00Z"), "W1")).getUTCDay()).toBe(1);
    expect(new Date(bucketStart(at("1970-01-01T00:00:00Z"), "W1")).getUTCDay()).toBe(1);
  });

  it("puts an instant in a bar that holds it, and nests finer bars in coarser ones", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at("1990-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z") }),
        fc.constantFrom(...CANDLE_INTERVALS),
        (ms, interval) => {
          const start = bucketStart(ms, interval);
          expect(start).toBeLessThanOrEqual(ms);
          expect(ms).toBeLessThan(start + INTERVAL_MS[interval]);
          expect(bucketStart(start, interval)).toBe(start);
          if (interval !== "M1") {
            const source = ROLLUP_SOURCE[interval];
            expect(bucketStart(bucketStart(ms, source), interval)).toBe(start);
          }
        },
      ),
    );
  });

  it("reads interval names in both spellings", () => {
    expect(parseIntervalName("1h")).toBe("H1");
    expect(parseIntervalName("W1")).toBe("W1");
    expect(parseIntervalName("2h")).toBeNull();
  });
});
