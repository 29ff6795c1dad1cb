import type { TypedDocumentString } from "../../client/generated/graphql.ts";
import { httpClient, type RequestArgs } from "../../client/http.ts";

/** An error as HTTP and graphql-ws both carry it. */
type ErrorLike = { message: string; extensions?: Record<string, unknown> };

/**
 * The API this page talks to: its own origin's /graphql, or `?api=<url>` so the same build works
 * when served from another origin (allowed by the API's CORS_ORIGINS).
 */
export const API_URL = new URL(
  new URLSearchParams(location.search).get("api") ?? "/graphql",
  location.href,
).toString();
export const WS_URL = API_URL.replace(/^http/, "ws");

const http = httpClient(API_URL);

/** A refusal of the API, with its `extensions.code` (kernel/errors.ts) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }

  /** From an error of a response (HTTP or graphql-ws); no error but no data either: the status. */
  static from(error: ErrorLike | undefined, status: number): ApiError {
    const { code, reason } = error?.extensions ?? {};
    return new ApiError(
      typeof code === "string" ? code : `HTTP_${status}`,
      error?.message ?? "no data",
      typeof reason === "string" ? reason : undefined,
    );
  }
}

/**
 * Sends a typed document with the session token (if any); answers its data or throws ApiError.
 * A refused token (UNAUTHENTICATED) calls `onTokenRefused`, so the page drops it.
 */
export async function request<TData, TVariables>(
  token: string | null,
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  onTokenRefused: () => void = () => {},
): Promise<TData> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const args = [variables, headers] as RequestArgs<TVariables>;
  let answer;
  try {
    answer = await http.request(document, ...args);
  } catch (error) {
    throw new ApiError("NETWORK_ERROR", (error as Error).message);
  }
  const error = answer.errors?.[0];
  if (error || !answer.data) {
    const refusal = ApiError.from(error, answer.status);
    if (token && refusal.code === "UNAUTHENTICATED" && refusal.reason) onTokenRefused();
    throw refusal;
  }
  return answer.data;
}
