import { describe, expect, it } from "vitest";
import type { SelfTradePrevention } from "../domain/order-kinds.ts";
import { formatDecimal } from "../money/decimal.ts";
import { admitBatches, orderIdsOf } from "./admission.ts";
import { SettlementError } from "./errors.ts";
import {
  BTC_USDT,
  d,
  ETH_USDT,
  FEES,
  MarketHarness,
  netByWallet,
  rows,
  TERMS,
  totalByAsset,
  tsOf,
  updatesById,
} from "./market.test-helper.ts";
import { plan, type SettlementOrder } from "./plan.ts";

// BTC_USDT: tick 0.01, lot 0.00001, maker 0.1 %, taker 0.2 %, both assets 8 decimals.
// "trade:BTC_USDT:<seq>:<i>" is the i-th trade of command <seq>.

describe("a trade", () => {
  it("moves both sides; a BUY LIMIT filled below its price gets the difference back", () => {
    const m = new MarketHarness(BTC_USDT);
    const rest = m.limit("s1", "seller", "SELL", "60000", "0.5");
    expect(m.settle(m.batch(rest)).balanceMoves).toEqual([]); // placement locked; nothing moves

    // b1 locked 0.2 × 61,000 = 12,200 and pays the maker's 60,000: 12,000, so 200 comes back.
    // Fees: the buyer (taker) 0.2 × 0.002 = 0.0004 BTC; the seller (maker) 12,000 × 0.001 = 12.
    const settled = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "61000", "0.2")));
    const ref = "trade:BTC_USDT:2:0";
    expect(rows(settled.balanceMoves)).toEqual([
      ["buyer", "USDT", "200", "-12200", "TRADE", ref],
      ["buyer", "BTC", "0.2", "0", "TRADE", ref],
      ["buyer", "BTC", "-0.0004", "0", "FEE", ref],
      ["seller", "BTC", "0", "-0.2", "TRADE", ref],
      ["seller", "USDT", "12000", "0", "TRADE", ref],
      ["seller", "USDT", "-12", "0", "FEE", ref],
      [FEES, "BTC", "0.0004", "0", "FEE_INCOME", "fees:BTC_USDT:2-2"],
      [FEES, "USDT", "12", "0", "FEE_INCOME", "fees:BTC_USDT:2-2"],
    ]);
    expect(updatesById(settled)).toEqual({
      b1: { status: "FILLED", filled: "0.2", filledQuote: "12000", locked: "0", lastSequence: 2 },
      s1: {
        status: "PARTIALLY_FILLED",
        filled: "0.2",
        filledQuote: "12000",
        locked: "0.3",
        lastSequence: 2,
      },
    });
    expect(settled.trades).toEqual([
      {
        market: "BTC_USDT",
        sequence: 2,
        matchIndex: 0,
        price: d("60000"),
        amount: d("0.2"),
        quoteAmount: d("12000"),
        takerSide: "BUY",
        makerOrderId: "s1",
        takerOrderId: "b1",
        buyerId: "buyer",
        sellerId: "seller",
        buyerFee: d("0.0004"),
        sellerFee: d("12"),
        executedAtMs: tsOf(2),
      },
    ]);
    expect(settled.offsets).toEqual(new Map([["BTC_USDT", 2]]));
  });

  it("a partly filled BUY LIMIT rests, keeps the rest of its lock, and a cancel releases it", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "60000", "0.2")));
    // b1 locks 0.3 × 61,000 = 18,300; 0.2 fills at 60,000 (consumes 12,200 of the lock, 200 back).
    const first = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "61000", "0.3")));
    expect(updatesById(first)["b1"]).toEqual({
      status: "PARTIALLY_FILLED",
      filled: "0.2",
      filledQuote: "12000",
      locked: "6100",
      lastSequence: 2,
    });
    expect(updatesById(first)["s1"]?.status).toBe("FILLED");

    const cancelled = m.settle(m.batch(m.cancel("b1")));
    expect(rows(cancelled.balanceMoves)).toEqual([
      ["buyer", "USDT", "6100", "-6100", "ORDER_UNLOCK", "order:b1"],
    ]);
    expect(updatesById(cancelled)["b1"]).toEqual({
      status: "CANCELLED",
      filled: "0.2",
      filledQuote: "12000",
      locked: "0",
      lastSequence: 3,
    });
    // Over both: 18,300 locked, 12,000 paid, 6,300 back; 0.2 − 0.0004 BTC received.
    expect(netByWallet([...first.balanceMoves, ...cancelled.balanceMoves])).toMatchObject({
      "buyer USDT": ["6300", "-18300"],
      "buyer BTC": ["0.1996", "0"],
    });
  });

  it("a resting BUY LIMIT that becomes the maker pays its own price: nothing to refund", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("b1", "buyer", "BUY", "59000", "0.02")));
    // The taker sells at the maker's 59,000: 0.02 × 59,000 = 1,180 = what b1 locked for it.
    const settled = m.settle(m.batch(m.limit("s1", "seller", "SELL", "58000", "0.02")));
    expect(rows(settled.balanceMoves).slice(0, 1)).toEqual([
      ["buyer", "USDT", "0", "-1180", "TRADE", "trade:BTC_USDT:2:0"],
    ]);
  });
});

