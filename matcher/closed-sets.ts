import { assertNever, unlisted } from "../kernel/assert-never.ts";
import type { MarketStatus, SelfTradePrevention, Side, TimeInForce } from "./types.ts";

/*
 * The closed sets of the core, each spelled once here: guards for untrusted input and what each
 * member means. Every switch is exhaustive, so a new member fails to compile until handled.
 */

export function isSide(value: unknown): value is Side {
  const side = value as Side;
  switch (side) {
    case "BUY":
    case "SELL":
      return true;
    default:
      return unlisted(side);
  }
}

export function isTimeInForce(value: unknown): value is TimeInForce {
  const tif = value as TimeInForce;
  switch (tif) {
    case "GTC":
    case "IOC":
    case "FOK":
      return true;
    default:
      return unlisted(tif);
  }
}

export function isSelfTradePrevention(value: unknown): value is SelfTradePrevention {
  const stp = value as SelfTradePrevention;
  switch (stp) {
    case "NONE":
    case "EXPIRE_TAKER":
    case "EXPIRE_MAKER":
    case "EXPIRE_BOTH":
      return true;
    default:
      return unlisted(stp);
  }
}

export function isMarketStatus(value: unknown): value is MarketStatus {
  const status = value as MarketStatus;
  switch (status) {
    case "TRADING":
    case "CANCEL_ONLY":
    case "HALTED":
      return true;
    default:
      return unlisted(status);
  }
}

/** Whether what a taker of this time in force leaves unfilled rests on the book (else expires). */
export function remainderRests(tif: TimeInForce): boolean {
  switch (tif) {
    case "GTC":
      return true;
    case "IOC":
    case "FOK":
      return false;
    default:
      return assertNever(tif);
  }
}

/** Whether a taker of this time in force must fill completely at once or not trade at all. */
export function fillsAllOrNothing(tif: TimeInForce): boolean {
  switch (tif) {
    case "FOK":
      return true;
    case "GTC":
    case "IOC":
      return false;
    default:
      return assertNever(tif);
  }
}
