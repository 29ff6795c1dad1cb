import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DecimalError,
  MAX_DECIMAL_LENGTH,
  ONE,
  SCALE,
  canonicalDecimal,
  isCanonicalDecimal,
  decimalsOf,
  formatDecimal,
  multiplyCeil,
  multiplyExact,
  multiplyFloor,
  parseDecimal,
  roundDown,
  roundUp,
  toSteps,
} from "./decimal.ts";

const units = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

describe("parseDecimal / formatDecimal", () => {
  it("parses plain decimals exactly", () => {
    expect(parseDecimal("64230.50")).toBe(6423050n * 10n ** 16n);
    expect(parseDecimal("0.00000001", 8)).toBe(10n ** 10n);
    expect(parseDecimal("-1.5")).toBe(-15n * 10n ** 17n);
    expect(parseDecimal("007")).toBe(7n * ONE);
    expect(parseDecimal("1.10000", 1)).toBe(11n * 10n ** 17n);
  });

  it("refuses what is not a plain decimal", () => {
    for (const bad of [
      "",
      "abc",
      "1e5",
      "0x10",
      "1.",
      ".5",
      "1,5",
      "NaN",
      "Infinity",
      "--1",
      "1 2",
      " 1",
      "1 ",
      "\t1.5",
      "1.5\n",
      "\u00a01",
      "1\ufeff",
      "+1",
    ]) {
      expect(() => parseDecimal(bad), bad).toThrow(DecimalError);
    }
  });

  it("refuses more precision than allowed instead of rounding", () => {
    expect(() => parseDecimal("0.123456789", 8)).toThrow(/more than 8 decimal places/);
    expect(() => parseDecimal("1.05", 1)).toThrow(DecimalError);
    expect(() => parseDecimal("0.0000000000000000001")).toThrow(DecimalError);
  });

  it("refuses text over MAX_DECIMAL_LENGTH before reading it (issue 9: a long number froze the API)", () => {
    const zeros = "0".repeat(20_000);
    expect(() => parseDecimal(`0.${zeros}1`)).toThrow(/at most 100 characters/);
    expect(() => parseDecimal(`1.${"0".repeat(1 << 20)}`)).toThrow(/at most 100 characters/);
    expect(() => canonicalDecimal(`1.${zeros}`)).toThrow(/at most 100 characters/);
    const longest = `1.${"0".repeat(MAX_DECIMAL_LENGTH - 2)}`;
    expect(parseDecimal(longest)).toBe(ONE);
    expect(() => parseDecimal(`${longest}0`)).toThrow(DecimalError);
  });

  it("strips trailing zeros of the longest accepted text exactly", () => {
    const text = `0.${"0".repeat(17)}1${"0".repeat(MAX_DECIMAL_LENGTH - 20)}`;
    expect(text.length).toBe(MAX_DECIMAL_LENGTH);
    expect(parseDecimal(text)).toBe(1n);
  });

  it("refuses values that do not fit numeric(38,18)", () => {
    expect(() => parseDecimal("1".repeat(21))).toThrow(/too large/);
    expect(parseDecimal("9".repeat(20))).toBe(BigInt("9".repeat(20)) * ONE);
  });

  it("formats canonically", () => {
    expect(formatDecimal(6423050n * 10n ** 16n)).toBe("64230.5");
    expect(formatDecimal(0n)).toBe("0");
    expect(formatDecimal(-1n)).toBe("-0.000000000000000001");
    expect(formatDecimal(100n * ONE)).toBe("100");
  });

  it("canonicalDecimal agrees with parse + format on every form a database or client sends", () => {
    const padded = fc
      .tuple(units, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 }))
      .map(([u, lead, trail]) => {
        const text = formatDecimal(u);
        const [int = "", frac = ""] = text.replace("-", "").split(".");
        const digits = `${"0".repeat(lead)}${int}${frac || trail ? "." : ""}${frac}${"0".repeat(trail)}`;
        return `${u < 0n ? "-" : ""}${digits}`;
      });
    fc.assert(
      fc.property(padded, (text) => canonicalDecimal(text) === formatDecimal(parseDecimal(text))),
    );
    expect(canonicalDecimal("64230.500000000000000000")).toBe("64230.5");
    expect(canonicalDecimal("-0.000")).toBe("0");
    expect(canonicalDecimal("000")).toBe("0");
    expect(() => canonicalDecimal("1e5")).toThrow(DecimalError);
  });

  it("isCanonicalDecimal holds exactly for text that parse + format leaves unchanged", () => {
    // Form only: at most 18 characters stays inside the integer and fraction digit limits.
    const text = fc.string({ unit: fc.constantFrom(..."-0123456789.e "), maxLength: 18 });
    const canonical = (t: string) => {
      try {
        return formatDecimal(parseDecimal(t)) === t;
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(text, (t) => isCanonicalDecimal(t) === canonical(t)));
    fc.assert(fc.property(units, (u) => isCanonicalDecimal(formatDecimal(u))));
    for (const t of ["64230.5", "0", "0.001", "-7", "-0.5"])
      expect(isCanonicalDecimal(t)).toBe(true);
    for (const t of ["064", "1.50", "1.", ".5", "-0", "-", "", "1e5", " 1", "1-", "--1", "0.0"]) {
      expect(isCanonicalDecimal(t)).toBe(false);
    }
  });

  it("round-trips every value", () => {
    fc.assert(fc.property(units, (u) => parseDecimal(formatDecimal(u)) === u));
  });

  it("round-trips every string it accepts at a precision", () => {
    const text = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }))
      .map(([n, d]) => {
        const s = n.toString().padStart(d + 1, "0");
        return d === 0 ? s : `${s.slice(0, -d)}.${s.slice(-d)}`;
      });
    fc.assert(
      fc.property(text, (s) => {
        const parsed = parseDecimal(s, 8);
        return parseDecimal(formatDecimal(parsed), 8) === parsed && decimalsOf(parsed) <= 8;
      }),
    );
  });
});