describe("market orders", () => {
  it("a MARKET BUY spends at most its quote budget and gets the unspent rest back", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(
      m.batch(
        m.limit("a1", "s1", "SELL", "60000", "0.01"),
        m.limit("a2", "s2", "SELL", "60500", "0.02"),
      ),
    );
    // Budget 1,000: 0.01 at 60,000 = 600; 400 left buys floor(400 / (60,500 × 0.00001)) = 661
    // lots = 0.00661 BTC for 399.905; the 0.095 left cannot buy one more lot (0.605): expired.
    const settled = m.settle(m.batch(m.marketBuy("m1", "buyer", "1000")));
    const [t0, t1] = ["trade:BTC_USDT:3:0", "trade:BTC_USDT:3:1"];
    expect(rows(settled.balanceMoves)).toEqual([
      ["buyer", "USDT", "0", "-600", "TRADE", t0], // a market buy gives up what it paid
      ["buyer", "BTC", "0.01", "0", "TRADE", t0],
      ["buyer", "BTC", "-0.00002", "0", "FEE", t0], // 0.01 × 0.002
      ["s1", "BTC", "0", "-0.01", "TRADE", t0],
      ["s1", "USDT", "600", "0", "TRADE", t0],
      ["s1", "USDT", "-0.6", "0", "FEE", t0], // 600 × 0.001
      ["buyer", "USDT", "0", "-399.905", "TRADE", t1],
      ["buyer", "BTC", "0.00661", "0", "TRADE", t1],
      ["buyer", "BTC", "-0.00001322", "0", "FEE", t1], // 0.00661 × 0.002
      ["s2", "BTC", "0", "-0.00661", "TRADE", t1],
      ["s2", "USDT", "399.905", "0", "TRADE", t1],
      ["s2", "USDT", "-0.399905", "0", "FEE", t1], // 399.905 × 0.001
      ["buyer", "USDT", "0.095", "-0.095", "ORDER_UNLOCK", "order:m1"], // 1,000 − 999.905
      [FEES, "BTC", "0.00003322", "0", "FEE_INCOME", "fees:BTC_USDT:3-3"],
      [FEES, "USDT", "0.999905", "0", "FEE_INCOME", "fees:BTC_USDT:3-3"],
    ]);
    const updates = updatesById(settled);
    expect(updates["m1"]).toEqual({
      status: "EXPIRED",
      filled: "0.01661",
      filledQuote: "999.905",
      locked: "0",
      lastSequence: 3,
    });
    expect(updates["a1"]?.status).toBe("FILLED");
    expect(updates["a2"]).toMatchObject({ status: "PARTIALLY_FILLED", locked: "0.01339" });
  });

  it("a MARKET BUY that spends its budget exactly is FILLED with nothing to return", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("a1", "seller", "SELL", "60000", "0.01")));
    const settled = m.settle(m.batch(m.marketBuy("m1", "buyer", "600")));
    expect(settled.balanceMoves.filter((x) => x.reason === "ORDER_UNLOCK")).toEqual([]);
    expect(updatesById(settled)["m1"]).toMatchObject({ status: "FILLED", locked: "0" });
  });

  it("a MARKET SELL unlocks the base it could not sell", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("b1", "buyer", "BUY", "59000", "0.02")));
    // 0.02 of 0.05 sells at 59,000 = 1,180; the book is then empty: 0.03 BTC expires.
    // Fees: buyer (maker) 0.02 × 0.001 = 0.00002 BTC; seller (taker) 1,180 × 0.002 = 2.36 USDT.
    const settled = m.settle(m.batch(m.marketSell("m2", "seller", "0.05")));
    const ref = "trade:BTC_USDT:2:0";
    expect(rows(settled.balanceMoves)).toEqual([
      ["buyer", "USDT", "0", "-1180", "TRADE", ref],
      ["buyer", "BTC", "0.02", "0", "TRADE", ref],
      ["buyer", "BTC", "-0.00002", "0", "FEE", ref],
      ["seller", "BTC", "0", "-0.02", "TRADE", ref],
      ["seller", "USDT", "1180", "0", "TRADE", ref],
      ["seller", "USDT", "-2.36", "0", "FEE", ref],
      ["seller", "BTC", "0.03", "-0.03", "ORDER_UNLOCK", "order:m2"],
      [FEES, "BTC", "0.00002", "0", "FEE_INCOME", "fees:BTC_USDT:2-2"],
      [FEES, "USDT", "2.36", "0", "FEE_INCOME", "fees:BTC_USDT:2-2"],
    ]);
    expect(updatesById(settled)).toMatchObject({
      b1: { status: "FILLED", locked: "0" },
      m2: { status: "EXPIRED", filled: "0.02", filledQuote: "1180", locked: "0" },
    });
  });
});

