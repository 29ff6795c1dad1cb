import { describe, expect, it } from "vitest";
import {
  fillsAllOrNothing,
  isSelfTradePrevention,
  isSide,
  isTimeInForce,
  remainderRests,
} from "./closed-sets.ts";
import type { TimeInForce } from "./types.ts";

const notMembers = ["", "buy", "gtc", "none", "LIMIT", "constructor", undefined, null, 0, 1, {}];

describe("guards for untrusted input", () => {
  it("accept exactly the members of each set", () => {
    for (const side of ["BUY", "SELL"]) expect(isSide(side)).toBe(true);
    for (const tif of ["GTC", "IOC", "FOK"]) expect(isTimeInForce(tif)).toBe(true);
    for (const stp of ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"]) {
      expect(isSelfTradePrevention(stp)).toBe(true);
    }
    for (const value of notMembers) {
      expect(isSide(value)).toBe(false);
      expect(isTimeInForce(value)).toBe(false);
      expect(isSelfTradePrevention(value)).toBe(false);
    }
    expect(isSide("GTC")).toBe(false);
    expect(isTimeInForce("BUY")).toBe(false);
    expect(isSelfTradePrevention("EXPIRE")).toBe(false);
  });
});

describe("what each time in force means", () => {
  it.each<[TimeInForce, boolean, boolean]>([
    ["GTC", true, false],
    ["IOC", false, false],
    ["FOK", false, true],
  ])("%s: remainder rests %s, all or nothing %s", (tif, rests, allOrNothing) => {
    expect(remainderRests(tif)).toBe(rests);
    expect(fillsAllOrNothing(tif)).toBe(allOrNothing);
  });
});
