import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ORDER_BATCH_MAX, operationWeight, orderTokensOf, tightest } from "./request-weight.ts";

const weigh = (text: string, variables?: Record<string, unknown>) => {
  const document = parse(text);
  return operationWeight(document, getOperationAST(document)!, variables);
};

describe("operationWeight", () => {
  it("charges 1 per plain root field, at least 1, nothing for __typename", () => {
    expect(weigh("{ me { id } }")).toBe(1);
    expect(weigh("{ __typename }")).toBe(1);
    expect(weigh('{ me { id } ticker(market: "BTC_USDT") { last } }')).toBe(2);
    expect(weigh('mutation { cancelOrder(id: "x") { id } }')).toBe(1);
  });

  it("charges big pages more, by literal or variable arguments", () => {
    expect(weigh('{ candles(market: "M", interval: M1) { stale } }')).toBe(3);
    expect(weigh('{ candles(market: "M", interval: M1, limit: 1000) { stale } }')).toBe(5);
    expect(weigh('{ trades(market: "M") { id } }')).toBe(1);
    expect(weigh('{ trades(market: "M", limit: 1000, before: "9") { id } }')).toBe(6);
    expect(
      weigh('query($d: Int) { orderBook(market: "M", depth: $d) { sequence } }', { d: 100 }),
    ).toBe(5);
    expect(
      weigh('query($d: Int) { orderBook(market: "M", depth: $d) { sequence } }', { d: 50 }),
    ).toBe(2);
    expect(weigh('{ orderBook(market: "M") { sequence } }')).toBe(1);
    expect(weigh("{ ledger { edges { cursor } } }")).toBe(3);
    expect(weigh("{ ledger(first: 100) { edges { cursor } } }")).toBe(4);
    expect(weigh("{ orders(first: 100) { edges { cursor } } }")).toBe(3);
    expect(weigh("{ __schema { types { name } } }")).toBe(5);
  });

  it("weighs a variable's default value when the request sends none (and a sent value over it)", () => {
    const trades = 'query($l: Int = 1000) { trades(market: "M", limit: $l) { id } }';
    expect(weigh(trades)).toBe(5);
    expect(weigh(trades, { l: 10 })).toBe(1);
    expect(weigh('query($d: Int = 100) { orderBook(market: "M", depth: $d) { sequence } }')).toBe(
      5,
    );
    expect(weigh("query($f: Int = 100) { ledger(first: $f) { edges { cursor } } }")).toBe(4);
  });

  it("follows fragments and inline fragments at the root, each fragment once", () => {
    const text = `
      query { ...Book ... on Query { ledger { edges { cursor } } } ...Book }
      fragment Book on Query { orderBook(market: "M", depth: 100) { sequence } }`;
    expect(weigh(text)).toBe(5 + 3);
  });

  it("falls back to the default for an argument out of range or absent", () => {
    expect(
      weigh('query($n: Int) { candles(market: "M", interval: M1, limit: $n) { stale } }'),
    ).toBe(3);
    expect(weigh('{ candles(market: "M", interval: M1, limit: -4) { stale } }')).toBe(3);
  });
});

describe("tightest", () => {
  it("shows the scope with the least weight left", () => {
    const usage = [
      { scope: "KEY" as const, used: 5, limit: 10, resetSeconds: 30 },
      { scope: "USER" as const, used: 58, limit: 60, resetSeconds: 10 },
    ];
    expect(tightest(usage)?.scope).toBe("USER");
    expect(tightest([])).toBeUndefined();
  });
});

describe("batch order mutations", () => {
  const order = '{ market: "M", side: BUY, type: LIMIT, price: "1", amount: "1" }';
  const tokens = (text: string, variables?: Record<string, unknown>) => {
    const document = parse(text);
    return orderTokensOf(document, getOperationAST(document)!, variables);
  };

  it("weigh and take a token per order, literal or variable, none past the batch cap", () => {
    const literal = `mutation { placeOrders(inputs: [${order}, ${order}, ${order}]) { id } }`;
    expect(weigh(literal)).toBe(3);
    expect(tokens(literal)).toEqual({ place: 3, cancel: 0 });
    const byVariable = "mutation($i: [PlaceOrderInput!]!) { placeOrders(inputs: $i) { id } }";
    expect(weigh(byVariable, { i: Array.from({ length: 7 }, () => ({})) })).toBe(7);
    expect(tokens(byVariable, { i: Array.from({ length: ORDER_BATCH_MAX }, () => ({})) })).toEqual({
      place: ORDER_BATCH_MAX,
      cancel: 0,
    });
    // Past the cap the resolver refuses the batch whole: it takes no token and weighs nothing.
    const tooMany = { i: Array.from({ length: ORDER_BATCH_MAX + 1 }, () => ({})) };
    expect(tokens(byVariable, tooMany)).toEqual({ place: 0, cancel: 0 });
    expect(weigh(byVariable, tooMany)).toBe(1);
    // A single value where a list is expected is a list of one (GraphQL input coercion).
    expect(tokens(`mutation { placeOrders(inputs: ${order}) { id } }`).place).toBe(1);
    const cancels = 'mutation { cancelOrders(ids: ["a", "b"]) { id } cancelOrder(id: "c") { id } }';
    expect(weigh(cancels)).toBe(3);
    expect(tokens(cancels)).toEqual({ place: 0, cancel: 3 });
    expect(tokens('mutation($d: [ID!]! = ["a"]) { cancelOrders(ids: $d) { id } }')).toEqual({
      place: 0,
      cancel: 1,
    });
    expect(tokens(`{ me { id } }`)).toEqual({ place: 0, cancel: 0 });
  });
});
