import { buildSchema, graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError, ErrorCode } from "../kernel/errors.ts";
import { withLocatedRefusals } from "./located-refusals.ts";

const schema = buildSchema(`
  type Query {
    one: String
  }
  type Mutation {
    one: String
    many: [String]
  }
`);
const refused = () => new DomainError(ErrorCode.ORDER_NOT_OPEN, "The order is FILLED");
const fault = () => new Error("a bug");
const resolvers = (wrap: <R>(r: R) => R) => ({
  one: wrap(async () => {
    throw refused();
  }),
  many: wrap(() => [Promise.resolve("a"), Promise.reject(refused()), Promise.reject(fault()), "d"]),
});
async function run(wrap: <R>(r: R) => R) {
  const fields = schema.getMutationType()!.getFields();
  for (const [name, resolve] of Object.entries(resolvers(wrap))) fields[name]!.resolve = resolve;
  return graphql({ schema, source: "mutation { one many }" });
}

/** How many stacks with frames get formatted (each was captured, then read) while `work` runs. */
async function stacksFormatted<T>(work: () => Promise<T>): Promise<{ result: T; stacks: number }> {
  const original = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
  let stacks = 0;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length > 0) stacks++;
    const at = frames.map(
      (f) => `\n    at ${f.getFunctionName() ?? "?"} (${f.getFileName() ?? "?"})`,
    );
    return `${String(error)}${at.join("")}`;
  };
  try {
    return { result: await work(), stacks };
  } finally {
    if (original) Object.defineProperty(Error, "prepareStackTrace", original);
    else Reflect.deleteProperty(Error, "prepareStackTrace");
  }
}

describe("withLocatedRefusals", () => {
  it("answers exactly as graphql-js does, building no stack for a refusal", async () => {
    const plain = await stacksFormatted(() => run((r) => r));
    const located = await stacksFormatted(() => run(withLocatedRefusals));
    expect(JSON.stringify(located.result)).toBe(JSON.stringify(plain.result));
    expect(located.result.data).toEqual({ one: null, many: ["a", null, null, "d"] });
    expect(located.result.errors!.map((e) => e.path)).toEqual([["one"], ["many", 1], ["many", 2]]);
    expect(located.result.errors![0]!.originalError).toBeInstanceOf(DomainError);
    expect(located.result.errors![1]!.originalError).toBeInstanceOf(DomainError);
    // graphql-js formats the stack its GraphQLError captured for each of the three errors, and
    // the fault's own; located, the refusals' are never captured.
    expect(plain.stacks).toBe(4);
    expect(located.stacks).toBe(2);
    expect(located.result.errors![2]!.stack).toMatch(/\n\s+at /);
  });
});
