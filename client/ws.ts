import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import type { TypedDocumentString } from "./generated/graphql.ts";
import type { RequestArgs } from "./http.ts";

/** A lazy graphql-ws client of an HTTP GraphQL URL's socket (same path, ws scheme), no retries. */
export function socketClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Runs a document made by `graphql()` on a socket; each result's data has its type (and the
 * iterator's end is `undefined`, not graphql-ws's `any`).
 */
export function iterate<TData, TVariables>(
  client: Client,
  document: TypedDocumentString<TData, TVariables>,
  ...[variables]: RequestArgs<TVariables>
): Results<TData> {
  const results = client.iterate<TData>({
    query: document.toString(),
    variables: variables as Record<string, unknown> | undefined,
  });
  return results as Results<TData>;
}

type Results<TData> = AsyncIterableIterator<
  FormattedExecutionResult<TData, unknown>,
  undefined,
  undefined
>;
