/**
 * Every error code a client can see (design §4), defined here once; one meaning each. The API
 * shows it as `extensions.code` and a DomainError's `details` beside it.
 */
export const ErrorCode = {
  /** No credentials where they are needed, or wrong, expired or revoked ones. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** Authenticated, but the role or API key permission does not allow this. */
  FORBIDDEN: "FORBIDDEN",
  /** The input is malformed or breaks a rule; nothing was changed. */
  BAD_USER_INPUT: "BAD_USER_INPUT",
  /** The wallet's available balance does not cover the operation (`asset`, `needed`; a placement also `available`). */
  INSUFFICIENT_FUNDS: "INSUFFICIENT_FUNDS",
  /** No market with that symbol. */
  MARKET_NOT_FOUND: "MARKET_NOT_FOUND",
  /** The market is HALTED (`market`): no new orders; cancels still work. */
  MARKET_HALTED: "MARKET_HALTED",
  /** The market is CANCEL_ONLY (`market`): no new orders; cancels still work. */
  MARKET_CANCEL_ONLY: "MARKET_CANCEL_ONLY",
  /** What an admin asked to create exists already (`field` names the taken key, e.g. symbol). */
  ALREADY_EXISTS: "ALREADY_EXISTS",
  /** No order with that id belonging to the caller. */
  ORDER_NOT_FOUND: "ORDER_NOT_FOUND",
  /** The order has finished (filled, cancelled, expired or rejected): it cannot be cancelled. */
  ORDER_NOT_OPEN: "ORDER_NOT_OPEN",
  /** Too many attempts; `retryAfterSeconds` (and `retryAfterMs`) says when to retry. */
  RATE_LIMITED: "RATE_LIMITED",
  /** The user holds the most open orders allowed on a market (`limit`, `market`). */
  TOO_MANY_OPEN_ORDERS: "TOO_MANY_OPEN_ORDERS",
  /**
   * A LIMIT price outside the market's percent-price band around its reference price
   * (`referencePrice`, `referenceSource`, `priceBandPercent`, `minPrice`, `maxPrice`: the
   * allowed prices on the tick grid).
   */
  PRICE_OUT_OF_BAND: "PRICE_OUT_OF_BAND",
  /**
   * A MARKET SELL on a market with no reference price (never traded, no bids): its minNotional
   * cannot be checked and nothing could fill it; place a LIMIT order.
   */
  NO_REFERENCE_PRICE: "NO_REFERENCE_PRICE",
  /** The graphql-ws socket already runs its most operations at once (`limit`). */
  TOO_MANY_OPERATIONS: "TOO_MANY_OPERATIONS",
  /**
   * A live subscriber fell too far behind (its socket's send buffer or its queue passed a bound):
   * the subscription ends and the socket closes with 4413; reconnect and resubscribe.
   */
  SLOW_CONSUMER: "SLOW_CONSUMER",
  /**
   * A live stream lost messages it could not fill in, or a resume reaches further back than it
   * can serve: subscribe again (trades: after reading what you missed with the `trades` query).
   */
  RESYNC_REQUIRED: "RESYNC_REQUIRED",
  /** A store the operation needs is unreachable; retry later. Nothing was changed. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** The request body or the query text is over its size limit (HTTP 413); `limit` says it. */
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  /** The query is too deep, too costly or has too many aliases. */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** No withdrawal with that id (of the caller's, or at all for an admin). */
  WITHDRAWAL_NOT_FOUND: "WITHDRAWAL_NOT_FOUND",
  /** The withdrawal was already approved or rejected (`status` says which): decided once only. */
  WITHDRAWAL_NOT_PENDING: "WITHDRAWAL_NOT_PENDING",
  /**
   * The withdrawal would pass the user's daily limit for the asset (`asset`, `limit`,
   * `usedToday`, `remaining`; the UTC day ends at `resetsAt`).
   */
  WITHDRAWAL_LIMIT_EXCEEDED: "WITHDRAWAL_LIMIT_EXCEEDED",
  /** The user's verification level does not allow this (`verificationLevel`, `requiredLevel`). */
  VERIFICATION_REQUIRED: "VERIFICATION_REQUIRED",
  /**
   * An API key's guardrail refused the order (`reason`: ORDER_NOTIONAL or DAILY_NOTIONAL;
   * `limit`, `requested`, `remaining` in USDT). Nothing was placed.
   */
  GUARDRAIL_EXCEEDED: "GUARDRAIL_EXCEEDED",
  /** A bug or an unexpected failure; details are in the server log, never in the response. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * A refusal the caller can act on, free of any transport: services throw it, and only the API's
 * error formatter (api/server.ts) turns it into a GraphQL error, `{ message, extensions: {
 * ...details, code } }`. Anything thrown that is not a DomainError is a bug or a store failure.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: ErrorCode;
  /** What a client needs to act on it (`field`, `limit`, `retryAfterSeconds`, …). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    // An expected outcome, not a bug: no stack. Capturing one, and formatting it through source
    // maps when graphql-js copies it, cost ~5 % of the API's CPU under load (cancels of orders
    // that had just filled). Error(string) cannot throw, so the limit is always put back.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.details = details;
  }
}

export const unauthenticated = (message = "Sign in or send a valid X-API-Key") =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);
/**
 * Credentials that were sent but no longer work (a token expired, signed by another secret or
 * ended by a password change; an unknown or revoked API key). `reason` tells a client to drop
 * them and reconnect without: public data needs no credentials.
 */
export type StaleCredentialsReason = "TOKEN_INVALID" | "TOKEN_REVOKED" | "API_KEY_INVALID";
export const staleCredentials = (what: string, reason: StaleCredentialsReason) =>
  new DomainError(
    ErrorCode.UNAUTHENTICATED,
    `${what}: drop it and reconnect (public data needs none)${reason === "API_KEY_INVALID" ? "" : ", or sign in again"}`,
    { reason },
  );
export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);
export const badInput = (message: string, field?: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const marketNotFound = (symbol: string) =>
  new DomainError(ErrorCode.MARKET_NOT_FOUND, `No market "${symbol}"`);
export const marketHalted = (market: string) =>
  new DomainError(
    ErrorCode.MARKET_HALTED,
    `Market ${market} is halted: no new orders; cancels still work`,
    { market },
  );
export const marketCancelOnly = (market: string) =>
  new DomainError(
    ErrorCode.MARKET_CANCEL_ONLY,
    `Market ${market} accepts cancels only: no new orders`,
    { market },
  );
export const alreadyExists = (what: string, field: string) =>
  new DomainError(ErrorCode.ALREADY_EXISTS, `${what} already exists`, { field });
export const orderNotFound = () =>
  new DomainError(ErrorCode.ORDER_NOT_FOUND, "No such order on this account");
/** `available`, when known, is the wallet's available amount as the refusal saw it. */
export const insufficientFunds = (asset: string, needed: string, available?: string) =>
  new DomainError(
    ErrorCode.INSUFFICIENT_FUNDS,
    `Available ${asset}${available === undefined ? "" : ` (${available})`} does not cover ${needed}`,
    available === undefined ? { asset, needed } : { asset, needed, available },
  );
export const withdrawalNotFound = () =>
  new DomainError(ErrorCode.WITHDRAWAL_NOT_FOUND, "No such withdrawal");
export const withdrawalNotPending = (status: string) =>
  new DomainError(
    ErrorCode.WITHDRAWAL_NOT_PENDING,
    `The withdrawal is already ${status}; it can be decided only once`,
    { status },
  );
export const withdrawalLimitExceeded = (limit: {
  asset: string;
  limit: string;
  usedToday: string;
  remaining: string;
  resetsAt: string;
}) =>
  new DomainError(
    ErrorCode.WITHDRAWAL_LIMIT_EXCEEDED,
    `Your daily ${limit.asset} withdrawal limit is ${limit.limit}; ${limit.remaining} remains until ${limit.resetsAt}`,
    limit,
  );
export const verificationRequired = (verificationLevel: number, requiredLevel: number) =>
  new DomainError(
    ErrorCode.VERIFICATION_REQUIRED,
    `Verification level ${verificationLevel} cannot withdraw; level ${requiredLevel} or higher can`,
    { verificationLevel, requiredLevel },
  );
/** Which limit a RATE_LIMITED error is about (`scope`), each with its own words. */
export const RATE_LIMIT_SCOPES = {
  login: "sign-in attempts",
  registration: "sign-ups from this address",
  orders: "orders",
  cancels: "cancels",
  passwordChange: "password changes",
  passwordQueue: "password checks waiting on the server",
  requestWeight: "requests (by weight)",
} as const;
export type RateLimitScope = keyof typeof RATE_LIMIT_SCOPES;

/**
 * Refused by a rate limit: `retryAfterSeconds` (fractional for orders and cancels) and the same in
 * `retryAfterMs`, and `scope` naming the limit.
 */
export const rateLimited = (retryAfterSeconds: number, scope: RateLimitScope) =>
  new DomainError(
    ErrorCode.RATE_LIMITED,
    `Too many ${RATE_LIMIT_SCOPES[scope]}; retry in ${retryAfterSeconds} s`,
    {
      scope,
      retryAfterSeconds,
      retryAfterMs: Math.max(1, Math.round(retryAfterSeconds * 1000)),
    },
  );
export const tooManyOpenOrders = (limit: number, market: string) =>
  new DomainError(
    ErrorCode.TOO_MANY_OPEN_ORDERS,
    `You hold ${limit} open orders on ${market}, the most allowed; cancel one or wait for fills`,
    { limit, market },
  );
export const tooManyOperations = (limit: number) =>
  new DomainError(
    ErrorCode.TOO_MANY_OPERATIONS,
    `This socket already runs ${limit} operations, the most allowed; complete one first`,
    { limit },
  );
export const serviceUnavailable = (what: string) =>
  new DomainError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `${what} is unavailable; nothing was changed, retry later`,
  );

/**
 * Connection-level failures of pg, ioredis and NATS that mean "the store is down", not a bug; and
 * PostgreSQL statements it cancelled (57014: a statement_timeout, pg_cancel_backend), which wrote
 * nothing and may be retried.
 */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string } | null;
  if (!e) return false;
  const codes = [
    ...["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE"],
    ...["57P01", "57P03", "57014"],
  ];
  if (e.code && codes.includes(e.code)) return true;
  return /Connection terminated|not queryable|connection timeout|timeout exceeded when trying to connect|Connection is closed|MaxRetriesPerRequest|Stream isn't writeable|enableOfflineQueue/i.test(
    e.message ?? "",
  );
}
