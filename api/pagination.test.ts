import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/errors.ts";
import { decodeCursor, encodeCursor } from "./pagination.ts";

const codeOf = (run: () => unknown) => {
  try {
    run();
    return "accepted";
  } catch (error) {
    // A refusal is a DomainError; the API's formatter shows its code as extensions.code.
    return error instanceof DomainError ? error.code : error;
  }
};

describe("cursors", () => {
  it("round-trip the ids the server hands out, up to PostgreSQL's bigint", () => {
    expect(decodeCursor("order", encodeCursor("order", 42n))).toBe("42");
    expect(decodeCursor("order", encodeCursor("order", 2n ** 63n - 1n))).toBe(
      "9223372036854775807",
    );
    expect(decodeCursor("order", null)).toBeNull();
  });

  it("refuse what the server never handed out as BAD_USER_INPUT", () => {
    for (const bad of [
      "b3JkZXI6OTIyMzM3MjAzNjg1NDc3NTgwOA", // order:9223372036854775808, one over int64
      encodeCursor("order", "99999999999999999999"),
      encodeCursor("trade", 1n),
      encodeCursor("order", "-1"),
      encodeCursor("order", "1 OR 1=1"),
      encodeCursor("order", "1\u0000"),
      "",
      "!!!",
      "b3JkZXI6".padEnd(10_000, "A"),
    ]) {
      expect(
        codeOf(() => decodeCursor("order", bad)),
        bad.slice(0, 40),
      ).toBe("BAD_USER_INPUT");
    }
  });
});
