// The API's cache of public market-data answers (api/read-cache.ts), against a whole exchange whose
// answers would live 60 s: only live events can make them change in time. A second API on the same
// stores with the cache off gives the uncached answers to compare with.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PLACE_ORDER_ID } from "../client/index.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import {
  deposit,
  newApiKey,
  newUser,
  poll,
  runningSubscriptions,
  startApi,
  startExchange,
  untilSubscriptionsRunning,
  waitForStatus,
  type Exchange,
  type TestApi,
} from "./kit/index.ts";

let ex: Exchange;
let plain: TestApi;
beforeAll(async () => {
  ex = await startExchange({ overrides: { READ_CACHE_MAX_AGE_MS: "60000" } });
  plain = await startApi({
    DATABASE_URL: ex.config.databaseUrl,
    EVENTHUB_NAMESPACE: ex.config.namespace,
    READ_CACHE_MAX_AGE_MS: "0",
  });
});
afterAll(async () => {
  await plain?.stop();
  await ex?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const json = JSON.parse(text) as Answer["json"];
  return { status: response.status, headers: response.headers, text, json };
}

/** Header names of an answer (values vary: date, usage). */
const headerNames = (a: Answer) => {
  const names: string[] = [];
  a.headers.forEach((_value, name) => names.push(name));
  return names.sort();
};

const TICKER = `query CachedTicker($m: String!) { ticker(market: $m) { market last numberOfTrades closeTime } }`;
const CANDLES = `query CachedCandles($m: String!, $l: Int) { candles(market: $m, interval: M1, limit: $l) {
  stale data { timestamp open high low close volume quoteAssetVolume numberOfTrades } } }`;
const TAPE = `query CachedTape($m: String!) { trades(market: $m, limit: 50) { id sequence price amount takerSide executedAt } }`;
const BOOK = `query CachedBook($m: String!) { orderBook(market: $m, depth: 5) { market sequence bids { price amount } asks { price amount } } }`;
const MARKETS = `query CachedMarkets { markets { symbol makerFee takerFee status } }`;

/** A tape entry written straight into PostgreSQL: no event, so only an uncached read sees it. */
async function sneakTick(market: string, sequence: number, price: string): Promise<void> {
  await ex.deps.pool.query(
    `INSERT INTO ticks (market, sequence, price, amount, quote_amount, taker_side, executed_at)
     VALUES ($1, $2, $3, '0.001', $3::numeric * 0.001, 'BUY', now() - interval '1 hour')`,
    [market, sequence, price],
  );
}

async function trade(market: string, price: string, amount: string, base: string) {
  const seller = await newUser(ex, "rc-seller");
  const buyer = await newUser(ex, "rc-buyer");
  const sellerKey = await newApiKey(ex, seller, ["TRADE"]);
  const buyerKey = await newApiKey(ex, buyer, ["TRADE"]);
  await deposit(ex, sellerKey.header, { [base]: "10" });
  await deposit(ex, buyerKey.header, { USDT: "1000000" });
  const order = (side: "BUY" | "SELL") => ({
    input: { market, side, type: "LIMIT" as const, price, amount },
  });
  const ask = await ex.gql(PLACE_ORDER_ID, order("SELL"), sellerKey.header);
  await waitForStatus(ex, sellerKey.header, ask.data!.placeOrder.id, ["OPEN"]);
  const bid = await ex.gql(PLACE_ORDER_ID, order("BUY"), buyerKey.header);
  return { buyerKey, bidId: bid.data!.placeOrder.id };
}

describe("public market-data read cache", () => {
  it("serves repeated reads from the cache, byte for byte what the uncached API answers", async () => {
    const m = { m: "ETH_USDT", l: 1000 };
    const reads: [string, Record<string, unknown>][] = [
      [CANDLES, m],
      [TAPE, m],
      [BOOK, m],
      [MARKETS, {}],
    ];
    for (const [query, variables] of reads) {
      const miss = await post(ex.url, query, variables);
      const hit = await post(ex.url, query, variables);
      const uncached = await post(plain.url, query, variables);
      expect(miss.json.errors).toBeUndefined();
      expect(hit.text).toBe(miss.text);
      expect(uncached.text).toBe(hit.text);
      expect(hit.status).toBe(uncached.status);
      expect(headerNames(hit)).toEqual(headerNames(uncached));
      expect(hit.headers.get("content-type")).toBe(uncached.headers.get("content-type"));
    }
    // The ticker's closeTime is the moment it was computed: equal but for that.
    const ticker = await post(ex.url, TICKER, m);
    const tickerHit = await post(ex.url, TICKER, m);
    expect(tickerHit.text).toBe(ticker.text);
    const uncached = await post(plain.url, TICKER, m);
    const { closeTime: _a, ...cachedFields } = tickerHit.json.data!.ticker as Record<
      string,
      unknown
    >;
    const { closeTime: _b, ...plainFields } = uncached.json.data!.ticker as Record<string, unknown>;
    expect(cachedFields).toEqual(plainFields);

    // Markets changed by SQL alone are not seen (the answer is cached) until markets.changed.
    await ex.deps.pool.query(`UPDATE markets SET maker_fee = '0.0005' WHERE symbol = 'ETH_BTC'`);
    expect((await post(ex.url, MARKETS)).text).toBe(
      (await post(ex.url, MARKETS)).text.replace("0.0005", "0.001"),
    );
    await publishMarketsChanged(ex.deps, ["ETH_BTC"]);
    await poll(
      () => post(ex.url, MARKETS),
      (a) => a.text.includes('"makerFee":"0.0005"'),
      { timeoutMs: 5_000 },
    );
    expect((await post(ex.url, MARKETS)).text).toBe((await post(plain.url, MARKETS)).text);
  });

  it("a trade shows in the next ticker, candles and trades reads once its live event arrives", async () => {
    const market = "BTC_USDT";
    const vars = { m: market, l: 10 };
    for (const query of [TICKER, CANDLES, TAPE]) await post(ex.url, query, vars);
    const before = {
      ticker: await post(ex.url, TICKER, vars),
      candles: await post(ex.url, CANDLES, vars),
      tape: await post(ex.url, TAPE, vars),
    };
    // Proof the tape is served from the cache: a row written behind its back does not show.
    await sneakTick(market, 7, "41000");
    expect((await post(plain.url, TAPE, vars)).text).toContain('"price":"41000"');
    expect((await post(ex.url, TAPE, vars)).text).toBe(before.tape.text);

    // The M1 bar each trade moves is published after the transaction that stored it.
    const running = await runningSubscriptions(ex.url);
    const socket = ex.ws();
    const bars = socket.iterate<{ candles: { close: string } }>({
      query: `subscription { candles(market: "${market}", interval: M1) { close numberOfTrades } }`,
    });
    const firstBar = bars.next();
    await untilSubscriptionsRunning(ex.url, running + 1);
    const { buyerKey, bidId } = await trade(market, "52000", "0.01", "BTC");
    const bar = (await firstBar).value as { data?: { candles: { close: string } } } | undefined;
    expect(bar?.data?.candles.close).toBe("52000");
    // Read at once, no polling: nothing older than that event may be served.
    const [ticker, candles, tape] = await Promise.all([
      post(ex.url, TICKER, vars),
      post(ex.url, CANDLES, vars),
      post(ex.url, TAPE, vars),
    ]);
    expect(ticker.json.data!.ticker).toMatchObject({ last: "52000" });
    expect(ticker.text).not.toBe(before.ticker.text);
    const data = (candles.json.data!.candles as { data: { close: string }[] }).data;
    expect(data.at(-1)?.close).toBe("52000");
    expect(candles.text).not.toBe(before.candles.text);
    const trades = tape.json.data!.trades as { price: string }[];
    expect(trades[0]?.price).toBe("52000");
    expect(trades.some((t) => t.price === "41000")).toBe(true); // the cached answer is gone
    await waitForStatus(ex, buyerKey.header, bidId, ["FILLED"]);
    await bars.return?.();
  });

  it("keeps each answer in bytes of its own, so what it counts is what it holds", async () => {
    // A small answer encoded by Node shares an 8 KiB slab of its buffer pool; kept as it is,
    // each entry would hold the whole slab alive while the cache counted a few hundred bytes.
    const cache = ex.platform.handle("api")!.readCache!;
    const kept: Buffer[] = [];
    const store = cache.store.bind(cache);
    const spy = vi.spyOn(cache, "store").mockImplementation((key, snapshot, fields) => {
      kept.push(fields.body);
      return store(key, snapshot, fields);
    });
    try {
      cache.bumpAll();
      await post(ex.url, TICKER, { m: "BTC_USDT" });
      await post(ex.url, CANDLES, { m: "BTC_USDT", l: 1000 });
    } finally {
      spy.mockRestore();
    }
    expect(kept.length).toBe(2);
    expect(kept[0]!.length).toBeLessThan(4096);
    for (const body of kept) expect(body.buffer.byteLength).toBe(body.length);
  });

  it("a bad token on a cached document is refused exactly as on an uncached one", async () => {
    const vars = { m: "ETH_USDT", l: 5 };
    await post(ex.url, CANDLES, vars);
    expect((await post(ex.url, CANDLES, vars)).json.errors).toBeUndefined();
    const bad = { authorization: "Bearer not-a-token" };
    const cached = await post(ex.url, CANDLES, vars, bad);
    const uncached = await post(plain.url, CANDLES, vars, bad);
    expect(cached.status).toBe(401);
    expect(cached.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(cached.text).toBe(uncached.text);
    expect(cached.status).toBe(uncached.status);
    // A revoked API key too.
    const user = await newUser(ex, "rc-revoked");
    const key = await newApiKey(ex, user, ["READ"]);
    expect((await post(ex.url, CANDLES, vars, key.header)).json.errors).toBeUndefined();
    await ex.deps.pool.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
    const revoked = await poll(
      () => post(ex.url, CANDLES, vars, key.header),
      (a) => a.status !== 200,
      { timeoutMs: 5_000 },
    );
    expect(revoked.text).toBe((await post(plain.url, CANDLES, vars, key.header)).text);
  });

  it("hits charge the request weight and carry the usage headers; a refusal is the uncached one", async () => {
    const user = await newUser(ex, "rc-weight");
    const key = await newApiKey(ex, user, ["READ"]);
    const vars = { m: "ETH_USDT", l: 1000 }; // candles(limit: 1000) weighs 5
    const used = async () => {
      const a = await post(ex.url, CANDLES, vars, key.header);
      expect(a.status).toBe(200);
      expect(a.headers.get("x-ratelimit-scope")).toMatch(/^(KEY|USER)$/);
      expect(a.headers.get("x-ratelimit-limit")).toBeTruthy();
      expect(a.headers.get("x-ratelimit-reset")).toBeTruthy();
      return Number(a.headers.get("x-ratelimit-used-weight"));
    };
    const first = await used();
    expect(await used()).toBe(first + 5);
    expect(await used()).toBe(first + 10);

    // A small limit on an API of its own: the third read is refused as uncached ones are.
    const tight = await startApi({
      DATABASE_URL: ex.config.databaseUrl,
      EVENTHUB_NAMESPACE: ex.config.namespace,
      READ_CACHE_MAX_AGE_MS: "60000",
      RATE_LIMIT_KEY_WEIGHT_PER_MINUTE: "12",
    });
    try {
      const other = await newApiKey(ex, user, ["READ"]);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(tight.url, CANDLES, vars, other.header));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      expect(answers[1]!.text).toBe(answers[0]!.text);
      expect(answers[2]!.json.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(answers[2]!.headers.get("retry-after")).toBeTruthy();
      expect(answers[1]!.headers.get("x-ratelimit-used-weight")).toBe("10");
    } finally {
      await tight.stop();
    }
  });

  it("answers about the caller never come from the cache", async () => {
    const a = await newUser(ex, "rc-a");
    const b = await newUser(ex, "rc-b");
    const mixed = `query Mine($m: String!) { ticker(market: $m) { market } me { email } }`;
    const vars = { m: "ETH_USDT" };
    const first = await post(ex.url, mixed, vars, a.bearer);
    const second = await post(ex.url, mixed, vars, b.bearer);
    expect(first.json.data!.me).toEqual({ email: a.email });
    expect(second.json.data!.me).toEqual({ email: b.email });
    const anonymous = await post(ex.url, mixed, vars);
    expect(anonymous.json.data!.me).toBeNull();
    expect((await post(ex.url, mixed, vars, a.bearer)).json.data!.me).toEqual({ email: a.email });
    const trades = `{ myTrades { edges { node { id } } } }`;
    await post(ex.url, trades, {}, a.bearer);
    expect((await post(ex.url, trades)).json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("errors are never cached", async () => {
    const missing = { m: "NOPE_USDT", l: 5 };
    const first = await post(ex.url, CANDLES, missing);
    expect(first.json.errors?.[0]?.extensions?.code).toBe("MARKET_NOT_FOUND");
    await ex.deps.pool.query(
      `INSERT INTO markets (symbol, base, quote, tick_size, lot_size, min_notional, maker_fee, taker_fee)
       VALUES ('NOPE_USDT', 'BTC', 'USDT', '0.01', '0.00001', '5', '0.001', '0.001')`,
    );
    // An unknown symbol makes the markets provider read the table again: found at once.
    const second = await post(ex.url, CANDLES, missing);
    expect(second.json.errors).toBeUndefined();
  });
});
