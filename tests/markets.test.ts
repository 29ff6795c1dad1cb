import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import type { PlaceOrderInput } from "../client/generated/graphql.ts";
import { PLACE_ORDER, graphql } from "../client/index.ts";
import {
  codeOf,
  fundedUser,
  placeOrder,
  sleep,
  startExchange,
  waitForStatus,
  type Exchange,
  type GraphQLResponse,
  type TestUser,
} from "./kit/index.ts";

// A market row changed by SQL reaches every running process through one NATS message
// (services/markets.provider.ts), published here by a process of its own, as an admin would.

let ex: Exchange;
let admin: Dependencies;
beforeAll(async () => {
  ex = await startExchange();
  admin = await createDependencies(ex.config, "test-admin", { poolSize: 1 });
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(async () => {
  await admin?.close();
  await ex?.stop();
});

const MY_TRADES = graphql(`
  query MarketsMyTrades($market: String!) {
    myTrades(market: $market) {
      edges {
        node {
          orderId
          liquidity
          fee
          feeAsset
        }
      }
    }
  }
`);

const place = (user: TestUser, input: PlaceOrderInput) => placeOrder(ex, user.bearer, input);

/** A resting sell taken by a buy of the same size; returns the buyer's (the taker's) fee. */
async function takerBuyFee(seller: TestUser, buyer: TestUser): Promise<string> {
  const order = { market: "BTC_USDT", type: "LIMIT", price: "64000", amount: "0.01" } as const;
  const sell = await place(seller, { ...order, side: "SELL" });
  await waitForStatus(ex, seller.bearer, sell.id, ["OPEN"]);
  const buy = await place(buyer, { ...order, side: "BUY" });
  await waitForStatus(ex, buyer.bearer, buy.id, ["FILLED"]);
  const res = await ex.gql(MY_TRADES, { market: "BTC_USDT" }, buyer.bearer);
  const trades = res.data!.myTrades.edges.map((e) => e.node);
  const trade = trades.find((t) => t.orderId === buy.id);
  expect(trade).toMatchObject({ liquidity: "TAKER", feeAsset: "BTC" });
  return trade!.fee;
}

describe("one source of market settings", () => {
  it("settles a trade matched after a published taker-fee change with the new fee", async () => {
    const seller = await fundedUser(ex, "fee-seller", { BTC: "1" });
    const buyer = await fundedUser(ex, "fee-buyer", { USDT: "10000" });
    // Settlement has read BTC_USDT (taker fee 0.1 %) by the time this trade is settled.
    expect(await takerBuyFee(seller, buyer)).toBe("0.00001");

    await admin.pool.query(`UPDATE markets SET taker_fee = '0.005' WHERE symbol = 'BTC_USDT'`);
    await publishMarketsChanged(admin, ["BTC_USDT"]);

    // 0.5 % of 0.01 BTC.
    expect(await takerBuyFee(seller, buyer)).toBe("0.00005");
  });

  it("refuses placement on a market halted within a second of the published change", async () => {
    const user = await fundedUser(ex, "halt", { USDT: "1000" });
    const order: PlaceOrderInput = {
      market: "ETH_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      amount: "0.01",
    };
    const before = await place(user, order);
    await waitForStatus(ex, user.bearer, before.id, ["OPEN"]);

    await admin.pool.query(`UPDATE markets SET status = 'HALTED' WHERE symbol = 'ETH_USDT'`);
    await publishMarketsChanged(admin, ["ETH_USDT"]);
    const halted = Date.now();
    let refused: GraphQLResponse | undefined;
    while (!refused && Date.now() - halted < 1_000) {
      const res = await ex.gql(PLACE_ORDER, { input: order }, user.bearer);
      if (res.errors) refused = res;
      else await sleep(20);
    }
    if (!refused) throw new Error("placement still accepted a second after the halt");
    expect(codeOf(refused)).toBe("MARKET_HALTED");
    expect(JSON.stringify(refused)).toContain("ETH_USDT is halted");

    await admin.pool.query(`UPDATE markets SET status = 'TRADING' WHERE symbol = 'ETH_USDT'`);
    await publishMarketsChanged(admin, ["ETH_USDT"]);
  });
});
