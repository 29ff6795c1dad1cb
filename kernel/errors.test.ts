import { describe, expect, it } from "vitest";
import { DomainError, ErrorCode, badInput } from "./errors.ts";

describe("DomainError", () => {
  it("carries its code and details but no stack frames, and leaves the stack limit as it was", () => {
    const before = Error.stackTraceLimit;
    const error = badInput("amount must be positive", "amount");
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ field: "amount" });
    expect(error.stack).toBe("DomainError: amount must be positive");
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("a bug").stack).toMatch(/\n\s+at /);
  });
});
