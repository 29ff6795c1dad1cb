import { describe, expect, it } from "vitest";
import { FINISHED_ORDER_STATUSES, OPEN_ORDER_STATUSES } from "../domain/order-kinds.ts";
import { DomainError } from "../kernel/errors.ts";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { marketSpec, type MarketSpec } from "./market-spec.ts";
import {
  bandLimits,
  checkReferenceFilters,
  needsReference,
  referencePrice,
  requireCancellable,
  validClientOrderId,
  validateOrder,
  type PlaceOrderRequest,
  type ReferencePrice,
} from "./order-validation.ts";

/** As seeded: one tick 0.01 USDT, one lot 0.00001 BTC, so one quote unit is 0.0000001 USDT. */
const BTC_USDT = marketSpec({
  symbol: "BTC_USDT",
  base: "BTC",
  quote: "USDT",
  tickSize: "0.01",
  lotSize: "0.00001",
  minNotional: "5",
  priceBandPercent: null,
  makerFee: "0.001",
  takerFee: "0.001",
  status: "TRADING",
  createdAt: new Date(0),
});

const limitBuy: PlaceOrderRequest = {
  market: "BTC_USDT",
  side: "BUY",
  type: "LIMIT",
  price: "30000.01",
  amount: "0.001",
};
const marketBuy: PlaceOrderRequest = {
  market: "BTC_USDT",
  side: "BUY",
  type: "MARKET",
  quoteAmount: "100",
};
const marketSell: PlaceOrderRequest = {
  market: "BTC_USDT",
  side: "SELL",
  type: "MARKET",
  amount: "0.5",
};

