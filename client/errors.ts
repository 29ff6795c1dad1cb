import type { ErrorCode } from "../kernel/errors.ts";
import type { GraphQLError, GraphQLResponse } from "./http.ts";

export type { ErrorCode } from "../kernel/errors.ts";

/**
 * Codes a client can see: the API's (kernel/errors.ts, imported as a type only, so nothing of
 * the server ships), plus what GraphQL itself answers for malformed documents.
 */
export type ApiErrorCode = ErrorCode | "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED";

/**
 * A refusal of the API as a thrown value: `code` from `extensions.code`, the rest of
 * `extensions` (e.g. `retryAfterSeconds`, `field`, `limit`) and the HTTP status (0 over a socket).
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly status: number;

  constructor(
    code: ApiErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    status = 0,
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.extensions = extensions;
    this.status = status;
  }

  /** Seconds to wait before retrying, when the API said (`RATE_LIMITED`, …); else null. */
  get retryAfterSeconds(): number | null {
    const value = this.extensions.retryAfterSeconds;
    return typeof value === "number" && value >= 0 ? value : null;
  }
}

/** An ApiError of one GraphQL error; a missing code is INTERNAL_SERVER_ERROR. */
export function toApiError(error: GraphQLError, status = 0): ApiError {
  const { code, ...extensions } = error.extensions ?? {};
  return new ApiError(
    (code ?? "INTERNAL_SERVER_ERROR") as ApiErrorCode,
    error.message,
    extensions,
    status,
  );
}

/**
 * The response's data when it has no error; else throws its first error as an ApiError (a
 * response with neither data nor errors, e.g. an HTTP 502 from a proxy: SERVICE_UNAVAILABLE).
 */
export function dataOrThrow<TData>(response: GraphQLResponse<TData>): TData {
  const first = response.errors?.[0];
  if (first) throw toApiError(first, response.status);
  if (response.data == null) {
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      `no data in the response (HTTP ${response.status})`,
      {},
      response.status,
    );
  }
  return response.data;
}

/**
 * The error of entry `index` of a batch mutation's list `field` (placeOrders, cancelOrders): the
 * one whose `path` is [field, index]. A response lists its errors in no particular order.
 */
export function entryError<E extends { path?: readonly unknown[] }>(
  errors: readonly E[] | undefined,
  field: string,
  index: number,
): E | undefined {
  return errors?.find((e) => e.path?.[0] === field && e.path[1] === index);
}

/** Whether the code says "try the same request again later" (nothing was changed). */
export function isRetryable(code: ApiErrorCode): boolean {
  return code === "SERVICE_UNAVAILABLE" || code === "RATE_LIMITED";
}
