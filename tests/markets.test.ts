import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import { placeOrderMutation, startExchange, waitForStatus, type Exchange } from "./exchange-kit.ts";
import { codeOf, fundedUser, type GraphQLResponse, type TestUser } from "./kit.ts";

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

const PLACE = placeOrderMutation();

async function place(user: TestUser, input: Record<string, unknown>) {
  const res = await ex.gql(PLACE, { input }, user.bearer);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.placeOrder;
}

/** A resting sell taken by a buy of the same size; returns the buyer's (the taker's) fee. */
async function takerBuyFee(seller: TestUser, buyer: TestUser): Promise<string> {
  const order = { market: "BTC_USDT", type: "LIMIT", price: "64000", amount: "0.01" };
  const sell = await place(seller, { ...order, side: "SELL" });
  await waitForStatus(ex, seller.bearer, sell.id, ["OPEN"]);
  const buy = await place(buyer, { ...order, side: "BUY" });
  await waitForStatus(ex, buyer.bearer, buy.id, ["FILLED"]);
  const res = await ex.gql(
    `{ myTrades(market: "BTC_USDT") { edges { node { orderId liquidity fee feeAsset } } } }`,
    {},
    buyer.bearer,
  );
  const trades = res.data!.myTrades.edges.map((e: { node: Record<string, string> }) => e.node);
  const trade = trades.find((t: Record<string, string>) => t.orderId === buy.id);
  expect(trade).toMatchObject({ liquidity: "TAKER", feeAsset: "BTC" });
  return trade.fee;
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
    const order = {
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
      const res = await ex.gql(PLACE, { input: order }, user.bearer);
      if (res.errors) refused = res;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!refused) throw new Error("placement still accepted a second after the halt");
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(refused)).toContain("ETH_USDT is halted");

    await admin.pool.query(`UPDATE markets SET status = 'TRADING' WHERE symbol = 'ETH_USDT'`);
    await publishMarketsChanged(admin, ["ETH_USDT"]);
  });
});