/** The refusal `run` throws: code, the field it names and the message. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...error.details, message: error.message };
  }
  throw new Error("expected a refusal");
}

const refused = (input: PlaceOrderRequest, spec = BTC_USDT) =>
  refusal(() => validateOrder(spec, input));

describe("validateOrder: LIMIT", () => {
  it("converts price and amount to ticks and lots; a BUY locks price × amount of the quote", () => {
    const order = validateOrder(BTC_USDT, limitBuy);
    expect(order.command).toEqual({
      kind: "place",
      userId: "",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      priceTicks: 3_000_001,
      lots: 100,
      postOnly: false,
      selfTradePrevention: "EXPIRE_TAKER",
    });
    expect(order.lockAsset).toBe("USDT");
    expect(formatDecimal(order.lockAmount)).toBe("30.00001");
    expect(
      [order.price, order.amount, order.quoteAmount].map((v) => v && formatDecimal(v)),
    ).toEqual(["30000.01", "0.001", null]);
  });

  it("a SELL locks the amount of the base", () => {
    const order = validateOrder(BTC_USDT, { ...limitBuy, side: "SELL" });
    expect(order.lockAsset).toBe("BTC");
    expect(formatDecimal(order.lockAmount)).toBe("0.001");
    expect(order.command.side).toBe("SELL");
  });

  it("passes time in force and self-trade prevention through", () => {
    for (const timeInForce of ["GTC", "IOC", "FOK"] as const) {
      expect(validateOrder(BTC_USDT, { ...limitBuy, timeInForce }).command.timeInForce).toBe(
        timeInForce,
      );
    }
    const order = validateOrder(BTC_USDT, { ...limitBuy, selfTradePrevention: "NONE" });
    expect(order.command.selfTradePrevention).toBe("NONE");
  });

  it("needs a price and an amount, and takes no quoteAmount", () => {
    expect(refused({ ...limitBuy, price: null })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "price",
      message: "a LIMIT order needs a price",
    });
    expect(refused({ ...limitBuy, amount: undefined })).toMatchObject({
      field: "amount",
      message: "a LIMIT order needs an amount",
    });
    expect(refused({ ...limitBuy, quoteAmount: "10" })).toMatchObject({
      field: "quoteAmount",
      message: "quoteAmount is for MARKET BUY orders only",
    });
  });

  it("takes only prices on the tick size and amounts on the lot size", () => {
    expect(refused({ ...limitBuy, price: "30000.001" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "price",
      message: "price 30000.001 is not a multiple of tickSize 0.01",
    });
    expect(refused({ ...limitBuy, amount: "0.000001" })).toMatchObject({
      field: "amount",
      message: "amount 0.000001 is not a multiple of lotSize 0.00001",
    });
  });

  it("refuses price × amount below the market's minNotional, and takes it exactly at it", () => {
    expect(refused({ ...limitBuy, price: "4.99", amount: "1" })).toMatchObject({
      field: "amount",
      message: "price × amount 4.99 is below the market's minNotional 5",
    });
    expect(
      formatDecimal(validateOrder(BTC_USDT, { ...limitBuy, price: "5", amount: "1" }).lockAmount),
    ).toBe("5");
  });

  it("allows postOnly only with GTC, whose remainder rests on the book", () => {
    expect(validateOrder(BTC_USDT, { ...limitBuy, postOnly: true }).command).toMatchObject({
      postOnly: true,
      timeInForce: "GTC",
    });
    for (const timeInForce of ["IOC", "FOK"] as const) {
      expect(refused({ ...limitBuy, postOnly: true, timeInForce })).toMatchObject({
        field: "postOnly",
        message: "postOnly needs timeInForce GTC",
      });
    }
  });
});

describe("validateOrder: MARKET BUY, sized by quote", () => {
  it("converts quoteAmount to a budget in quote units and locks it", () => {
    const order = validateOrder(BTC_USDT, marketBuy);
    expect(order.command).toEqual({
      kind: "place",
      userId: "",
      side: "BUY",
      type: "MARKET",
      timeInForce: "IOC",
      quoteBudget: 1_000_000_000,
      postOnly: false,
      selfTradePrevention: "EXPIRE_TAKER",
    });
    expect(order.lockAsset).toBe("USDT");
    expect(formatDecimal(order.lockAmount)).toBe("100");
    expect([
      order.price,
      order.amount,
      order.quoteAmount && formatDecimal(order.quoteAmount),
    ]).toEqual([null, null, "100"]);
  });

  it("needs a quoteAmount, not an amount", () => {
    expect(refused({ ...marketBuy, amount: "1" })).toMatchObject({
      field: "amount",
      message: "a MARKET BUY is sized by quoteAmount, not amount",
    });
    expect(refused({ ...marketBuy, quoteAmount: null })).toMatchObject({
      field: "quoteAmount",
      message: "a MARKET BUY needs a quoteAmount",
    });
  });

  it("takes only whole quote units (tick × lot) and at least minNotional", () => {
    expect(refused({ ...marketBuy, quoteAmount: "10.00000001" })).toMatchObject({
      field: "quoteAmount",
      message: "quoteAmount 10.00000001 is not a multiple of tickSize × lotSize 0.0000001",
    });
    expect(refused({ ...marketBuy, quoteAmount: "4.9999999" })).toMatchObject({
      field: "quoteAmount",
      message: "quoteAmount is below the market's minNotional 5",
    });
  });
});

describe("validateOrder: MARKET SELL, sized by amount", () => {
  it("converts amount to lots and locks it; minNotional waits for the reference price", () => {
    const order = validateOrder(BTC_USDT, marketSell);
    expect(order.command).toEqual({
      kind: "place",
      userId: "",
      side: "SELL",
      type: "MARKET",
      timeInForce: "IOC",
      lots: 50_000,
      postOnly: false,
      selfTradePrevention: "EXPIRE_TAKER",
    });
    expect(order.lockAsset).toBe("BTC");
    expect(formatDecimal(order.lockAmount)).toBe("0.5");
    expect(validateOrder(BTC_USDT, { ...marketSell, amount: "0.00001" }).command).toMatchObject({
      lots: 1,
    });
  });

  it("needs an amount, not a quoteAmount, on the lot size", () => {
    expect(refused({ ...marketSell, quoteAmount: "10" })).toMatchObject({
      field: "quoteAmount",
      message: "a MARKET SELL is sized by amount",
    });
    expect(refused({ ...marketSell, amount: null })).toMatchObject({
      field: "amount",
      message: "a MARKET SELL needs an amount",
    });
    expect(refused({ ...marketSell, amount: "0.000015" })).toMatchObject({
      field: "amount",
      message: "amount 0.000015 is not a multiple of lotSize 0.00001",
    });
  });
});

describe("validateOrder: what every MARKET order refuses", () => {
  it("takes no price, only IOC, and no postOnly", () => {
    for (const input of [marketBuy, marketSell]) {
      expect(refused({ ...input, price: "30000" })).toMatchObject({
        field: "price",
        message: "a MARKET order takes no price",
      });
      for (const timeInForce of ["GTC", "FOK"] as const) {
        expect(refused({ ...input, timeInForce })).toMatchObject({
          field: "timeInForce",
          message: "MARKET orders are IOC",
        });
      }
      expect(validateOrder(BTC_USDT, { ...input, timeInForce: "IOC" }).command.timeInForce).toBe(
        "IOC",
      );
      expect(refused({ ...input, postOnly: true })).toMatchObject({
        field: "postOnly",
        message: "a MARKET order cannot be postOnly",
      });
    }
  });
});

describe("validateOrder: bounds", () => {
  it("refuses zero, malformed and over-precise numbers", () => {
    expect(refused({ ...limitBuy, price: "0" })).toMatchObject({
      field: "price",
      message: "price must be positive",
    });
    expect(refused({ ...marketSell, amount: "0" })).toMatchObject({
      field: "amount",
      message: "amount must be positive",
    });
    expect(refused({ ...marketBuy, quoteAmount: "0" })).toMatchObject({
      field: "quoteAmount",
      message: "quoteAmount must be positive",
    });
    for (const price of ["abc", "1e5", "-1", "1.0000000000000000001"]) {
      expect(refused({ ...limitBuy, price })).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "price",
      });
    }
  });

  it("refuses more ticks, lots or quote units than the matcher takes", () => {
    const steps = (count: number, step: bigint) => formatDecimal(BigInt(count) * step);
    const maxPrice = steps(BTC_USDT.maxPriceTicks, BTC_USDT.tickSize);
    const maxAmount = steps(BTC_USDT.maxLots, BTC_USDT.lotSize);
    const maxQuote = steps(Number.MAX_SAFE_INTEGER, BTC_USDT.quoteUnit);
    const overPrice = steps(BTC_USDT.maxPriceTicks + 1, BTC_USDT.tickSize);
    const overAmount = steps(BTC_USDT.maxLots + 1, BTC_USDT.lotSize);
    const overQuote = formatDecimal((BigInt(Number.MAX_SAFE_INTEGER) + 1n) * BTC_USDT.quoteUnit);
    expect(validateOrder(BTC_USDT, { ...limitBuy, price: maxPrice }).command.priceTicks).toBe(
      BTC_USDT.maxPriceTicks,
    );
    expect(refused({ ...limitBuy, price: overPrice })).toMatchObject({
      field: "price",
      message: "price is larger than this market accepts",
    });
    expect(validateOrder(BTC_USDT, { ...marketSell, amount: maxAmount }).command.lots).toBe(
      BTC_USDT.maxLots,
    );
    expect(refused({ ...limitBuy, amount: overAmount })).toMatchObject({
      field: "amount",
      message: "amount is larger than this market accepts",
    });
    expect(refused({ ...marketSell, amount: overAmount })).toMatchObject({
      field: "amount",
    });
    expect(
      validateOrder(BTC_USDT, { ...marketBuy, quoteAmount: maxQuote }).command.quoteBudget,
    ).toBe(Number.MAX_SAFE_INTEGER);
    expect(refused({ ...marketBuy, quoteAmount: overQuote })).toMatchObject({
      field: "quoteAmount",
      message: "quoteAmount is larger than this market accepts",
    });
  });

  it("refuses every order on a halted or cancel-only market, each with its code", () => {
    const halted = { ...BTC_USDT, status: "HALTED" as const };
    const cancelOnly = { ...BTC_USDT, status: "CANCEL_ONLY" as const };
    for (const input of [limitBuy, marketBuy, marketSell]) {
      expect(refused(input, halted)).toMatchObject({ code: "MARKET_HALTED", market: "BTC_USDT" });
      expect(refused(input, cancelOnly)).toMatchObject({
        code: "MARKET_CANCEL_ONLY",
        market: "BTC_USDT",
      });
    }
  });
});

describe("validClientOrderId", () => {
  it("is null when none is given, and 1–64 characters of A–Z a–z 0–9 _ . : - otherwise", () => {
    expect(validClientOrderId(null)).toBeNull();
    expect(validClientOrderId(undefined)).toBeNull();
    expect(validClientOrderId("bot-7:order_12.a")).toBe("bot-7:order_12.a");
    expect(validClientOrderId("x".repeat(64))).toBe("x".repeat(64));
    for (const bad of ["", "x".repeat(65), "a b", "ordre-é", "a/b"]) {
      expect(refusal(() => validClientOrderId(bad))).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "clientOrderId",
      });
    }
  });
});

describe("requireCancellable", () => {
  it("passes open orders and refuses finished ones with ORDER_NOT_OPEN and their status", () => {
    for (const status of OPEN_ORDER_STATUSES) {
      expect(() => requireCancellable({ status })).not.toThrow();
    }
    for (const status of FINISHED_ORDER_STATUSES) {
      expect(refusal(() => requireCancellable({ status }))).toEqual({
        code: "ORDER_NOT_OPEN",
        status,
        message: `The order is ${status} and cannot be cancelled`,
      });
    }
  });
});

describe("reference price", () => {
  const units = parseDecimal;
  const prices = { lastPrice: units("60000"), bestBid: units("59000"), bestAsk: units("61000") };

  it("is the last trade's price when the market has traded", () => {
    for (const side of ["BUY", "SELL"] as const) {
      expect(referencePrice(side, prices)).toEqual({ price: units("60000"), source: "LAST_TRADE" });
    }
  });

  it("without a trade: the best bid for a SELL, the best ask for a BUY; else none", () => {
    const untraded = { ...prices, lastPrice: null };
    expect(referencePrice("SELL", untraded)).toEqual({ price: units("59000"), source: "BEST_BID" });
    expect(referencePrice("BUY", untraded)).toEqual({ price: units("61000"), source: "BEST_ASK" });
    expect(referencePrice("SELL", { ...untraded, bestBid: null })).toBeNull();
    expect(referencePrice("BUY", { ...untraded, bestAsk: null })).toBeNull();
  });
});

describe("filters against the reference price, for every order kind", () => {
  const at = (price: string, source: ReferencePrice["source"] = "LAST_TRADE"): ReferencePrice => ({
    price: parseDecimal(price),
    source,
  });
  /** BTC_USDT with a ±10 % band. */
  const BANDED: MarketSpec = { ...BTC_USDT, priceBandPercent: parseDecimal("10") };
  const LIMIT_KINDS: [string, Partial<PlaceOrderRequest>][] = [
    ["LIMIT GTC", { timeInForce: "GTC" }],
    ["LIMIT IOC", { timeInForce: "IOC" }],
    ["LIMIT FOK", { timeInForce: "FOK" }],
    ["LIMIT GTC post-only", { timeInForce: "GTC", postOnly: true }],
  ];
  /** Validates, then applies the reference filters: the refusal, or null when accepted. */
  const filtered = (
    input: PlaceOrderRequest,
    reference: ReferencePrice | null,
    spec = BANDED,
  ): Record<string, unknown> | null => {
    try {
      checkReferenceFilters(validateOrder(spec, input), reference);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { code: error.code, ...error.details, message: error.message };
    }
  };

  it("needs the reference for a LIMIT order only on a market with a band, and for MARKET SELL", () => {
    for (const [, kind] of LIMIT_KINDS) {
      const input = { ...limitBuy, ...kind };
      expect(needsReference(validateOrder(BANDED, input))).toBe(true);
      expect(needsReference(validateOrder(BTC_USDT, input))).toBe(false);
    }
    expect(needsReference(validateOrder(BANDED, marketBuy))).toBe(false);
    expect(needsReference(validateOrder(BTC_USDT, marketSell))).toBe(true);
  });

  describe.each(LIMIT_KINDS)("%s", (_name, kind) => {
    for (const side of ["BUY", "SELL"] as const) {
      const order = (price: string, amount = "0.001"): PlaceOrderRequest => ({
        ...limitBuy,
        ...kind,
        side,
        price,
        amount,
      });

      it(`${side}: band ±10 % of the last trade 60,000 takes 54,000–66,000, bounds included`, () => {
        for (const price of ["54000", "60000", "66000"]) {
          expect(filtered(order(price), at("60000"))).toBeNull();
        }
        for (const price of ["53999.99", "66000.01", "999999.99"]) {
          expect(filtered(order(price), at("60000"))).toEqual({
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
      });

      it(`${side}: no band, or no reference price, no band check`, () => {
        expect(filtered(order("999999.99"), at("60000"), BTC_USDT)).toBeNull();
        expect(filtered(order("999999.99"), null)).toBeNull();
      });

      it(`${side}: minNotional is price × amount, whatever the reference`, () => {
        expect(filtered(order("60000", "0.00008"), at("60000"))).toMatchObject({
          code: "BAD_USER_INPUT",
          field: "amount",
          message: "price × amount 4.8 is below the market's minNotional 5",
        });
        expect(filtered(order("50000", "0.0001"), at("50000"))).toBeNull(); // exactly 5
      });
    }
  });

  it("the band reference of an untraded market is the book: best ask for a BUY, best bid for a SELL", () => {
    expect(filtered({ ...limitBuy, price: "999999.99" }, at("60000", "BEST_ASK"))).toMatchObject({
      code: "PRICE_OUT_OF_BAND",
      referenceSource: "BEST_ASK",
      maxPrice: "66000",
    });
    expect(
      filtered(
        { ...limitBuy, side: "SELL", price: "1000", amount: "0.01" },
        at("60000", "BEST_BID"),
      ),
    ).toMatchObject({ code: "PRICE_OUT_OF_BAND", referenceSource: "BEST_BID", minPrice: "54000" });
  });

  it("band limits are exact and land on the tick grid, inward", () => {
    const spec = { tickSize: BTC_USDT.tickSize, maxPriceTicks: BTC_USDT.maxPriceTicks };
    const show = (l: { minPrice: bigint; maxPrice: bigint }) => [
      formatDecimal(l.minPrice),
      formatDecimal(l.maxPrice),
    ];
    // 60,000.01 × 0.9 = 54,000.009 → 54,000.01; × 1.1 = 66,000.011 → 66,000.01.
    expect(show(bandLimits(spec, parseDecimal("10"), at("60000.01").price))).toEqual([
      "54000.01",
      "66000.01",
    ]);
    // 2.5 % of 100: 97.5–102.5; 0 %: the reference alone; 100 % and more: from one tick.
    expect(show(bandLimits(spec, parseDecimal("2.5"), at("100").price))).toEqual(["97.5", "102.5"]);
    expect(show(bandLimits(spec, 0n, at("100").price))).toEqual(["100", "100"]);
    expect(show(bandLimits(spec, parseDecimal("150"), at("100").price))).toEqual(["0.01", "250"]);
  });

  describe("MARKET BUY", () => {
    it("band: none, it has no price", () => {
      expect(filtered(marketBuy, at("60000"))).toBeNull();
      expect(filtered(marketBuy, null)).toBeNull();
    });

    it("minNotional: its quoteAmount, with no reference needed", () => {
      expect(refused({ ...marketBuy, quoteAmount: "4.9999999" }, BANDED)).toMatchObject({
        field: "quoteAmount",
        message: "quoteAmount is below the market's minNotional 5",
      });
      expect(filtered({ ...marketBuy, quoteAmount: "5" }, null)).toBeNull();
    });
  });

  describe("MARKET SELL", () => {
    it("minNotional: amount × reference price, exactly (0.00001 BTC at 60,000 is 0.6 < 5)", () => {
      expect(filtered({ ...marketSell, amount: "0.00001" }, at("60000"))).toEqual({
        code: "BAD_USER_INPUT",
        field: "amount",
        minNotional: "5",
        referencePrice: "60000",
        referenceSource: "LAST_TRADE",
        message: "amount × reference price 0.6 is below the market's minNotional 5",
      });
      expect(filtered({ ...marketSell, amount: "0.0001" }, at("50000"))).toBeNull(); // exactly 5
      expect(filtered({ ...marketSell, amount: "0.0001" }, at("49999.99"))).toMatchObject({
        code: "BAD_USER_INPUT",
        message: "amount × reference price 4.999999 is below the market's minNotional 5",
      });
      expect(filtered({ ...marketSell, amount: "0.0001" }, at("60000", "BEST_BID"))).toBeNull();
    });

    it("no reference (never traded, no bid): NO_REFERENCE_PRICE", () => {
      expect(filtered(marketSell, null)).toEqual({
        code: "NO_REFERENCE_PRICE",
        field: "type",
        market: "BTC_USDT",
        message:
          "market BTC_USDT has no last trade and no bid to measure a MARKET SELL against; place a LIMIT order",
      });
    });

    it("band: none, it has no price", () => {
      expect(filtered({ ...marketSell, amount: "1" }, at("60000"))).toBeNull();
    });
  });
});
