import type { TypedDocumentString } from "./generated/graphql.ts";

/** One error of a GraphQL response as the API formats it: its code and details in `extensions`. */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL answer over HTTP: the status, and `data` typed from the document that asked. */
export interface GraphQLResponse<TData = unknown> {
  status: number;
  data?: TData | null;
  errors?: GraphQLError[];
}

export type Headers = Record<string, string>;

/** Variables, then headers; the variables may be left out when the operation requires none. */
export type RequestArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, headers?: Headers]
    : [variables: TVariables, headers?: Headers];

/** Posts one JSON body and answers the status and the text of the response. */
export type Transport = (
  url: string,
  body: string,
  headers: Headers,
) => Promise<{ status: number; text: string }>;

export const fetchTransport: Transport = async (url, body, headers) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
};

/** A GraphQL endpoint over HTTP (fetch unless a transport is given, e.g. a bench's socket pool). */
export function httpClient(url: string, transport: Transport = fetchTransport) {
  const post = async (query: string, variables: unknown, headers: Headers = {}) => {
    const { status, text } = await transport(url, JSON.stringify({ query, variables }), headers);
    return { status, ...(JSON.parse(text) as { data?: unknown; errors?: GraphQLError[] }) };
  };
  return {
    /** Sends a document made by `graphql()`; the answer's data has the document's type. */
    request: async <TData, TVariables>(
      document: TypedDocumentString<TData, TVariables>,
      ...[variables, headers]: RequestArgs<TVariables>
    ): Promise<GraphQLResponse<TData>> =>
      (await post(document.toString(), variables, headers)) as GraphQLResponse<TData>,
    /** Sends any text, malformed included; nothing is known of what comes back. */
    requestText: async (
      query: string,
      variables?: unknown,
      headers?: Headers,
    ): Promise<GraphQLResponse<Record<string, unknown>>> =>
      (await post(query, variables, headers)) as GraphQLResponse<Record<string, unknown>>,
  };
}
