import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlaceOrderInput } from "../client/generated/graphql.ts";
import { PLACE_ORDER } from "../client/index.ts";
import { readLastCachedTradePrice } from "../db/marketdata-cache.repository.ts";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import {
  FINAL,
  RESTING,
  cancelOrder,
  fundedUser,
  placeOrder,
  poll,
  startExchange,
  waitForStatus,
  type Exchange,
  type GraphQLResponse,
  type TestUser,
} from "./kit/index.ts";

// Issue 13: market filters for every order kind, through GraphQL against the whole exchange.
// BTC_USDT trades once at 60,000 (its reference price), with asks at 60,000 and bids at 59,000
// around it; ETH_USDT has a book but never trades (its reference is the book); ETH_BTC has
// neither. Bands are set by SQL on this file's own database and published as an admin would.

let ex: Exchange;
let admin: Dependencies;
let maker: TestUser;
let trader: TestUser;
const resting: { user: TestUser; id: string }[] = [];

beforeAll(async () => {
  ex = await startExchange();
  admin = await createDependencies(ex.config, "test-admin", { poolSize: 1 });
  maker = await fundedUser(ex, "filter-maker", { BTC: "1", ETH: "10", USDT: "100000" });
  trader = await fundedUser(ex, "filter-trader", { BTC: "1", ETH: "10", USDT: "100000" });
  for (const [user, input] of [
    [maker, limit("BTC_USDT", "SELL", "60000", "0.01")],
    [maker, limit("BTC_USDT", "BUY", "59000", "0.01")],
    [maker, limit("ETH_USDT", "SELL", "3000", "1")],
    [maker, limit("ETH_USDT", "BUY", "2900", "1")],
  ] as const) {
    const order = await placeOrder(ex, user.bearer, input);
    await waitForStatus(ex, user.bearer, order.id, ["OPEN"]);
    resting.push({ user, id: order.id });
  }
  // The last trade: 0.001 BTC at 60,000 (6 USDT), once market data has cached it.
  const take = await placeOrder(ex, trader.bearer, limit("BTC_USDT", "BUY", "60000", "0.001"));
  await waitForStatus(ex, trader.bearer, take.id, ["FILLED"]);
  await poll(
    () => readLastCachedTradePrice(ex.deps.redis, ex.config.namespace, "BTC_USDT"),
    (price) => price !== null,
    { timeoutMs: 10_000, failure: () => "the last trade never reached the tape cache" },
  );
  await setBand("BTC_USDT", "10");
  await setBand("ETH_USDT", "10");
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(async () => {
  for (const { user, id } of resting) await cancelOrder(ex, user.bearer, id);
  await ex?.checkInvariants();
  await admin?.close();
  await ex?.stop();
});

function limit(market: string, side: "BUY" | "SELL", price: string, amount: string) {
  return { market, side, type: "LIMIT", price, amount } satisfies PlaceOrderInput;
}

/** Sets the market's band and waits until the API refuses a price far outside it. */
async function setBand(market: string, percent: string | null) {
  await admin.pool.query(`UPDATE markets SET price_band_percent = $2 WHERE symbol = $1`, [
    market,
    percent,
  ]);
  await publishMarketsChanged(admin, [market]);
  const far = { ...limit(market, "BUY", "999999.99", "0.01"), postOnly: true };
  await poll(
    () => ex.gql(PLACE_ORDER, { input: far }, trader.bearer),
    (res) => (percent === null) === !res.errors,
    { timeoutMs: 2_000, failure: (res) => `band of ${market} not applied: ${JSON.stringify(res)}` },
  );
}

const refusalOf = (res: GraphQLResponse) => {
  const error = res.errors?.[0];
  return error ? { message: error.message, ...error.extensions } : null;
};

async function refused(input: PlaceOrderInput) {
  return refusalOf(await ex.gql(PLACE_ORDER, { input }, trader.bearer));
}

/** Places an order that must be accepted; leaves it finished (cancelled if it rested). */
async function accepted(input: PlaceOrderInput) {
  const order = await placeOrder(ex, trader.bearer, input);
  const settled = await waitForStatus(ex, trader.bearer, order.id, [...FINAL, ...RESTING]);
  if (RESTING.includes(settled.status)) {
    await cancelOrder(ex, trader.bearer, order.id);
    return waitForStatus(ex, trader.bearer, order.id, FINAL);
  }
  return settled;
}

const LIMIT_KINDS: [string, Partial<PlaceOrderInput>][] = [
  ["LIMIT GTC", { timeInForce: "GTC" }],
  ["LIMIT IOC", { timeInForce: "IOC" }],
  ["LIMIT FOK", { timeInForce: "FOK" }],
  ["LIMIT post-only", { timeInForce: "GTC", postOnly: true }],
];

describe.each(LIMIT_KINDS)("%s", (_name, kind) => {
  it("band: ±10 % of the last trade 60,000; 999,999.99 is PRICE_OUT_OF_BAND with the allowed range", async () => {
    for (const side of ["BUY", "SELL"] as const) {
      for (const price of ["999999.99", "66000.01", "53999.99"]) {
        expect(await refused({ ...limit("BTC_USDT", side, price, "0.001"), ...kind })).toEqual({
          code: "PRICE_OUT_OF_BAND",
          field: "price",
          referencePrice: "60000",
          referenceSource: "LAST_TRADE",
          priceBandPercent: "10",
          minPrice: "54000",
          maxPrice: "66000",
          message: `price ${price} is outside ±10 % of the reference price 60000: allowed 54000–66000`,
        });
      }
    }
    // At the bounds, on the side where they do not cross the book: accepted.
    await accepted({ ...limit("BTC_USDT", "BUY", "54000", "0.001"), ...kind });
    await accepted({ ...limit("BTC_USDT", "SELL", "66000", "0.001"), ...kind });
  });

  it("band of a market that never traded: the book, best ask for a BUY and best bid for a SELL", async () => {
    expect(
      await refused({ ...limit("ETH_USDT", "BUY", "3300.01", "0.01"), ...kind }),
    ).toMatchObject({
      code: "PRICE_OUT_OF_BAND",
      referenceSource: "BEST_ASK",
      minPrice: "2700",
      maxPrice: "3300",
    });
    expect(
      await refused({ ...limit("ETH_USDT", "SELL", "2609.99", "0.01"), ...kind }),
    ).toMatchObject({
      code: "PRICE_OUT_OF_BAND",
      referenceSource: "BEST_BID",
      minPrice: "2610",
      maxPrice: "3190",
    });
  });

  it("minNotional: price × amount", async () => {
    expect(
      await refused({ ...limit("BTC_USDT", "BUY", "55000", "0.00009"), ...kind }),
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "amount",
      message: "price × amount 4.95 is below the market's minNotional 5",
    });
  });
});

describe("MARKET BUY", () => {
  const buy = (quoteAmount: string): PlaceOrderInput => ({
    market: "BTC_USDT",
    side: "BUY",
    type: "MARKET",
    quoteAmount,
  });

  it("minNotional: its quoteAmount; at minNotional it trades", async () => {
    expect(await refused(buy("4.99"))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "quoteAmount",
    });
    // 5 USDT buys 8 lots at 60,000 (4.8 USDT); the rest comes back.
    expect(await accepted(buy("5"))).toMatchObject({
      filledAmount: "0.00008",
      filledQuoteAmount: "4.8",
      lockedAmount: "0",
    });
  });

  it("band: none (it has no price), even where the band is set", async () => {
    expect(await accepted(buy("6"))).toMatchObject({ status: "FILLED", filledQuoteAmount: "6" });
  });
});