describe("time in force", () => {
  it("IOC: the refund of the filled part, then the unfilled rest unlocked", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("a1", "seller", "SELL", "59990", "0.04")));
    // b1 locks 0.1 × 60,000 = 6,000. 0.04 fills at 59,990 = 2,399.6 against 2,400 of the lock
    // (0.4 back); the remaining 0.06 expires and its 3,600 is unlocked.
    const settled = m.settle(
      m.batch(m.limit("b1", "buyer", "BUY", "60000", "0.1", { timeInForce: "IOC" })),
    );
    expect(rows(settled.balanceMoves.filter((x) => x.userId === "buyer"))).toEqual([
      ["buyer", "USDT", "0.4", "-2400", "TRADE", "trade:BTC_USDT:2:0"],
      ["buyer", "BTC", "0.04", "0", "TRADE", "trade:BTC_USDT:2:0"],
      ["buyer", "BTC", "-0.00008", "0", "FEE", "trade:BTC_USDT:2:0"],
      ["buyer", "USDT", "3600", "-3600", "ORDER_UNLOCK", "order:b1"],
    ]);
    expect(updatesById(settled)["b1"]).toMatchObject({
      status: "EXPIRED",
      filled: "0.04",
      filledQuote: "2399.6",
      locked: "0",
    });
  });

  it("FOK that cannot fill completely expires untouched: its whole lock comes back", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("b0", "buyer", "BUY", "60000", "0.04")));
    const settled = m.settle(
      m.batch(m.limit("s1", "seller", "SELL", "59000", "0.1", { timeInForce: "FOK" })),
    );
    expect(rows(settled.balanceMoves)).toEqual([
      ["seller", "BTC", "0.1", "-0.1", "ORDER_UNLOCK", "order:s1"],
    ]);
    expect(updatesById(settled)).toEqual({
      s1: { status: "EXPIRED", filled: "0", filledQuote: "0", locked: "0", lastSequence: 2 },
    });
  });
});

