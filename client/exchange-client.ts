import type { Client } from "graphql-ws";
import { ApiError, dataOrThrow, entryError, isRetryable, toApiError } from "./errors.ts";
import type {
  CancelOrderMutation,
  PlaceOrderIdMutation,
  PlaceOrderInput,
  TypedDocumentString,
} from "./generated/graphql.ts";
import {
  fetchTransport,
  httpClient,
  type GraphQLResponse,
  type Headers,
  type Transport,
} from "./http.ts";
import { CANCEL_ORDER, CANCEL_ORDERS, PLACE_ORDER_ID, PLACE_ORDERS_ID } from "./operations.ts";

/** An API key (bots: `X-API-Key`) or a session token (people: `Authorization: Bearer`). */
export type Credentials = { apiKey: string } | { token: string };

/**
 * Opens a graphql-ws client of `url` (an http(s) GraphQL URL) with these connection params. In
 * Node pass `socketClient` from client/ws.ts (the `ws` package); this file imports none, so a
 * browser page may use it with its own.
 */
export type SocketFactory = (url: string, connectionParams: Record<string, unknown>) => Client;

export interface ExchangeClientOptions {
  /** The API's HTTP GraphQL URL, e.g. http://localhost:4000/graphql. */
  url: string;
  credentials?: Credentials;
  transport?: Transport;
  socket?: SocketFactory;
  /** Attempts of one placeOrder / cancelOrder in all (default 5). */
  attempts?: number;
  /** First wait between attempts, doubled each time (default 200 ms); RATE_LIMITED waits as told. */
  retryDelayMs?: number;
  /** Prefix of generated clientOrderIds, 1–20 of [A-Za-z0-9_.:-] (default "c"). */
  clientOrderIdPrefix?: string;
}

/** One entry of a batch answer (placeOrders / cancelOrders): its value, or its own refusal. */
export type BatchEntry<T> = { ok: true; value: T } | { ok: false; error: ApiError };

type RequestVariables<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/**
 * One object for a bot or a page: typed requests over HTTP with the caller's credentials,
 * placeOrder that is safe to retry, cancelOrder, and a lazily opened graphql-ws socket with the
 * same credentials. Every refusal is thrown as an ApiError with its code.
 */
