import { describe, expect, it } from "vitest";
import {
  marketsRead,
  memoisedShapes,
  ReadCache,
  readRequestOf,
  readShapeOf,
  type ReadSnapshot,
} from "./read-cache.ts";

const entry = (body: string) => ({
  body: Buffer.from(body),
  headers: [["content-type", "application/json; charset=utf-8"]] as const,
  weight: 5,
  operationName: null,
});

function cacheAt(options: Partial<ConstructorParameters<typeof ReadCache>[0]> = {}) {
  const clock = { now: 1_000_000 };
  const cache = new ReadCache({ maxAgeMs: 1_000, now: () => clock.now, ...options });
  return { cache, clock };
}

describe("readShapeOf", () => {
  it("takes queries of public market-data root fields, through fragments", () => {
    const shape = readShapeOf(
      `query Q($m: String!) { ...F ticker(market: "ETH_USDT") { last } __typename }
       fragment F on Query { candles(market: $m, interval: M1) { stale } ... on Query { markets { symbol } } }`,
      null,
    );
    expect(shape?.name).toBe("Q");
    expect(shape?.markets).toEqual([{ variable: "m" }, { literal: "ETH_USDT" }]);
  });

  it("refuses anything that depends on the caller, mutations, subscriptions and broken documents", () => {
    for (const query of [
      `{ ticker(market: "BTC_USDT") { last } me { id } }`,
      `{ myTrades { edges { node { id } } } }`,
      `{ ...F } fragment F on Query { wallets { asset } }`,
      `{ rateLimits { used } }`,
      `{ __schema { types { name } } }`,
      `mutation { deposit(asset: "USDT", amount: "1") { asset } }`,
      `subscription { ticker(market: "BTC_USDT") { last } }`,
      `{ ...Missing }`,
      `{ ticker(market: 5) { last } }`,
      `{ ticker(market: `,
    ]) {
      expect(readShapeOf(query, null), query).toBeNull();
    }
  });

  it("reads the named operation of several", () => {
    const doc = `query A { markets { symbol } } query B { me { id } }`;
    expect(readShapeOf(doc, "A")).not.toBeNull();
    expect(readShapeOf(doc, "B")).toBeNull();
    expect(readShapeOf(doc, null)).toBeNull(); // ambiguous: graphql refuses it
  });
});

describe("marketsRead and readRequestOf", () => {
  const shapes = memoisedShapes();
  const query = `query($m: String!) { ticker(market: $m) { last } trades(market: "BTC_USDT") { id } }`;

  it("names each market once; a market variable that is not a string is not cacheable", () => {
    const shape = readShapeOf(query, null)!;
    expect(marketsRead(shape, { m: "BTC_USDT" })).toEqual(["BTC_USDT"]);
    expect(marketsRead(shape, { m: "ETH_USDT" })).toEqual(["ETH_USDT", "BTC_USDT"]);
    expect(marketsRead(shape, { m: 3 })).toBeNull();
    expect(marketsRead(shape, undefined)).toBeNull();
  });

  it("keys by operation name, variables, Accept and document", () => {
    const a = readRequestOf({ query, variables: { m: "X" } }, "application/json", "*/*", shapes);
    const b = readRequestOf({ query, variables: { m: "Y" } }, "application/json", "*/*", shapes);
    const c = readRequestOf(
      { query, variables: { m: "X" } },
      "application/json; charset=utf-8",
      "application/graphql-response+json",
      shapes,
    );
    expect(a?.markets).toEqual(["X", "BTC_USDT"]);
    expect(new Set([a?.key, b?.key, c?.key]).size).toBe(3);
  });

  it("leaves other bodies and content types to Apollo", () => {
    const vars = { m: "X" };
    expect(readRequestOf({ query, variables: vars }, "text/plain", undefined, shapes)).toBeNull();
    expect(readRequestOf({ query, variables: vars }, undefined, undefined, shapes)).toBeNull();
    expect(
      readRequestOf({ query, variables: vars, extensions: {} }, "application/json", "", shapes),
    ).toBeNull();
    expect(readRequestOf([{ query }], "application/json", "", shapes)).toBeNull();
    expect(readRequestOf({ query, variables: [1] }, "application/json", "", shapes)).toBeNull();
    expect(
      readRequestOf({ query, variables: vars, operationName: 1 }, "application/json", "", shapes),
    ).toBeNull();
  });
});

describe("ReadCache", () => {
  it("serves an entry until its market moves, another market leaves it alone", () => {
    const { cache } = cacheAt();
    cache.store("k", cache.snapshot(["BTC_USDT"]), entry("a"));
    expect(cache.lookup("k")?.body.toString()).toBe("a");
    cache.bump("ETH_USDT");
    expect(cache.lookup("k")?.body.toString()).toBe("a");
    cache.bump("BTC_USDT");
    expect(cache.lookup("k")).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.stats).toMatchObject({ hits: 2, misses: 1, stored: 1 });
  });

  it("bumpAll drops everything, markets-free answers included", () => {
    const { cache } = cacheAt();
    cache.store("markets", cache.snapshot([]), entry("m"));
    cache.bumpAll();
    expect(cache.lookup("markets")).toBeUndefined();
  });

  it("expires entries maxAgeMs after their snapshot", () => {
    const { cache, clock } = cacheAt();
    cache.store("k", cache.snapshot([]), entry("a"));
    clock.now += 999;
    expect(cache.lookup("k")).toBeDefined();
    clock.now += 1;
    expect(cache.lookup("k")).toBeUndefined();
  });

  it("does not keep an answer whose market moved while it was computed", () => {
    const { cache } = cacheAt();
    const before: ReadSnapshot = cache.snapshot(["BTC_USDT"]);
    cache.bump("BTC_USDT");
    expect(cache.store("k", before, entry("old"))).toBe(false);
    expect(cache.lookup("k")).toBeUndefined();
  });

  it("does not keep an answer computed while a read fell back to Redis", () => {
    let fallbacks = 0;
    const { cache } = cacheAt({ fallbacks: () => fallbacks });
    const before = cache.snapshot(["BTC_USDT"]);
    fallbacks += 1;
    expect(cache.store("k", before, entry("stale"))).toBe(false);
    expect(cache.store("k", cache.snapshot(["BTC_USDT"]), entry("fresh"))).toBe(true);
  });

  it("is bounded in entries and bytes, least recently used first; oversized answers are skipped", () => {
    const { cache } = cacheAt({ maxEntries: 2, maxBytes: 100, maxEntryBytes: 60 });
    cache.store("a", cache.snapshot([]), entry("1"));
    cache.store("b", cache.snapshot([]), entry("2"));
    cache.lookup("a"); // b is now the least recently used
    cache.store("c", cache.snapshot([]), entry("3"));
    expect([cache.lookup("a"), cache.lookup("b"), cache.lookup("c")].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
    expect(cache.store("big", cache.snapshot([]), entry("x".repeat(60)))).toBe(false);
    cache.store("d", cache.snapshot([]), entry("y".repeat(50)));
    expect(cache.heldBytes).toBeLessThanOrEqual(100);
    expect(cache.lookup("d")).toBeDefined();
    cache.store("d", cache.snapshot([]), entry("z"));
    expect(cache.lookup("d")?.body.toString()).toBe("z");
    expect(cache.size).toBeLessThanOrEqual(2);
  });
});
