import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { SettlementError } from "./errors.ts";
import type { BalanceMove } from "./plan.ts";
import { postMoves, type WalletBalance } from "./postings.ts";

const d = (text: string) => parseDecimal(text);
const wallet = (userId: string, asset: string, available: string, locked: string) =>
  ({ userId, asset, available: d(available), locked: d(locked) }) satisfies WalletBalance;
const moveOf = (
  userId: string,
  asset: string,
  available: string,
  locked: string,
  reason: BalanceMove["reason"] = "TRADE",
): BalanceMove => ({
  userId,
  asset,
  availableDelta: d(available),
  lockedDelta: d(locked),
  reason,
  reference: "trade:BTC_USDT:2:0",
});

describe("postMoves", () => {
  it("gives each ledger row the wallet's balances right after it, in order", () => {
    const { postings, wallets } = postMoves(
      [wallet("buyer", "USDT", "100", "12200"), wallet("buyer", "BTC", "0", "0")],
      [
        moveOf("buyer", "USDT", "200", "-12200"),
        moveOf("buyer", "BTC", "0.2", "0"),
        moveOf("buyer", "BTC", "-0.0004", "0", "FEE"),
      ],
    );
    expect(
      postings.map((p) => [formatDecimal(p.availableAfter), formatDecimal(p.lockedAfter)]),
    ).toEqual([
      ["300", "0"],
      ["0.2", "0"],
      ["0.1996", "0"],
    ]);
    expect(postings[2]).toMatchObject({ reason: "FEE", availableDelta: d("-0.0004") });
    expect(wallets).toEqual([
      wallet("buyer", "USDT", "300", "0"),
      wallet("buyer", "BTC", "0.1996", "0"),
    ]);
  });

  it("a wallet not given starts at zero", () => {
    const { wallets } = postMoves([], [moveOf("fees", "BTC", "0.0004", "0", "FEE_INCOME")]);
    expect(wallets).toEqual([wallet("fees", "BTC", "0.0004", "0")]);
  });

  it("does not change the balances it was given", () => {
    const given = [wallet("u", "BTC", "1", "0")];
    postMoves(given, [moveOf("u", "BTC", "-1", "0")]);
    expect(given).toEqual([wallet("u", "BTC", "1", "0")]);
  });

  it("refuses a move that takes a balance below zero, even if a later move restores it", () => {
    const run = () =>
      postMoves(
        [wallet("u", "BTC", "0.1", "0")],
        [moveOf("u", "BTC", "-0.2", "0", "FEE"), moveOf("u", "BTC", "0.2", "0")],
      );
    expect(run).toThrow(SettlementError);
    expect(run).toThrow("settlement would make u BTC negative (trade:BTC_USDT:2:0): refusing");
    try {
      run();
    } catch (error) {
      expect((error as SettlementError).code).toBe("BALANCE_NEGATIVE");
    }
    expect(() =>
      postMoves([wallet("u", "BTC", "0", "0.1")], [moveOf("u", "BTC", "0", "-0.11")]),
    ).toThrow(SettlementError);
  });
});