describe("cancels and rejections", () => {
  it("a cancel unlocks what the order holds; a cancel of no live order changes nothing", () => {
    const m = new MarketHarness(BTC_USDT);
    expect(updatesById(m.settle(m.batch(m.limit("s1", "seller", "SELL", "60000", "0.5"))))).toEqual(
      {
        s1: { status: "OPEN", filled: "0", filledQuote: "0", locked: "0.5", lastSequence: 1 },
      },
    );
    const settled = m.settle(m.batch(m.cancel("s1"), m.cancel("s1"), m.cancel("nobody")));
    expect(settled.offsets).toEqual(new Map([["BTC_USDT", 4]]));
    expect(rows(settled.balanceMoves)).toEqual([
      ["seller", "BTC", "0.5", "-0.5", "ORDER_UNLOCK", "order:s1"],
    ]);
    expect(updatesById(settled)).toEqual({
      s1: { status: "CANCELLED", filled: "0", filledQuote: "0", locked: "0", lastSequence: 2 },
    });
  });

  it("a rejected place is REJECTED and its whole lock comes back", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("a1", "seller", "SELL", "60000", "0.1")));
    const events = m.limit("b1", "buyer", "BUY", "60000", "0.1", { postOnly: true });
    expect(events.map((e) => e.type)).toEqual(["rejected"]);
    const settled = m.settle(m.batch(events));
    expect(rows(settled.balanceMoves)).toEqual([
      ["buyer", "USDT", "6000", "-6000", "ORDER_UNLOCK", "order:b1"],
    ]);
    expect(updatesById(settled)["b1"]).toMatchObject({ status: "REJECTED", locked: "0" });
  });
});

describe("order status", () => {
  const stored = (id: string, status: SettlementOrder["status"], lastSequence: number) =>
    [
      id,
      {
        id,
        userId: "u",
        market: "BTC_USDT",
        side: "SELL",
        type: "LIMIT",
        price: d("60000"),
        filledAmount: 0n,
        filledQuoteAmount: 0n,
        lockedRemaining: d("0.1"),
        status,
        lastSequence,
      },
    ] as const;

  it("accepted moves only a PENDING order to OPEN; lastSequence never goes back", () => {
    const accepted = (orderId: string) => ({
      type: "accepted" as const,
      seq: 5,
      ts: tsOf(5),
      orderId,
      userId: "u",
      side: "SELL" as const,
      orderType: "LIMIT" as const,
      timeInForce: "GTC" as const,
      priceTicks: 6_000_000,
      lots: 10_000,
      quoteBudget: 0,
      postOnly: false,
      selfTradePrevention: "EXPIRE_TAKER" as const,
    });
    const batch = {
      market: "BTC_USDT",
      fromSeq: 5,
      toSeq: 5,
      events: [accepted("p"), accepted("c"), accepted("late")],
    };
    const orders = new Map([
      stored("p", "PENDING", 0),
      stored("c", "CANCELLED", 4),
      stored("late", "OPEN", 9),
    ]);
    const settled = plan(admitBatches([batch], new Map([["BTC_USDT", 4]])), orders, TERMS);
    expect(updatesById(settled)).toMatchObject({
      p: { status: "OPEN", lastSequence: 5 },
      c: { status: "CANCELLED", lastSequence: 5 },
      late: { status: "OPEN", lastSequence: 9 },
    });
    expect(settled.balanceMoves).toEqual([]);
  });
});

