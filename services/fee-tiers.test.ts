import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/errors.ts";
import { MAX_FEE_TIERS, validFeeTiers, type FeeTierInput } from "./fee-tiers.service.ts";

const tier = (n: number, minVolume: string, makerFee = "0.0008", takerFee = "0.001") => ({
  tier: n,
  minVolume,
  makerFee,
  takerFee,
});

function refusal(input: FeeTierInput[]) {
  try {
    validFeeTiers(input);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...error.details, message: error.message };
  }
  throw new Error("expected a refusal");
}

describe("validFeeTiers", () => {
  it("sorts by tier and writes decimals canonically; an empty table is allowed", () => {
    expect(validFeeTiers([tier(2, "1000000.0"), tier(1, "10000", "0.00090", "0")])).toEqual([
      { tier: 1, minVolume: "10000", makerFee: "0.0009", takerFee: "0" },
      { tier: 2, minVolume: "1000000", makerFee: "0.0008", takerFee: "0.001" },
    ]);
    expect(validFeeTiers([])).toEqual([]);
  });

  it("refuses a tier out of 1–100 or given twice", () => {
    for (const n of [0, -1, 101, 1.5]) {
      expect(refusal([tier(n, "1")])).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "tiers.0.tier",
      });
    }
    expect(refusal([tier(1, "1"), tier(1, "2")])).toMatchObject({
      field: "tiers.1.tier",
      message: "tier 1 is given twice",
    });
  });

  it("refuses a minVolume that is negative, malformed or does not rise with the tier", () => {
    expect(refusal([tier(1, "-1")])).toMatchObject({ field: "tiers.0.minVolume" });
    expect(refusal([tier(1, "abc")])).toMatchObject({ field: "tiers.0.minVolume" });
    expect(refusal([tier(2, "100"), tier(1, "100")])).toMatchObject({
      field: "tiers.0.minVolume",
      message: "minVolume must rise with the tier: tier 2 needs more than tier 1's 100",
    });
    expect(validFeeTiers([tier(1, "0"), tier(2, "0.000000000000000001")])).toHaveLength(2);
  });

  it("refuses rates outside 0–1", () => {
    expect(refusal([tier(1, "1", "1.01")])).toMatchObject({
      field: "tiers.0.makerFee",
      message: "makerFee must be between 0 and 1",
    });
    expect(refusal([tier(1, "1", "0", "-0.1")])).toMatchObject({ field: "tiers.0.takerFee" });
    expect(validFeeTiers([tier(1, "1", "1", "0")])[0]).toMatchObject({ makerFee: "1" });
  });

  it(`takes at most ${MAX_FEE_TIERS} tiers`, () => {
    const many = Array.from({ length: MAX_FEE_TIERS + 1 }, (_, i) => tier(i + 1, String(i)));
    expect(refusal(many)).toMatchObject({ field: "tiers" });
    expect(validFeeTiers(many.slice(0, MAX_FEE_TIERS))).toHaveLength(MAX_FEE_TIERS);
  });
});
