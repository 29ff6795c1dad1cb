import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.ts";
import { Order } from "./order.ts";
import type { AmendCommand, LimitOrderCommand, MarketOrderCommand, OrderCommand } from "./types.ts";
import { amendError, type BookChecks, newOrderError } from "./validation.ts";

/** A book seen only through its bounds and the two questions; records what it was asked. */
function fakeBook(live: string[] = [], wouldTake = false) {
  const asked: string[] = [];
  const book: BookChecks = {
    maxPriceTicks: 1_000,
    maxLots: 50,
    isLive(orderId) {
      asked.push(`isLive ${orderId}`);
      return live.includes(orderId);
    },
    wouldTake(side, priceTicks) {
      asked.push(`wouldTake ${side} ${priceTicks}`);
      return wouldTake;
    },
  };
  return { book, asked };
}

const limit: LimitOrderCommand = {
  type: "limit",
  seq: 1,
  ts: 0,
  orderId: "o1",
  userId: "u1",
  side: "BUY",
  priceTicks: 100,
  lots: 5,
};
const marketBuy: MarketOrderCommand = {
  type: "market",
  seq: 1,
  ts: 0,
  orderId: "o1",
  userId: "u1",
  side: "BUY",
  quoteBudget: 500,
};
const marketSell: MarketOrderCommand = {
  type: "market",
  seq: 1,
  ts: 0,
  orderId: "o1",
  userId: "u1",
  side: "SELL",
  lots: 5,
};

function codeOf(cmd: unknown, book = fakeBook().book) {
  return newOrderError(cmd as OrderCommand, book)?.code;
}

describe("newOrderError", () => {
  it("accepts good limit and market orders, asking the book only what it must", () => {
    for (const cmd of [limit, marketBuy, marketSell]) {
      const { book, asked } = fakeBook();
      expect(newOrderError(cmd, book)).toBeUndefined();
      expect(asked).toEqual(["isLive o1"]);
    }
    const { book, asked } = fakeBook();
    expect(newOrderError({ ...limit, postOnly: true }, book)).toBeUndefined();
    expect(asked).toEqual(["isLive o1", "wouldTake BUY 100"]);
  });

  it("reports the first failure in a fixed order when several fields are bad", () => {
    // Each step fixes the field the previous step reported, revealing the next in line.
    const steps: [Partial<Record<keyof LimitOrderCommand, unknown>>, number][] = [
      [{ orderId: "", userId: "", side: "X", timeInForce: "X" }, ErrorCode.INVALID_ORDER_ID],
      [{ userId: "", side: "X", timeInForce: "X" }, ErrorCode.INVALID_USER_ID],
      [{ side: "X", timeInForce: "X", selfTradePrevention: "X" }, ErrorCode.INVALID_SIDE],
      [{ timeInForce: "X", selfTradePrevention: "X" }, ErrorCode.INVALID_TIME_IN_FORCE],
      [{ selfTradePrevention: "X", postOnly: "X" }, ErrorCode.INVALID_SELF_TRADE_PREVENTION],
      [{ postOnly: "X", priceTicks: 0 }, ErrorCode.INVALID_POST_ONLY],
      [{ postOnly: true, timeInForce: "IOC", priceTicks: 0 }, ErrorCode.INVALID_POST_ONLY],
      [{ priceTicks: 1_001, lots: 0 }, ErrorCode.INVALID_PRICE],
      [{ lots: 51 }, ErrorCode.INVALID_AMOUNT],
    ];
    for (const [fields, code] of steps) {
      const { book, asked } = fakeBook(["o1"], true);
      expect(codeOf({ ...limit, ...fields }, book)).toBe(code);
      expect(asked).toEqual([]);
    }
  });

  it("checks the book last: a live id before a post-only that would take", () => {
    expect(codeOf({ ...limit, postOnly: true }, fakeBook(["o1"], true).book)).toBe(
      ErrorCode.DUPLICATE_ORDER_ID,
    );
    expect(codeOf({ ...limit, postOnly: true }, fakeBook([], true).book)).toBe(
      ErrorCode.POST_ONLY_WOULD_TAKE,
    );
    expect(codeOf(limit, fakeBook([], true).book)).toBeUndefined();
    expect(codeOf(marketSell, fakeBook(["o1"]).book)).toBe(ErrorCode.DUPLICATE_ORDER_ID);
  });

  it("sizes market buys by quote and market sells by lots, never both", () => {
    expect(codeOf({ ...marketBuy, selfTradePrevention: "X", quoteBudget: 0 })).toBe(
      ErrorCode.INVALID_SELF_TRADE_PREVENTION,
    );
    expect(codeOf({ ...marketBuy, quoteBudget: 0 })).toBe(ErrorCode.INVALID_QUOTE_BUDGET);
    expect(codeOf({ ...marketBuy, quoteBudget: 2 ** 53 })).toBe(ErrorCode.INVALID_QUOTE_BUDGET);
    expect(codeOf({ ...marketBuy, quoteBudget: 2 ** 52 })).toBeUndefined();
    expect(codeOf({ ...marketBuy, lots: 1 })).toBe(ErrorCode.INVALID_AMOUNT);
    expect(codeOf({ ...marketSell, lots: 51 })).toBe(ErrorCode.INVALID_AMOUNT);
    expect(codeOf({ ...marketSell, quoteBudget: 1 })).toBe(ErrorCode.INVALID_QUOTE_BUDGET);
    expect(codeOf({ ...marketSell, side: "X" })).toBe(ErrorCode.INVALID_SIDE);
  });

  it("rejects an order of a kind it does not know instead of throwing", () => {
    expect(codeOf({ ...limit, type: "stop" })).toBe(ErrorCode.UNKNOWN_COMMAND);
    expect(codeOf({ ...limit, type: undefined })).toBe(ErrorCode.UNKNOWN_COMMAND);
  });

  it("says what was wrong, with the book's bounds", () => {
    expect(newOrderError({ ...limit, priceTicks: 0 }, fakeBook().book)).toEqual({
      code: ErrorCode.INVALID_PRICE,
      message: "priceTicks must be an integer in 1..1000",
    });
    expect(newOrderError({ ...marketSell, lots: 0 }, fakeBook().book)?.message).toBe(
      "market sell needs lots, an integer in 1..50",
    );
  });
});

