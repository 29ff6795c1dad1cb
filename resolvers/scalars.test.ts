import { describe, expect, it } from "vitest";
import { parseValue, type StringValueNode } from "graphql";
import { Decimal, parseDateTime } from "./scalars.ts";

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return "accepted";
};

describe("DateTime input", () => {
  it("reads instants with a zone exactly", () => {
    expect(parseDateTime("2026-02-22T17:30:00Z").toISOString()).toBe("2026-02-22T17:30:00.000Z");
    expect(parseDateTime("2026-02-22T17:30Z").toISOString()).toBe("2026-02-22T17:30:00.000Z");
    expect(parseDateTime("2026-02-22T19:30:00.5+02:00").toISOString()).toBe(
      "2026-02-22T17:30:00.500Z",
    );
    expect(parseDateTime("2024-02-29T00:00:00.123456789-01:00").toISOString()).toBe(
      "2024-02-29T01:00:00.123Z",
    );
    expect(parseDateTime("9999-12-31T23:59:59.999Z").toISOString()).toBe(
      "9999-12-31T23:59:59.999Z",
    );
    expect(parseDateTime("1970-01-01T00:00:00Z").getTime()).toBe(0);
  });

  it("refuses dates that do not exist, local times, and years PostgreSQL or JS read otherwise", () => {
    for (const bad of [
      "2026-02-30T00:00:00Z", // would be 2 March
      "2025-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T00:00:60Z",
      "2026-01-01T00:00:00", // no zone
      "2026-01-01",
      "0000-01-01T00:00:00Z",
      "1969-12-31T23:59:59Z",
      "+275760-09-13T00:00:00Z",
      "2026-01-01T00:00:00+25:00",
      "9999-12-31T23:59:59-00:01", // year 10000 in UTC (an outside tester's find)
      "9999-12-31T23:59:59.999-18:00",
      "1970-01-01T00:00:00+00:01", // 1969 in UTC
      "2026-01-01T00:00:00Z\u0000",
      " 2026-01-01T00:00:00Z",
      `2026-01-01T00:00:00.${"1".repeat(50)}Z`,
      "x".repeat(1 << 20),
      1767225600000,
      null,
    ]) {
      expect(
        codeOf(() => parseDateTime(bad)),
        String(bad).slice(0, 40),
      ).toBe("BAD_USER_INPUT");
    }
  });
});

describe("Decimal input", () => {
  it("refuses long text, numbers and junk as BAD_USER_INPUT", () => {
    const spaced = [" 0.1", "0.1 ", "\n0.1", "0.1\t", "\u00a00.1", "\u20280.1"];
    for (const bad of [`0.${"0".repeat(20_000)}1`, 0.1, "1e5", "", "1\u00000", ...spaced]) {
      expect(codeOf(() => Decimal.parseValue(bad))).toBe("BAD_USER_INPUT");
    }
    expect(Decimal.parseValue("0010.500")).toBe("10.5");
    // A block string's value has its indentation and blank lines stripped by GraphQL: refused.
    const literal = (source: string) => parseValue(source) as StringValueNode;
    expect(codeOf(() => Decimal.parseLiteral(literal('"""\n  30000\n"""')))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => Decimal.parseLiteral(literal('""" 0.1"""')))).toBe("BAD_USER_INPUT");
    expect(Decimal.parseLiteral(literal('"0.10"'))).toBe("0.1");
  });
});