describe("self-trade prevention (the taker's mode)", () => {
  // "me" rests s1: SELL 0.1 at 60,000 (locks 0.1 BTC), then buys 0.1 at 60,000 (locks 6,000).
  const selfTrade = (mode: SelfTradePrevention) => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("s1", "me", "SELL", "60000", "0.1")));
    const b1 = m.limit("b1", "me", "BUY", "60000", "0.1", { selfTradePrevention: mode });
    return m.settle(m.batch(b1));
  };

  it("EXPIRE_TAKER: the taker expires and is unlocked; the maker is untouched", () => {
    const settled = selfTrade("EXPIRE_TAKER");
    expect(rows(settled.balanceMoves)).toEqual([
      ["me", "USDT", "6000", "-6000", "ORDER_UNLOCK", "order:b1"],
    ]);
    expect(Object.keys(updatesById(settled))).toEqual(["b1"]);
    expect(updatesById(settled)["b1"]?.status).toBe("EXPIRED");
  });

  it("EXPIRE_MAKER: the maker expires and is unlocked; the taker rests with its lock", () => {
    const settled = selfTrade("EXPIRE_MAKER");
    expect(rows(settled.balanceMoves)).toEqual([
      ["me", "BTC", "0.1", "-0.1", "ORDER_UNLOCK", "order:s1"],
    ]);
    expect(updatesById(settled)).toMatchObject({
      s1: { status: "EXPIRED", locked: "0" },
      b1: { status: "OPEN", locked: "6000" },
    });
  });

  it("EXPIRE_BOTH: both expire and both locks come back", () => {
    const settled = selfTrade("EXPIRE_BOTH");
    expect(rows(settled.balanceMoves)).toEqual([
      ["me", "BTC", "0.1", "-0.1", "ORDER_UNLOCK", "order:s1"],
      ["me", "USDT", "6000", "-6000", "ORDER_UNLOCK", "order:b1"],
    ]);
    expect(updatesById(settled)).toMatchObject({
      s1: { status: "EXPIRED" },
      b1: { status: "EXPIRED" },
    });
  });

  it("NONE: the user trades with itself and pays both fees", () => {
    const settled = selfTrade("NONE");
    // Taker fee 0.1 × 0.002 = 0.0002 BTC, maker fee 6,000 × 0.001 = 6 USDT, both from "me".
    expect(netByWallet(settled.balanceMoves)).toEqual({
      "me USDT": ["5994", "-6000"],
      "me BTC": ["0.0998", "-0.1"],
      [`${FEES} BTC`]: ["0.0002", "0"],
      [`${FEES} USDT`]: ["6", "0"],
    });
    expect(updatesById(settled)).toMatchObject({
      s1: { status: "FILLED", locked: "0" },
      b1: { status: "FILLED", locked: "0" },
    });
  });
});

describe("fee tiers (terms.tierRates): each side pays the lower of its tier's and the market's rate", () => {
  // BTC_USDT: maker 0.1 %, taker 0.2 %.
  const tiered = (rates: Record<string, [string, string]>) =>
    new MarketHarness(BTC_USDT, {
      ...TERMS,
      tierRates: new Map(
        Object.entries(rates).map(([user, [maker, taker]]) => [
          user,
          { makerFee: d(maker), takerFee: d(taker) },
        ]),
      ),
    });

  it("a tiered taker pays its tier's rate; an untiered maker the market's; ledger and trade agree", () => {
    const m = tiered({ buyer: ["0.0005", "0.0008"] });
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "60000", "0.2")));
    const settled = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "60000", "0.2")));
    const ref = "trade:BTC_USDT:2:0";
    // Buyer (taker, tier): 0.2 × 0.0008 = 0.00016 BTC. Seller (maker): 12,000 × 0.001 = 12.
    expect(rows(settled.balanceMoves).filter((r) => r[4] === "FEE")).toEqual([
      ["buyer", "BTC", "-0.00016", "0", "FEE", ref],
      ["seller", "USDT", "-12", "0", "FEE", ref],
    ]);
    expect(settled.trades[0]).toMatchObject({ buyerFee: d("0.00016"), sellerFee: d("12") });
    expect(totalByAsset(settled.balanceMoves, (mv) => mv.userId === FEES)).toEqual({
      BTC: "0.00016",
      USDT: "12",
    });
  });

  it("a tier above the market's rate changes nothing: the market's is lower", () => {
    const m = tiered({ seller: ["0.005", "0.005"] });
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "60000", "0.2")));
    const [trade] = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "60000", "0.2"))).trades;
    expect(trade).toMatchObject({ buyerFee: d("0.0004"), sellerFee: d("12") });
  });

  it("a self-trade (NONE) of a tiered user: the maker side at its maker rate, the taker side at its taker rate", () => {
    const m = tiered({ me: ["0.0002", "0.0004"] });
    m.settle(m.batch(m.limit("s1", "me", "SELL", "60000", "0.1")));
    const settled = m.settle(
      m.batch(m.limit("b1", "me", "BUY", "60000", "0.1", { selfTradePrevention: "NONE" })),
    );
    // Taker (buy) 0.1 × 0.0004 = 0.00004 BTC; maker (sell) 6,000 × 0.0002 = 1.2 USDT.
    expect(settled.trades[0]).toMatchObject({ buyerFee: d("0.00004"), sellerFee: d("1.2") });
    expect(netByWallet(settled.balanceMoves)).toEqual({
      "me USDT": ["5998.8", "-6000"],
      "me BTC": ["0.09996", "-0.1"],
      [`${FEES} BTC`]: ["0.00004", "0"],
      [`${FEES} USDT`]: ["1.2", "0"],
    });
  });
});

