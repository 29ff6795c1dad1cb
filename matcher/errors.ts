/** One place for every rejection code; a code is never reused for another meaning. */
export const ErrorCode = {
  INVALID_SEQUENCE: 1,
  INVALID_TIMESTAMP: 2,
  UNKNOWN_COMMAND: 3,
  INVALID_ORDER_ID: 4,
  INVALID_USER_ID: 5,
  INVALID_SIDE: 6,
  INVALID_TIME_IN_FORCE: 7,
  INVALID_SELF_TRADE_PREVENTION: 8,
  INVALID_POST_ONLY: 9,
  INVALID_PRICE: 10,
  INVALID_AMOUNT: 11,
  INVALID_QUOTE_BUDGET: 12,
  DUPLICATE_ORDER_ID: 13,
  ORDER_NOT_FOUND: 14,
  POST_ONLY_WOULD_TAKE: 15,
  INVALID_AMEND: 16,
  INVALID_SNAPSHOT: 17,
  /** A new order (or an amend) while the market is HALTED. */
  MARKET_HALTED: 18,
  /** A new order (or an amend) while the market is CANCEL_ONLY. */
  MARKET_CANCEL_ONLY: 19,
  /** `setStatus` with something that is not a market status. */
  INVALID_STATUS: 20,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export type ErrorName = keyof typeof ErrorCode;

const names = new Map<number, ErrorName>(
  (Object.keys(ErrorCode) as ErrorName[]).map((name) => [ErrorCode[name], name]),
);

export function errorName(code: ErrorCode): ErrorName {
  return names.get(code) as ErrorName;
}

export interface MatcherError {
  code: ErrorCode;
  message: string;
}

export function matcherError(code: ErrorCode, message: string): MatcherError {
  return { code, message };
}

/** Thrown only by OrderBook.fromSnapshot: a corrupt snapshot is a storage fault, not a command. */
export class SnapshotError extends Error {
  readonly code = ErrorCode.INVALID_SNAPSHOT;
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}
