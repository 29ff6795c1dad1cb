import { describe, expect, it } from "vitest";
import { assertNever, unlisted } from "./assert-never.ts";

type Colour = "RED" | "GREEN";

function hex(colour: Colour): string {
  switch (colour) {
    case "RED":
      return "#f00";
    case "GREEN":
      return "#0f0";
    default:
      return assertNever(colour);
  }
}

function isColour(value: unknown): value is Colour {
  const colour = value as Colour;
  switch (colour) {
    case "RED":
    case "GREEN":
      return true;
    default:
      return unlisted(colour);
  }
}

// What the helpers are for: a switch that forgets a member does not compile (checked by tsc).
export function forgetsBlue(colour: Colour | "BLUE"): string {
  switch (colour) {
    case "RED":
      return "#f00";
    case "GREEN":
      return "#0f0";
    default:
      // @ts-expect-error "BLUE" has no case, so colour is not never here
      return assertNever(colour);
  }
}

export function guardForgetsBlue(value: unknown): boolean {
  const colour = value as Colour | "BLUE";
  switch (colour) {
    case "RED":
    case "GREEN":
      return true;
    default:
      // @ts-expect-error "BLUE" has no case, so colour is not never here
      return unlisted(colour);
  }
}

describe("assertNever", () => {
  it("is never reached by a well-typed value", () => {
    expect(hex("RED")).toBe("#f00");
    expect(hex("GREEN")).toBe("#0f0");
  });

  it("throws, naming the value, when the types were bypassed", () => {
    expect(() => hex("BLUE" as Colour)).toThrow('unhandled member of a closed set: "BLUE"');
    expect(() => hex({ colour: "BLUE" } as unknown as Colour)).toThrow('{"colour":"BLUE"}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => hex(circular as unknown as Colour)).toThrow("[object Object]");
  });
});

describe("unlisted", () => {
  it("turns input outside the set into false instead of a throw", () => {
    expect(isColour("RED")).toBe(true);
    expect(isColour("GREEN")).toBe(true);
    for (const bad of ["BLUE", "red", "", undefined, null, 1, {}, "constructor"]) {
      expect(isColour(bad)).toBe(false);
    }
  });
});