describe("rounding and dust", () => {
  it("fees are rounded down to the received asset's decimals", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "123.45", "0.00001")));
    const [trade] = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "123.45", "0.00001"))).trades;
    // 1 lot at 123.45 = 0.0012345 USDT; the maker's 0.1 % = 0.0000012345 → 0.00000123.
    expect(formatDecimal(trade!.quoteAmount)).toBe("0.0012345");
    expect(formatDecimal(trade!.sellerFee)).toBe("0.00000123");
    expect(formatDecimal(trade!.buyerFee)).toBe("0.00000002"); // 0.00001 × 0.002, exact
  });

  it("a fee smaller than the asset's last digit is zero: no FEE row, no income row", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "0.99", "0.00001")));
    // 1 lot at 0.99 = 0.0000099 USDT; × 0.001 = 0.0000000099, below 0.00000001.
    const settled = m.settle(m.batch(m.limit("b1", "buyer", "BUY", "0.99", "0.00001")));
    expect(rows(settled.balanceMoves.filter((x) => x.asset === "USDT"))).toEqual([
      ["buyer", "USDT", "0", "-0.0000099", "TRADE", "trade:BTC_USDT:2:0"],
      ["seller", "USDT", "0.0000099", "0", "TRADE", "trade:BTC_USDT:2:0"],
    ]);
    expect(settled.trades[0]?.sellerFee).toBe(0n);
    expect(settled.feeIncome).toEqual([
      { market: "BTC_USDT", asset: "BTC", amount: d("0.00000002"), reference: "fees:BTC_USDT:2-2" },
    ]);
  });
});

describe("offsets: each event is applied once", () => {
  it("a re-delivered batch changes nothing", () => {
    const m = new MarketHarness(BTC_USDT);
    m.settle(m.batch(m.limit("s1", "seller", "SELL", "60000", "0.5")));
    const batch = m.batch(m.limit("b1", "buyer", "BUY", "61000", "0.2"));
    expect(m.settle(batch).balanceMoves).toHaveLength(8);
    const before = structuredClone([...m.orders]);

    const again = admitBatches([batch], new Map([["BTC_USDT", m.offset]]));
    expect(again).toMatchObject({ done: [batch], deferred: [], pending: [] });
    expect(m.settle(batch)).toEqual({
      orderUpdates: [],
      balanceMoves: [],
      trades: [],
      feeIncome: [],
      offsets: new Map(),
    });
    expect([...m.orders]).toEqual(before);
  });

  it("a batch that overlaps the offset applies only the events past it", () => {
    const m = new MarketHarness(BTC_USDT);
    const rest = m.limit("s1", "seller", "SELL", "60000", "0.5");
    m.settle(m.batch(rest));
    const overlapping = m.batch(rest, m.limit("b1", "buyer", "BUY", "60000", "0.1"));
    expect([overlapping.fromSeq, overlapping.toSeq]).toEqual([1, 2]);
    const settled = m.settle(overlapping);
    expect(settled.trades).toHaveLength(1);
    expect(settled.feeIncome.map((f) => f.reference)).toEqual([
      "fees:BTC_USDT:2-2",
      "fees:BTC_USDT:2-2",
    ]);
  });

  it("a batch past offset + 1 waits, with every later batch of its market; others go on", () => {
    const btc = { market: "BTC_USDT", events: [] };
    const [b3, b4] = [
      { ...btc, fromSeq: 3, toSeq: 3 },
      { ...btc, fromSeq: 4, toSeq: 4 },
    ];
    const eth = { market: "ETH_USDT", fromSeq: 1, toSeq: 1, events: [] };
    const admission = admitBatches([b3, eth, b4], new Map([["BTC_USDT", 1]]));
    expect(admission.deferred).toEqual([b3, b4]);
    expect(admission.done).toEqual([eth]);
    expect(admission.advances).toEqual(new Map([["ETH_USDT", { from: 0, to: 1 }]]));
  });

  it("consecutive batches of a market settle together with one fee row per asset", () => {
    const m = new MarketHarness(BTC_USDT);
    const b1 = m.batch(m.limit("s1", "seller", "SELL", "60000", "0.5"));
    const b2 = m.batch(m.limit("b1", "buyer", "BUY", "60000", "0.1"));
    const b3 = m.batch(m.limit("b2", "buyer", "BUY", "60000", "0.1"));
    const settled = m.settle(b1, b2, b3);
    // Two trades of 0.1 for 6,000: buyer (taker) 2 × 0.0002 BTC, seller (maker) 2 × 6 USDT.
    expect(settled.feeIncome).toEqual([
      { market: "BTC_USDT", asset: "BTC", amount: d("0.0004"), reference: "fees:BTC_USDT:1-3" },
      { market: "BTC_USDT", asset: "USDT", amount: d("12"), reference: "fees:BTC_USDT:1-3" },
    ]);
    expect(updatesById(settled)["s1"]).toMatchObject({
      status: "PARTIALLY_FILLED",
      filled: "0.2",
      locked: "0.3",
      lastSequence: 3,
    });
  });
});

