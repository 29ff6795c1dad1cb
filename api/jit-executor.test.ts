import { makeExecutableSchema } from "@graphql-tools/schema";
import {
  execute,
  getOperationAST,
  GraphQLScalarType,
  parse,
  printSchema,
  type ExecutionResult,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createJitExecutor, executorGateway } from "./jit-executor.ts";

const Money = new GraphQLScalarType({
  name: "Money",
  serialize: (value) => `${String(value)}.00`,
});

const schema = makeExecutableSchema({
  typeDefs: `
    scalar Money
    enum Side { BUY SELL }
    type Bar { close: Money! side: Side! note: String }
    type Series { market: String! data: [Bar!]! }
    type Market { symbol: String! }
    type Query {
      candles(market: String!, limit: Int = 2): Series!
      markets: [Market!]!
      me: String
    }
    type Mutation { touch: Int! }`,
  resolvers: {
    Money,
    Query: {
      candles: async (_: unknown, args: { market: string; limit: number }) => {
        if (args.market === "NOPE") throw new Error(`No market "${args.market}"`);
        return {
          market: args.market,
          data: Array.from({ length: args.limit }, (_v, i) => ({
            close: 100 + i,
            side: i % 2 ? "SELL" : "BUY",
            note: null,
          })),
        };
      },
      markets: () => [{ symbol: "BTC_USDT" }, { symbol: "ETH_USDT" }],
      me: () => "someone",
    },
    Mutation: { touch: () => 1 },
  },
});

function request(source: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(source);
  return {
    document,
    source,
    queryHash: source,
    operationName: operationName ?? null,
    operation: getOperationAST(document, operationName)!,
    variables,
    contextValue: {},
  };
}

const plainResult = async (
  source: string,
  variables?: Record<string, unknown>,
): Promise<ExecutionResult> =>
  execute({ schema, document: parse(source), variableValues: variables });

const READ = `query R($m: String!, $l: Int) {
  a: candles(market: $m, limit: $l) { ...S }
  markets { symbol __typename }
  ... on Query { b: candles(market: $m) { market } }
}
fragment S on Series { __typename market data { close side note } }`;

describe("createJitExecutor", () => {
  it("compiles a public read once and answers as graphql-js does", async () => {
    const executor = createJitExecutor(schema);
    const vars = { m: "BTC_USDT", l: 3 };
    const first = await executor.run(request(READ, vars));
    const second = await executor.run(request(READ, vars));
    const expected = await plainResult(READ, vars);
    expect(JSON.stringify(first)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(second)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(first)).toContain('"close":"102.00","side":"BUY"');
    expect(executor.stats).toMatchObject({ compiled: 1, jit: 2, plain: 0, rerun: 0 });
  });

  it("runs everything that is not a public read with graphql-js", async () => {
    const executor = createJitExecutor(schema);
    for (const source of [
      `{ markets { symbol } me }`,
      `mutation { touch }`,
      `{ __schema { queryType { name } } }`,
    ]) {
      const result = await executor.run(request(source));
      expect(JSON.stringify(result)).toBe(JSON.stringify(await plainResult(source)));
    }
    expect(executor.stats).toMatchObject({ compiled: 0, jit: 0, plain: 3 });
  });

  it("leaves refused variables and any error to graphql-js", async () => {
    const executor = createJitExecutor(schema);
    const refused = await executor.run(request(READ, { m: 5 }));
    expect(refused.errors?.[0]?.message).toMatch(/Variable "\$m"/);
    expect(executor.stats).toMatchObject({ jit: 0, plain: 1, rerun: 0 });
    const failing = await executor.run(request(READ, { m: "NOPE" }));
    expect(failing.data).toBeNull();
    expect(failing.errors).toHaveLength(1);
    expect(failing.errors![0]!.originalError?.message).toBe('No market "NOPE"');
    expect(executor.stats).toMatchObject({ jit: 0, plain: 2, rerun: 1 });
  });

  it("keeps at most maxCompiled documents, least recently used dropped first", async () => {
    const executor = createJitExecutor(schema, { maxCompiled: 2 });
    const docs = [
      "{ markets { symbol } }",
      "{ x: markets { symbol } }",
      "{ y: markets { symbol } }",
    ];
    for (const source of docs) await executor.run(request(source));
    expect(executor.size).toBe(2);
    expect(executor.stats.evicted).toBe(1);
    await executor.run(request(docs[0]!));
    expect(executor.stats.compiled).toBe(4);
  });

  it("with jit off, runs everything with graphql-js", async () => {
    const executor = createJitExecutor(schema, { jit: false });
    await executor.run(request(READ, { m: "BTC_USDT" }));
    expect(executor.stats).toMatchObject({ compiled: 0, jit: 0, plain: 1 });
    expect(executor.enabled).toBe(false);
  });
});

describe("executorGateway", () => {
  it("announces the schema on load and hands over the executor", async () => {
    const executor = createJitExecutor(schema);
    const sdl = printSchema(schema);
    const gateway = executorGateway(schema, sdl, executor);
    const seen: unknown[] = [];
    gateway.onSchemaLoadOrUpdate((context) => seen.push(context));
    const loaded = await gateway.load({ apollo: {} });
    expect(seen).toEqual([{ apiSchema: schema, coreSupergraphSdl: sdl }]);
    expect(typeof loaded.executor).toBe("function");
    await gateway.stop();
  });
});