describe("steps and multiplication", () => {
  it("counts whole steps and refuses a partial one", () => {
    const tick = parseDecimal("0.01");
    expect(toSteps(parseDecimal("64230.50"), tick)).toBe(6423050n);
    expect(() => toSteps(parseDecimal("64230.505"), tick, "price")).toThrow(/price 64230.505/);
  });

  it("decimalsOf a step", () => {
    expect(decimalsOf(parseDecimal("0.01"))).toBe(2);
    expect(decimalsOf(parseDecimal("10"))).toBe(0);
    expect(decimalsOf(parseDecimal("0.00001"))).toBe(5);
  });

  it("multiplies price × amount exactly on the tick/lot grid", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (ticks, lots) => {
          const price = ticks * parseDecimal("0.01");
          const amount = lots * parseDecimal("0.00001");
          // ticks × lots in units of 0.0000001 quote: an independent integer computation.
          return multiplyExact(price, amount) === ticks * lots * 10n ** BigInt(SCALE - 7);
        },
      ),
    );
  });

  it("floor ≤ exact ≤ ceil, never more than one step apart", () => {
    fc.assert(
      fc.property(units, units, fc.integer({ min: 0, max: SCALE }), (a, b, decimals) => {
        const lo = multiplyFloor(a, b, decimals);
        const hi = multiplyCeil(a, b, decimals);
        const step = 10n ** BigInt(SCALE - decimals);
        const exactScaled = a * b; // at scale 2×SCALE
        const [low, high] = exactScaled >= 0n ? [lo, hi] : [hi, lo];
        return (
          low * ONE <= exactScaled &&
          exactScaled <= high * ONE &&
          high - low <= step &&
          lo % step === 0n &&
          hi % step === 0n
        );
      }),
    );
  });

  it("rounds to a number of decimals", () => {
    const v = parseDecimal("1.23456789");
    expect(formatDecimal(roundDown(v, 4))).toBe("1.2345");
    expect(formatDecimal(roundUp(v, 4))).toBe("1.2346");
    expect(formatDecimal(roundUp(-v, 4))).toBe("-1.2346");
    expect(roundUp(parseDecimal("1.5"), 1)).toBe(parseDecimal("1.5"));
  });
});