describe("amendError", () => {
  const resting = (postOnly = false) =>
    new Order("o1", "u1", "SELL", 100, 4, 6, 600, postOnly, "NONE");
  const amend = (fields: Partial<AmendCommand>): AmendCommand => ({
    type: "amend",
    seq: 1,
    ts: 0,
    orderId: "o1",
    ...fields,
  });

  it("needs a price or an amount, each within the bounds (filled lots count)", () => {
    const { book } = fakeBook();
    expect(amendError(amend({}), resting(), book)?.code).toBe(ErrorCode.INVALID_AMEND);
    expect(amendError(amend({ priceTicks: 0, lots: 0 }), resting(), book)?.code).toBe(
      ErrorCode.INVALID_PRICE,
    );
    expect(amendError(amend({ lots: 45 }), resting(), book)?.code).toBe(ErrorCode.INVALID_AMOUNT);
    expect(amendError(amend({ lots: 44 }), resting(), book)).toBeUndefined();
    expect(amendError(amend({ priceTicks: 1_000 }), resting(), book)).toBeUndefined();
  });

  it("asks whether a post-only would take only when its price moves", () => {
    const { book, asked } = fakeBook([], true);
    expect(amendError(amend({ lots: 2 }), resting(true), book)).toBeUndefined();
    expect(amendError(amend({ priceTicks: 100 }), resting(true), book)).toBeUndefined();
    expect(asked).toEqual([]);
    expect(amendError(amend({ priceTicks: 99 }), resting(true), book)?.code).toBe(
      ErrorCode.POST_ONLY_WOULD_TAKE,
    );
    expect(asked).toEqual(["wouldTake SELL 99"]);
    expect(amendError(amend({ priceTicks: 99 }), resting(false), book)).toBeUndefined();
  });
});