export function createExchangeClient(options: ExchangeClientOptions) {
  const http = httpClient(options.url, options.transport ?? fetchTransport);
  const headers = credentialHeaders(options.credentials);
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.retryDelayMs ?? 200;
  const prefix = options.clientOrderIdPrefix ?? "c";
  let socket: Client | null = null;

  const request = async <TData, TVariables>(
    document: TypedDocumentString<TData, TVariables>,
    ...[variables]: RequestVariables<TVariables>
  ): Promise<TData> => {
    const response = await http.requestText(document.toString(), variables, headers);
    return dataOrThrow(response as { status: number; data?: TData | null });
  };

  /** Runs `attempt` again after a transport failure, SERVICE_UNAVAILABLE or RATE_LIMITED. */
  const withRetries = async <T>(attempt: () => Promise<T>): Promise<T> => {
    for (let tried = 1; ; tried++) {
      try {
        return await attempt();
      } catch (error) {
        const apiError = error instanceof ApiError ? error : null;
        if ((apiError && !isRetryable(apiError.code)) || tried >= attempts) throw error;
        const told = apiError?.retryAfterSeconds;
        const waitMs = told != null ? told * 1_000 : baseDelayMs * 2 ** (tried - 1);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };

  /**
   * A batch mutation's answer: its list, each null entry paired with the error whose path ends
   * in its index (the errors come in any order). Throws when the request failed whole.
   */
  const batch = async <TData, TVariables>(
    document: TypedDocumentString<TData, TVariables>,
    field: string,
    variables: TVariables,
  ): Promise<{ entries: unknown[]; errorAt: (index: number) => ApiError }> => {
    const response = (await http.requestText(
      document.toString(),
      variables,
      headers,
    )) as GraphQLResponse<Record<string, unknown[] | null>>;
    const entries = response.data?.[field];
    if (!entries) return dataOrThrow({ status: response.status, errors: response.errors });
    const errorAt = (index: number) => {
      const error = entryError(response.errors, field, index);
      return error
        ? toApiError(error, response.status)
        : new ApiError(
            "INTERNAL_SERVER_ERROR",
            `no answer for entry ${index}`,
            {},
            response.status,
          );
    };
    return { entries, errorAt };
  };

  return {
    request,

    /**
     * Places an order and answers its id and clientOrderId (made here unless given). Every
     * retry sends the same clientOrderId, so the exchange returns the first order rather than
     * placing a second. Refusals other than SERVICE_UNAVAILABLE / RATE_LIMITED throw at once.
     */
    async placeOrder(
      input: PlaceOrderInput,
    ): Promise<PlaceOrderIdMutation["placeOrder"] & { clientOrderId: string }> {
      const clientOrderId = input.clientOrderId ?? newClientOrderId(prefix);
      const placed = await withRetries(() =>
        request(PLACE_ORDER_ID, { input: { ...input, clientOrderId } }),
      );
      return { ...placed.placeOrder, clientOrderId };
    },

    /** Asks for a cancel (retried like placeOrder; cancelling twice is harmless). */
    async cancelOrder(id: string): Promise<CancelOrderMutation["cancelOrder"]> {
      return (await withRetries(() => request(CANCEL_ORDER, { id }))).cancelOrder;
    },

    /**
     * Places up to 20 orders in one request (placeOrders): one entry per input, in order, with
     * its id and clientOrderId (made here unless given), or its own refusal. The request is
     * retried whole like placeOrder, with the same clientOrderIds, so a retry never places an
     * order twice.
     */
    async placeOrders(
      inputs: readonly PlaceOrderInput[],
    ): Promise<BatchEntry<{ id: string; clientOrderId: string }>[]> {
      const sent = inputs.map((input) => ({
        ...input,
        clientOrderId: input.clientOrderId ?? newClientOrderId(prefix),
      }));
      const { entries, errorAt } = await withRetries(() =>
        batch(PLACE_ORDERS_ID, "placeOrders", { inputs: sent }),
      );
      return sent.map((input, i) => {
        const order = entries[i] as { id: string } | null | undefined;
        return order
          ? { ok: true, value: { id: order.id, clientOrderId: input.clientOrderId } }
          : { ok: false, error: errorAt(i) };
      });
    },

    /** Asks for up to 20 cancels in one request (cancelOrders): one entry per id, in order. */
    async cancelOrders(
      ids: readonly string[],
    ): Promise<BatchEntry<CancelOrderMutation["cancelOrder"]>[]> {
      const { entries, errorAt } = await withRetries(() =>
        batch(CANCEL_ORDERS, "cancelOrders", { ids: [...ids] }),
      );
      return ids.map((_, i) => {
        const order = entries[i] as CancelOrderMutation["cancelOrder"] | null | undefined;
        return order ? { ok: true, value: order } : { ok: false, error: errorAt(i) };
      });
    },

    /** The graphql-ws client with these credentials, opened on first use. */
    socket(): Client {
      if (socket) return socket;
      if (!options.socket) throw new Error("no socket factory given (Node: socketClient)");
      socket = options.socket(options.url, credentialParams(options.credentials));
      return socket;
    },

    async close(): Promise<void> {
      await socket?.dispose();
      socket = null;
    },
  };
}

export type ExchangeClient = ReturnType<typeof createExchangeClient>;

/** 1–64 of [A-Za-z0-9_.:-]: the prefix, then a random UUID (Web Crypto: Node and browsers). */
export function newClientOrderId(prefix = "c"): string {
  return `${prefix}-${globalThis.crypto.randomUUID()}`;
}

function credentialHeaders(credentials?: Credentials): Headers {
  if (!credentials) return {};
  return "apiKey" in credentials
    ? { "X-API-Key": credentials.apiKey }
    : { Authorization: `Bearer ${credentials.token}` };
}

function credentialParams(credentials?: Credentials): Record<string, unknown> {
  if (!credentials) return {};
  return "apiKey" in credentials
    ? { apiKey: credentials.apiKey }
    : { authorization: `Bearer ${credentials.token}` };
}
