import { describe, expect, it } from "vitest";
import { autovacuumAdvice } from "./client.ts";

describe("autovacuumAdvice", () => {
  it("is quiet when autovacuum is on and names the cost when it is off", () => {
    expect(autovacuumAdvice("on")).toBeNull();
    const advice = autovacuumAdvice("off");
    expect(advice).toMatch(/autovacuum is off/);
    expect(advice).toMatch(/ANALYZE/);
  });
});
