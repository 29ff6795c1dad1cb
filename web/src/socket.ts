import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import type { TypedDocumentString } from "../../client/generated/graphql.ts";
import { ApiError, WS_URL } from "./api.ts";

/** The close code the API uses for credentials that stopped working (docs/LIVE.md). */
const CREDENTIALS_REFUSED = 4403;

/**
 * One graphql-ws socket for the page, opened with the session token (if any) in
 * `connectionParams`. It reconnects forever after a drop (graphql-ws resubscribes every
 * operation: a book gets a fresh snapshot). A 4403 close means the token is no good: it is left
 * out of every retry, `onTokenRefused` tells the page, and public streams go on anonymously.
 */
export function createSocket(token: string | null, onTokenRefused: () => void): Client {
  let refused = false;
  return createClient({
    url: WS_URL,
    // Called on every (re)connection: a refused token is never sent twice.
    connectionParams: () => (token && !refused ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((done) => setTimeout(done, Math.min(500 * 2 ** retries, 10_000))),
    on: {
      closed: (event) => {
        if ((event as { code?: number }).code === CREDENTIALS_REFUSED && token && !refused) {
          refused = true;
          onTokenRefused();
        }
      },
    },
  });
}

export interface StreamHandlers<TData> {
  next: (data: TData) => void;
  /** A refusal when subscribing or mid-stream, with its extensions.code. */
  error: (error: ApiError) => void;
}

/** Subscribes a typed document; returns the unsubscribe function. */
export function subscribe<TData, TVariables>(
  socket: Client,
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  handlers: StreamHandlers<TData>,
): () => void {
  return socket.subscribe<TData>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result: FormattedExecutionResult<TData>) => {
        const error = result.errors?.[0];
        if (error) handlers.error(ApiError.from(error, 200));
        else if (result.data) handlers.next(result.data);
      },
      error: (error: unknown) => {
        if (Array.isArray(error))
          handlers.error(ApiError.from(error[0] as { message: string }, 200));
        else if (error instanceof Error)
          handlers.error(new ApiError("SOCKET_ERROR", error.message));
        else handlers.error(new ApiError("SOCKET_CLOSED", describeClose(error)));
      },
      complete: () => {},
    },
  );
}

function describeClose(event: unknown): string {
  const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
  return `socket closed${code ? ` (${code})` : ""}${reason ? `: ${reason}` : ""}`;
}
