import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { findComplexityProblem, readsOnlyTheSchema } from "./limits.ts";
import { inputProblem, jsonNestsDeeper, screenRequest } from "./request-guard.ts";

const fragmentBomb = (levels: number) => {
  let doc = "query { ...F0 }\n";
  for (let i = 0; i < levels; i++) doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  return `${doc}fragment F${levels} on Query { __typename }`;
};

describe("query limits", () => {
  it("measure each fragment once: a 2^60 expansion is refused, not walked", () => {
    // Walking the expansion would not finish; measuring each fragment once takes 61 steps.
    const problem = findComplexityProblem(parse(fragmentBomb(60)));
    expect(problem?.message).toMatch(/cost|selections/);
  });

  it("refuse spread chains that select nothing, end in an unknown fragment or loop back", () => {
    // Found by an outside tester: with no field at the end, the pair count walked 2^n paths.
    const chain = (levels: number, end: string) => {
      let doc = "query { ...F0 }\n";
      for (let i = 0; i < levels; i++)
        doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
      return `${doc}fragment F${levels} on Query { ${end} }`;
    };
    for (const end of ["...Missing", "...F0", "... on Query { ...Missing }"]) {
      expect(findComplexityProblem(parse(chain(40, end)))?.message, end).toMatch(/selections/);
    }
  });

  it("refuse many fields under one response name (graphql compares them pairwise)", () => {
    const repeated = (n: number) => parse(`{ ${"markets { symbol } ".repeat(n)} }`);
    expect(findComplexityProblem(repeated(20))).toBeNull();
    expect(findComplexityProblem(repeated(200))?.message).toMatch(/pairs/);
  });

  it("let the standard introspection query through", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    expect(findComplexityProblem(parse(query))).toBeNull();
    expect(screenRequest(query, {})).toBeNull();
  });

  it("read the schema once per operation: 22 aliased __schema are refused (a newcomer's find)", () => {
    const copies = Array.from(
      { length: 22 },
      (_, i) => `s${i}: __schema { types { fields { args { type { ofType { name } } } } } }`,
    );
    expect(findComplexityProblem(parse(`{ ${copies.join(" ")} }`))?.message).toMatch(/schema/);
    expect(findComplexityProblem(parse(`{ ${copies[0]} }`))).toBeNull();
    const types = Array.from({ length: 6 }, (_, i) => `t${i}: __type(name: "Market") { name }`);
    expect(findComplexityProblem(parse(`{ ${types.slice(0, 5).join(" ")} }`))).toBeNull();
    expect(findComplexityProblem(parse(`{ ${types.join(" ")} }`))?.message).toMatch(/schema/);
  });

  it("tell documents whose answer depends on the schema alone", () => {
    expect(readsOnlyTheSchema(parse("{ __schema { queryType { name } } __typename }"))).toBe(true);
    expect(
      readsOnlyTheSchema(parse("{ __schema { queryType { name } } markets { symbol } }")),
    ).toBe(false);
    expect(readsOnlyTheSchema(parse("query($n: String!) { __type(name: $n) { name } }"))).toBe(
      false,
    );
    expect(readsOnlyTheSchema(parse("{ ...F } fragment F on Query { __typename }"))).toBe(false);
    expect(readsOnlyTheSchema(parse("mutation { __typename }"))).toBe(false);
  });

  it("survive fragment cycles (graphql reports them)", () => {
    const cyclic = parse(
      "query { ...A } fragment A on Query { markets { ...B } } fragment B on Market { ...A }",
    );
    expect(() => findComplexityProblem(cyclic)).not.toThrow();
  });
});

describe("request screening", () => {
  it("refuses over-long documents as 413 before parsing them", () => {
    const refused = screenRequest(`{ __typename ${"#".repeat(1 << 20)}\n}`, undefined);
    expect(refused?.status).toBe(413);
    expect(refused?.error.extensions.code).toBe("REQUEST_TOO_LARGE");
  });

  it("refuses long strings, NUL and long lists anywhere in the variables", () => {
    expect(inputProblem({ a: { b: ["x".repeat(1_001)] } }, "variables")).toMatch(/1001/);
    expect(inputProblem({ name: "a\u0000b" }, "variables")).toMatch(/NUL/);
    expect(inputProblem({ list: Array(101).fill(1) }, "variables")).toMatch(/101 items/);
    expect(inputProblem({ ["k".repeat(2_000)]: 1 }, "variables")).toMatch(/characters/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep, "variables")).toMatch(/nests deeper/);
    expect(inputProblem({ input: { market: "BTC_USDT", amount: "1.5" } }, "variables")).toBeNull();
  });

  it("refuses an over-long operationName (it would be echoed back)", () => {
    const refused = screenRequest("query A { __typename }", {}, "A".repeat(200_000));
    expect(refused?.error.extensions.code).toBe("BAD_USER_INPUT");
    expect(refused?.error.message.length).toBeLessThan(200);
    expect(screenRequest("query A { __typename }", {}, "A")).toBeNull();
  });

  it("refuses long and NUL string literals in the document itself", () => {
    const long = screenRequest(`{ ticker(market: "${"A".repeat(5_000)}") { last } }`, undefined);
    expect(long?.error.extensions.code).toBe("BAD_USER_INPUT");
    const nul = screenRequest(`{ ticker(market: "BTC\\u0000") { last } }`, undefined);
    expect(nul?.error.extensions.code).toBe("BAD_USER_INPUT");
  });
});

describe("JSON nesting, before JSON.parse", () => {
  it("counts brackets outside strings only", () => {
    expect(jsonNestsDeeper(`${"[".repeat(33)}${"]".repeat(33)}`)).toBe(true);
    expect(jsonNestsDeeper(`${"[".repeat(32)}${"]".repeat(32)}`)).toBe(false);
    expect(jsonNestsDeeper(JSON.stringify({ s: "[".repeat(1_000) }))).toBe(false);
    expect(jsonNestsDeeper(JSON.stringify({ s: `\\"${"{".repeat(100)}` }))).toBe(false);
    expect(jsonNestsDeeper(Buffer.from(`{"a":${'{"b":'.repeat(40)}1${"}".repeat(41)}`))).toBe(true);
    expect(jsonNestsDeeper(JSON.stringify({ query: "{ markets { symbol } }" }))).toBe(false);
  });
});