describe("conservation and fee income", () => {
  it("every asset's moves sum to zero; users lose exactly the fees the fee account gains", () => {
    const btc = new MarketHarness(BTC_USDT);
    const eth = new MarketHarness(ETH_USDT);
    const btcPlan = btc.settle(
      btc.batch(
        btc.limit("a1", "alice", "SELL", "60000", "0.01"),
        btc.limit("a2", "bob", "SELL", "60500", "0.02"),
        btc.limit("c1", "carol", "BUY", "59000", "0.03"),
        btc.marketBuy("m1", "carol", "1000"),
        btc.limit("b1", "bob", "BUY", "61000", "0.015", { timeInForce: "IOC" }),
        btc.marketSell("m2", "alice", "0.05"),
        btc.cancel("c1"),
      ),
    );
    const ethPlan = eth.settle(
      eth.batch(
        eth.limit("e1", "alice", "SELL", "3000", "1.5"),
        eth.limit("e2", "bob", "BUY", "3100", "2"),
      ),
    );
    for (const settled of [btcPlan, ethPlan]) {
      const moves = settled.balanceMoves;
      const income = Object.fromEntries(
        settled.feeIncome.map((f) => [f.asset, formatDecimal(-f.amount)]),
      );
      expect(Object.values(totalByAsset(moves)).every((sum) => sum === "0")).toBe(true);
      expect(totalByAsset(moves, (x) => x.userId !== FEES)).toEqual(income);
    }
    // ETH_USDT (0.1 % both): 1.5 ETH at 3,000 = 4,500; bob (taker) pays 0.0015 ETH, alice 4.5.
    expect(ethPlan.feeIncome).toEqual([
      { market: "ETH_USDT", asset: "ETH", amount: d("0.0015"), reference: "fees:ETH_USDT:1-2" },
      { market: "ETH_USDT", asset: "USDT", amount: d("4.5"), reference: "fees:ETH_USDT:1-2" },
    ]);
    // Fee income per asset is the sum of that market's trade fees, in the asset received.
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    expect(btcPlan.feeIncome.map((f) => [f.asset, f.amount])).toEqual([
      ["BTC", sum(btcPlan.trades.map((t) => t.buyerFee))],
      ["USDT", sum(btcPlan.trades.map((t) => t.sellerFee))],
    ]);
  });

  it("locked moves match the orders' locks: finished orders hold nothing", () => {
    const m = new MarketHarness(BTC_USDT);
    const placed = new Map<string, bigint>();
    const place = (events: ReturnType<MarketHarness["limit"]>) => {
      for (const [id, o] of m.orders) if (!placed.has(id)) placed.set(id, o.lockedRemaining);
      return events;
    };
    const settled = m.settle(
      m.batch(
        place(m.limit("a1", "alice", "SELL", "60000", "0.01")),
        place(m.limit("a2", "bob", "SELL", "60500", "0.02")),
        place(m.marketBuy("m1", "carol", "1000")),
        place(m.limit("b1", "bob", "BUY", "61000", "0.05", { timeInForce: "IOC" })),
        place(m.limit("b2", "carol", "BUY", "60000", "0.05")),
      ),
    );
    const lockedByWallet = new Map<string, bigint>();
    for (const move of settled.balanceMoves) {
      const key = `${move.userId} ${move.asset}`;
      lockedByWallet.set(key, (lockedByWallet.get(key) ?? 0n) + move.lockedDelta);
    }
    const orderLocks = new Map<string, bigint>();
    for (const [id, order] of m.orders) {
      const key = `${order.userId} ${order.side === "BUY" ? "USDT" : "BTC"}`;
      const change = order.lockedRemaining - (placed.get(id) ?? 0n);
      orderLocks.set(key, (orderLocks.get(key) ?? 0n) + change);
      if (["FILLED", "CANCELLED", "EXPIRED", "REJECTED"].includes(order.status)) {
        expect(order.lockedRemaining).toBe(0n);
      }
    }
    for (const [key, change] of orderLocks) expect(lockedByWallet.get(key) ?? 0n).toBe(change);
    expect(m.orders.get("b2")).toMatchObject({ status: "OPEN", lockedRemaining: d("3000") });
  });
});