describe("MARKET SELL", () => {
  const sell = (market: string, amount: string): PlaceOrderInput => ({
    market,
    side: "SELL",
    type: "MARKET",
    amount,
  });

  it("minNotional: amount × reference price; 0.00001 BTC (0.6 USDT at 60,000) is refused", async () => {
    expect(await refused(sell("BTC_USDT", "0.00001"))).toEqual({
      code: "BAD_USER_INPUT",
      field: "amount",
      minNotional: "5",
      referencePrice: "60000",
      referenceSource: "LAST_TRADE",
      message: "amount × reference price 0.6 is below the market's minNotional 5",
    });
  });

  it("on a market that never traded, measured at the best bid", async () => {
    expect(await refused(sell("ETH_USDT", "0.001"))).toMatchObject({
      code: "BAD_USER_INPUT",
      referencePrice: "2900",
      referenceSource: "BEST_BID",
      message: "amount × reference price 2.9 is below the market's minNotional 5",
    });
    expect(await accepted(sell("ETH_USDT", "0.002"))).toMatchObject({
      status: "FILLED",
      filledQuoteAmount: "5.8",
    });
  });

  it("no last trade and no bid: NO_REFERENCE_PRICE, nothing locked", async () => {
    expect(await refused(sell("ETH_BTC", "0.1"))).toMatchObject({
      code: "NO_REFERENCE_PRICE",
      market: "ETH_BTC",
    });
  });

  it("band: none (it has no price); at minNotional by the reference it trades", async () => {
    // 0.0001 BTC × 60,000 = 6 ≥ 5; it sells into the 59,000 bid.
    expect(await accepted(sell("BTC_USDT", "0.0001"))).toMatchObject({
      status: "FILLED",
      filledQuoteAmount: "5.9",
    });
  });
});

describe("removing the band", () => {
  it("lets a LIMIT price far from the reference through again", async () => {
    await setBand("ETH_USDT", null);
    const far = { ...limit("ETH_USDT", "SELL", "99999", "0.01"), postOnly: true };
    expect((await accepted(far)).status).toBe("CANCELLED");
  });
});
