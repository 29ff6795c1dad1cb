import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FeeTierInput, PlaceOrderInput } from "../client/generated/graphql.ts";
import { graphql } from "../client/index.ts";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { recomputeFeeTiers } from "../services/fee-tiers.service.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import {
  codeOf,
  fundedUser,
  newApiKey,
  newUser,
  placeOrder,
  startExchange,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";

// Issue 13: fills per side (myTrades) and fee tiers, against the whole exchange on a database of
// this file's own. BTC_USDT's taker fee is raised to 0.2 % here (maker 0.1 %), so every fee shows
// which rate it was charged at.

let ex: Exchange;
let other: Dependencies;
let admin: TestUser;

beforeAll(async () => {
  ex = await startExchange();
  other = await createDependencies(ex.config, "test-admin", { poolSize: 1 });
  await other.pool.query(`UPDATE markets SET taker_fee = '0.002' WHERE symbol = 'BTC_USDT'`);
  await publishMarketsChanged(other, ["BTC_USDT"]);
  admin = await newUser(ex, "fee-admin");
  await other.pool.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [admin.id]);
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(async () => {
  await other?.close();
  await ex?.stop();
});

const MY_FILLS = graphql(`
  query FeesMyFills($market: String, $first: Int, $after: String) {
    myTrades(market: $market, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          tradeId
          market
          side
          liquidity
          price
          amount
          quoteAmount
          fee
          feeAsset
          orderId
          ledgerReference
          executedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const FEE_LEDGER = graphql(`
  query FeesLedger($asset: String) {
    ledger(asset: $asset, first: 100) {
      edges {
        node {
          reason
          availableDelta
          reference
        }
      }
    }
  }
`);
const FEE_TIERS = graphql(`
  query FeeTiers {
    feeTiers {
      tier
      minVolume
      makerFee
      takerFee
    }
  }
`);
const SET_FEE_TIERS = graphql(`
  mutation SetFeeTiers($tiers: [FeeTierInput!]!) {
    setFeeTiers(tiers: $tiers) {
      tier
      minVolume
      makerFee
      takerFee
    }
  }
`);
const MY_FEE_TIER = graphql(`
  query MyFeeTier {
    me {
      feeTier {
        tier
        makerFee
        takerFee
        volume30d
      }
    }
  }
`);

const limit = (side: "BUY" | "SELL", price: string, amount: string, market = "BTC_USDT") =>
  ({ market, side, type: "LIMIT", price, amount }) satisfies PlaceOrderInput;

/** `maker` rests a SELL, `taker` takes it whole with a BUY; answers both orders' ids. */
async function trade(
  maker: TestUser,
  taker: TestUser,
  price: string,
  amount: string,
  market = "BTC_USDT",
  taking: Partial<PlaceOrderInput> = {},
) {
  const sell = await placeOrder(ex, maker.bearer, limit("SELL", price, amount, market));
  await waitForStatus(ex, maker.bearer, sell.id, ["OPEN"]);
  const buy = await placeOrder(ex, taker.bearer, {
    ...limit("BUY", price, amount, market),
    ...taking,
  });
  await waitForStatus(ex, taker.bearer, buy.id, ["FILLED"]);
  await waitForStatus(ex, maker.bearer, sell.id, ["FILLED"]);
  return { sell: sell.id, buy: buy.id };
}

async function fills(user: TestUser, market?: string) {
  const res = await ex.gql(MY_FILLS, { market, first: 100 }, user.bearer);
  return res.data!.myTrades.edges.map((e) => e.node);
}

async function feeRows(user: TestUser, asset: string) {
  const res = await ex.gql(FEE_LEDGER, { asset }, user.bearer);
  return res.data!.ledger.edges.map((e) => e.node).filter((n) => n.reason === "FEE");
}

describe("myTrades: one fill per trade and side", () => {
  it("a self-trade (STP NONE) is two fills, the maker's and the taker's, each with its own fee", async () => {
    const me = await fundedUser(ex, "self", { BTC: "1", USDT: "10000" });
    const { sell, buy } = await trade(me, me, "60000", "0.1", "BTC_USDT", {
      selfTradePrevention: "NONE",
    });
    const [taker, maker] = await fills(me);
    const tradeId = taker!.tradeId;
    expect(tradeId).toMatch(/^BTC_USDT:\d+$/);
    const ledgerReference = taker!.ledgerReference;
    expect(ledgerReference).toMatch(/^trade:BTC_USDT:\d+:0$/);
    // Taker (BUY): 0.1 × 0.2 % = 0.0002 BTC; maker (SELL): 6,000 × 0.1 % = 6 USDT.
    expect(taker).toEqual({
      id: `${tradeId}:BUY`,
      tradeId,
      market: "BTC_USDT",
      side: "BUY",
      liquidity: "TAKER",
      price: "60000",
      amount: "0.1",
      quoteAmount: "6000",
      fee: "0.0002",
      feeAsset: "BTC",
      orderId: buy,
      ledgerReference,
      executedAt: expect.any(String) as unknown,
    });
    expect(maker).toEqual({
      ...taker,
      id: `${tradeId}:SELL`,
      side: "SELL",
      liquidity: "MAKER",
      fee: "6",
      feeAsset: "USDT",
      orderId: sell,
    });
    // The same fees as FEE rows of the ledger, under the fill's ledgerReference.
    expect(await feeRows(me, "BTC")).toEqual([
      { reason: "FEE", availableDelta: "-0.0002", reference: ledgerReference },
    ]);
    expect(await feeRows(me, "USDT")).toEqual([
      { reason: "FEE", availableDelta: "-6", reference: ledgerReference },
    ]);
  });

  it("pages fill by fill: a cursor holds the trade and the side, so a self-trade splits cleanly", async () => {
    const me = await fundedUser(ex, "pager", { BTC: "1", USDT: "10000" });
    const stp = { selfTradePrevention: "NONE" } as const;
    await trade(me, me, "60000", "0.01", "BTC_USDT", stp);
    await trade(me, me, "60100", "0.01", "BTC_USDT", stp);
    const all = await fills(me);
    expect(all.map((f) => [f.price, f.side])).toEqual([
      ["60100", "BUY"],
      ["60100", "SELL"],
      ["60000", "BUY"],
      ["60000", "SELL"],
    ]);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await ex.gql(MY_FILLS, { first: 1, after }, me.bearer);
      const { edges, pageInfo } = res.data!.myTrades;
      seen.push(...edges.map((e) => e.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((f) => f.id));
    const pairs = await ex.gql(MY_FILLS, { first: 3 }, me.bearer);
    const rest = await ex.gql(
      MY_FILLS,
      { first: 3, after: pairs.data!.myTrades.pageInfo.endCursor },
      me.bearer,
    );
    expect(rest.data!.myTrades.edges.map((e) => e.node.id)).toEqual([all[3]!.id]);
    expect(rest.data!.myTrades.pageInfo.hasNextPage).toBe(false);
  });

  it("each party of an ordinary trade sees only its own side", async () => {
    const seller = await fundedUser(ex, "one-side-s", { BTC: "1" });
    const buyer = await fundedUser(ex, "one-side-b", { USDT: "10000" });
    await trade(seller, buyer, "60000", "0.01");
    expect((await fills(seller)).map((f) => [f.side, f.liquidity, f.fee])).toEqual([
      ["SELL", "MAKER", "0.6"],
    ]);
    expect((await fills(buyer)).map((f) => [f.side, f.liquidity, f.fee])).toEqual([
      ["BUY", "TAKER", "0.00002"],
    ]);
  });
});

describe("fee tiers", () => {
  const TIERS: FeeTierInput[] = [
    { tier: 1, minVolume: "1000", makerFee: "0.0005", takerFee: "0.0008" },
    { tier: 2, minVolume: "100000", makerFee: "0", takerFee: "0.0005" },
  ];

  it("only an admin with a session sets them; anyone reads them", async () => {
    const user = await newUser(ex, "not-admin");
    expect(codeOf(await ex.gql(SET_FEE_TIERS, { tiers: TIERS }, user.bearer))).toBe("FORBIDDEN");
    const key = await newApiKey(ex, admin, ["READ", "TRADE"]);
    expect(codeOf(await ex.gql(SET_FEE_TIERS, { tiers: TIERS }, key.header))).toBe("FORBIDDEN");
    expect(codeOf(await ex.gql(SET_FEE_TIERS, { tiers: TIERS }))).toBe("UNAUTHENTICATED");
    const bad = [{ ...TIERS[0]!, minVolume: "-1" }];
    const refused = await ex.gql(SET_FEE_TIERS, { tiers: bad }, admin.bearer);
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      field: "tiers.0.minVolume",
    });
    expect((await ex.gql(FEE_TIERS)).data?.feeTiers).toEqual([]);
  });

  it("a trade is charged the tier's rate where lower than the market's; ledger and audit agree", async () => {
    const set = await ex.gql(SET_FEE_TIERS, { tiers: TIERS }, admin.bearer);
    expect(set.data?.setFeeTiers).toEqual(TIERS);
    expect((await ex.gql(FEE_TIERS)).data?.feeTiers).toEqual(TIERS);
    const { rows: audit } = await ex.deps.pool.query(
      `SELECT actor_id, action, target, before, after FROM audit_log WHERE action = 'setFeeTiers'`,
    );
    expect(audit).toEqual([
      { actor_id: admin.id, action: "setFeeTiers", target: "fee-tiers", before: [], after: TIERS },
    ]);

    // 0.02 BTC at 60,000: 1,200 USDT of volume for each side, so tier 1 once recomputed.
    const alice = await fundedUser(ex, "tier-alice", { BTC: "1" });
    const bob = await fundedUser(ex, "tier-bob", { USDT: "100000" });
    await trade(alice, bob, "60000", "0.02");
    // Live volume; the tier waits for a recompute (the settlement process's, every minute).
    expect((await ex.gql(MY_FEE_TIER, {}, bob.bearer)).data?.me?.feeTier).toMatchObject({
      volume30d: "1200",
    });
    await recomputeFeeTiers(ex.deps);
    for (const user of [alice, bob]) {
      expect((await ex.gql(MY_FEE_TIER, {}, user.bearer)).data?.me?.feeTier).toEqual({
        tier: 1,
        makerFee: "0.0005",
        takerFee: "0.0008",
        volume30d: "1200",
      });
    }

    // Alice makes (0.05 % < the market's 0.1 %), Bob takes (0.08 % < 0.2 %).
    const { sell, buy } = await trade(alice, bob, "60000", "0.01");
    const [aliceFill] = await fills(alice);
    const [bobFill] = await fills(bob);
    expect(aliceFill).toMatchObject({ orderId: sell, liquidity: "MAKER", fee: "0.3" }); // 600 × 0.0005
    expect(bobFill).toMatchObject({ orderId: buy, liquidity: "TAKER", fee: "0.000008" }); // 0.01 × 0.0008
    expect((await feeRows(alice, "USDT"))[0]).toEqual({
      reason: "FEE",
      availableDelta: "-0.3",
      reference: aliceFill!.ledgerReference,
    });
    expect((await feeRows(bob, "BTC"))[0]).toEqual({
      reason: "FEE",
      availableDelta: "-0.000008",
      reference: bobFill!.ledgerReference,
    });
    const { rows } = await ex.deps.pool.query(
      `SELECT buyer_fee::text AS buyer, seller_fee::text AS seller FROM trades
        WHERE maker_order_id = $1`,
      [sell],
    );
    expect(rows).toEqual([{ buyer: "0.000008000000000000", seller: "0.300000000000000000" }]);
  });

  it("a tier above the market's rate charges the market's; setFeeTiers recomputes tiers at once", async () => {
    const carol = await fundedUser(ex, "tier-carol", { BTC: "1" });
    const dave = await fundedUser(ex, "tier-dave", { USDT: "100000" });
    await trade(carol, dave, "60000", "0.02");
    const expensive = [{ tier: 1, minVolume: "1000", makerFee: "0.01", takerFee: "0.01" }];
    expect(
      (await ex.gql(SET_FEE_TIERS, { tiers: expensive }, admin.bearer)).errors,
    ).toBeUndefined();
    expect((await ex.gql(MY_FEE_TIER, {}, dave.bearer)).data?.me?.feeTier.tier).toBe(1);
    await trade(carol, dave, "60000", "0.01");
    const [carolFill] = await fills(carol);
    const [daveFill] = await fills(dave);
    expect(carolFill!.fee).toBe("0.6"); // the market's 0.1 %
    expect(daveFill!.fee).toBe("0.00002"); // the market's 0.2 %

    // A threshold above everyone's volume: back to tier 0 at once, no recompute needed.
    const higher = [{ tier: 1, minVolume: "1000000", makerFee: "0", takerFee: "0" }];
    expect((await ex.gql(SET_FEE_TIERS, { tiers: higher }, admin.bearer)).errors).toBeUndefined();
    expect((await ex.gql(MY_FEE_TIER, {}, dave.bearer)).data?.me?.feeTier).toMatchObject({
      tier: 0,
      makerFee: null,
    });
    const { rows } = await ex.deps.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'setFeeTiers' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ before: expensive, after: higher });
  });

  it("volume in another quote counts at <QUOTE>_USDT's last price; trades past 30 days do not", async () => {
    const tiers = [{ tier: 1, minVolume: "2500", makerFee: "0.0001", takerFee: "0.0001" }];
    expect((await ex.gql(SET_FEE_TIERS, { tiers }, admin.bearer)).errors).toBeUndefined();
    const erin = await fundedUser(ex, "tier-erin", { ETH: "2" });
    const frank = await fundedUser(ex, "tier-frank", { BTC: "1" });
    // 1 ETH for 0.05 BTC; BTC_USDT last traded at 60,000: 3,000 USDT of volume each.
    await trade(erin, frank, "0.05", "1", "ETH_BTC");
    await recomputeFeeTiers(ex.deps);
    expect((await ex.gql(MY_FEE_TIER, {}, frank.bearer)).data?.me?.feeTier).toEqual({
      tier: 1,
      makerFee: "0.0001",
      takerFee: "0.0001",
      volume30d: "3000",
    });

    await ex.deps.pool.query(
      `UPDATE trades SET executed_at = now() - interval '31 days' WHERE buyer_id = $1`,
      [frank.id],
    );
    await recomputeFeeTiers(ex.deps);
    expect((await ex.gql(MY_FEE_TIER, {}, frank.bearer)).data?.me?.feeTier).toMatchObject({
      tier: 0,
      volume30d: "0",
    });
  });
});