describe("what the plan refuses", () => {
  const tradeBatch = () => {
    const m = new MarketHarness(BTC_USDT);
    const batch = m.batch(
      m.limit("s1", "seller", "SELL", "60000", "0.1"),
      m.limit("b1", "buyer", "BUY", "60000", "0.1"),
    );
    return { m, admission: admitBatches([batch], new Map()) };
  };
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof SettlementError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error("expected a SettlementError");
  };

  it("a trade that names an unknown order", () => {
    const { m, admission } = tradeBatch();
    m.orders.delete("s1");
    expect(refusal(() => plan(admission, m.orders, TERMS))).toEqual({
      code: "UNKNOWN_ORDER",
      message: "trade BTC_USDT:2 names an unknown order",
    });
  });

  it("events of a market without terms", () => {
    const { m, admission } = tradeBatch();
    const terms = { ...TERMS, markets: new Map() };
    expect(refusal(() => plan(admission, m.orders, terms))?.code).toBe("UNKNOWN_MARKET");
  });

  it("a LIMIT buy without its price", () => {
    const { m, admission } = tradeBatch();
    m.orders.set("b1", { ...(m.orders.get("b1") as SettlementOrder), price: null });
    expect(refusal(() => plan(admission, m.orders, TERMS))?.code).toBe("LIMIT_WITHOUT_PRICE");
  });

  it("an order that would end holding a negative lock", () => {
    const m = new MarketHarness(BTC_USDT);
    const batch = m.batch(
      m.limit("s1", "seller", "SELL", "60000", "0.2"),
      m.limit("b1", "buyer", "BUY", "60000", "0.1"),
    );
    const admission = admitBatches([batch], new Map());
    // s1 stays on the book after selling 0.1, but its stored lock (corrupt) covers only 0.05.
    m.orders.set("s1", { ...(m.orders.get("s1") as SettlementOrder), lockedRemaining: d("0.05") });
    expect(refusal(() => plan(admission, m.orders, TERMS))).toEqual({
      code: "ORDER_LOCK_NEGATIVE",
      message: "order s1 would hold -0.05: refusing",
    });
  });

  it("but skips events other than trades of orders it was not given, as today", () => {
    const { admission } = tradeBatch();
    expect(orderIdsOf(admission)).toEqual(["s1", "b1"]);
    const withoutTrades = admission.pending.map((p) => ({
      ...p,
      events: p.events.filter((e) => e.type !== "trade"),
    }));
    const settled = plan({ ...admission, pending: withoutTrades }, new Map(), TERMS);
    expect(settled.orderUpdates).toEqual([]);
    expect(settled.balanceMoves).toEqual([]);
    expect(settled.offsets).toEqual(new Map([["BTC_USDT", 2]]));
  });
});
