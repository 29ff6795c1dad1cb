import { describe, expect, it } from "vitest";
import { FINISHED_ORDER_STATUSES, OPEN_ORDER_STATUSES } from "../domain/order-kinds.ts";
import { DomainError } from "../kernel/errors.ts";
import { formatDecimal } from "../money/decimal.ts";
import { marketSpec } from "./market-spec.ts";
import {
  requireCancellable,
  validClientOrderId,
  validateOrder,
  type PlaceOrderRequest,
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
  it("converts amount to lots and locks it; no minNotional, as no price is known", () => {
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

  it("refuses every order on a halted market", () => {
    const halted = { ...BTC_USDT, status: "HALTED" as const };
    for (const input of [limitBuy, marketBuy, marketSell]) {
      expect(refused(input, halted)).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "market",
        message: "market BTC_USDT is halted",
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
