import { assertNever } from "../kernel/assert-never.ts";
import { isSelfTradePrevention, isSide, isTimeInForce, remainderRests } from "./closed-sets.ts";
import { ErrorCode, matcherError, type MatcherError } from "./errors.ts";
import type { Order } from "./order.ts";
import type {
  AmendCommand,
  LimitOrderCommand,
  MarketOrderCommand,
  MarketStatus,
  OrderCommand,
  Side,
} from "./types.ts";

/** What validating a command needs from the book: its bounds and two read-only questions. */
export interface BookChecks {
  readonly maxPriceTicks: number;
  readonly maxLots: number;
  isLive(orderId: string): boolean;
  /** Whether an order of this side at this price would take liquidity now. */
  wouldTake(side: Side, priceTicks: number): boolean;
}

export function isPositiveSafeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

export function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function invalidPrice(book: BookChecks): MatcherError {
  return matcherError(
    ErrorCode.INVALID_PRICE,
    `priceTicks must be an integer in 1..${book.maxPriceTicks}`,
  );
}

function duplicateId(): MatcherError {
  return matcherError(ErrorCode.DUPLICATE_ORDER_ID, "an order with this id is live");
}

function postOnlyWouldTake(): MatcherError {
  return matcherError(ErrorCode.POST_ONLY_WOULD_TAKE, "post-only order would take liquidity");
}

function invalidStp(): MatcherError {
  return matcherError(
    ErrorCode.INVALID_SELF_TRADE_PREVENTION,
    "selfTradePrevention must be EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH or NONE",
  );
}

/** Compiles only while every order kind has its case; an untyped caller's junk is rejected. */
function unknownOrderKind(_cmd: never): MatcherError {
  return matcherError(ErrorCode.UNKNOWN_COMMAND, "unknown command type");
}

/**
 * Why a new order is rejected, or undefined: its fields first (in a fixed order, the first
 * failure wins), then against the book (a live order with its id, a post-only that would take).
 */
export function newOrderError(cmd: OrderCommand, book: BookChecks): MatcherError | undefined {
  if (!isId(cmd.orderId)) {
    return matcherError(ErrorCode.INVALID_ORDER_ID, "orderId must be a non-empty string");
  }
  if (!isId(cmd.userId)) {
    return matcherError(ErrorCode.INVALID_USER_ID, "userId must be a non-empty string");
  }
  if (!isSide(cmd.side)) return matcherError(ErrorCode.INVALID_SIDE, "side must be BUY or SELL");
  switch (cmd.type) {
    case "limit":
      return limitError(cmd, book);
    case "market":
      return marketError(cmd, book);
    default:
      return unknownOrderKind(cmd);
  }
}

function limitError(cmd: LimitOrderCommand, book: BookChecks): MatcherError | undefined {
  const tif = cmd.timeInForce ?? "GTC";
  const postOnly = cmd.postOnly ?? false;
  if (!isTimeInForce(tif)) {
    return matcherError(ErrorCode.INVALID_TIME_IN_FORCE, "timeInForce must be GTC, IOC or FOK");
  }
  if (!isSelfTradePrevention(cmd.selfTradePrevention ?? "NONE")) return invalidStp();
  if (postOnly !== true && postOnly !== false) {
    return matcherError(ErrorCode.INVALID_POST_ONLY, "postOnly must be a boolean");
  }
  if (postOnly && !remainderRests(tif)) {
    return matcherError(ErrorCode.INVALID_POST_ONLY, "postOnly requires GTC");
  }
  const { priceTicks, lots } = cmd;
  if (!isPositiveSafeInteger(priceTicks) || priceTicks > book.maxPriceTicks) {
    return invalidPrice(book);
  }
  if (!isPositiveSafeInteger(lots) || lots > book.maxLots) {
    return matcherError(ErrorCode.INVALID_AMOUNT, `lots must be an integer in 1..${book.maxLots}`);
  }
  if (book.isLive(cmd.orderId)) return duplicateId();
  if (postOnly && book.wouldTake(cmd.side, priceTicks)) return postOnlyWouldTake();
  return undefined;
}

function marketError(cmd: MarketOrderCommand, book: BookChecks): MatcherError | undefined {
  if (!isSelfTradePrevention(cmd.selfTradePrevention ?? "NONE")) return invalidStp();
  switch (cmd.side) {
    case "BUY":
      if (!isPositiveSafeInteger(cmd.quoteBudget)) {
        return matcherError(
          ErrorCode.INVALID_QUOTE_BUDGET,
          "market buy needs quoteBudget, a positive safe integer",
        );
      }
      if ((cmd as { lots?: unknown }).lots !== undefined) {
        return matcherError(
          ErrorCode.INVALID_AMOUNT,
          "market buy is sized by quoteBudget, not lots",
        );
      }
      break;
    case "SELL":
      if (!isPositiveSafeInteger(cmd.lots) || cmd.lots > book.maxLots) {
        return matcherError(
          ErrorCode.INVALID_AMOUNT,
          `market sell needs lots, an integer in 1..${book.maxLots}`,
        );
      }
      if ((cmd as { quoteBudget?: unknown }).quoteBudget !== undefined) {
        return matcherError(
          ErrorCode.INVALID_QUOTE_BUDGET,
          "market sell is sized by lots, not quoteBudget",
        );
      }
      break;
    default:
      return assertNever(cmd);
  }
  if (book.isLive(cmd.orderId)) return duplicateId();
  return undefined;
}

/**
 * Why the market's status refuses a command that could trade (a new order, an amend), or
 * undefined while it is TRADING. Cancels are never refused by the status.
 */
export function marketStatusError(status: MarketStatus): MatcherError | undefined {
  switch (status) {
    case "TRADING":
      return undefined;
    case "CANCEL_ONLY":
      return matcherError(ErrorCode.MARKET_CANCEL_ONLY, "the market accepts cancels only");
    case "HALTED":
      return matcherError(ErrorCode.MARKET_HALTED, "the market is halted");
    default:
      return assertNever(status);
  }
}

/** For a cancel or amend that names no live order. */
export function orderNotFound(): MatcherError {
  return matcherError(ErrorCode.ORDER_NOT_FOUND, "no live order with this id");
}

/** Why an amend of this live order is rejected, or undefined. */
export function amendError(
  cmd: AmendCommand,
  order: Order,
  book: BookChecks,
): MatcherError | undefined {
  if (cmd.priceTicks === undefined && cmd.lots === undefined) {
    return matcherError(ErrorCode.INVALID_AMEND, "amend needs priceTicks or lots");
  }
  const priceTicks = cmd.priceTicks ?? order.priceTicks;
  const lots = cmd.lots ?? order.remainingLots;
  if (!isPositiveSafeInteger(priceTicks) || priceTicks > book.maxPriceTicks) {
    return invalidPrice(book);
  }
  if (!isPositiveSafeInteger(lots) || lots > book.maxLots - order.filledLots) {
    return matcherError(
      ErrorCode.INVALID_AMOUNT,
      `filled plus remaining lots must be an integer in 1..${book.maxLots}`,
    );
  }
  if (order.postOnly && priceTicks !== order.priceTicks && book.wouldTake(order.side, priceTicks)) {
    return postOnlyWouldTake();
  }
  return undefined;
}
