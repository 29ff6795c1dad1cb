import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createClient, type Client } from "graphql-ws";
import { createRoot } from "react-dom/client";
import { transportFor } from "./route.ts";
import { STARTER_DOCUMENT } from "./starter.ts";

type Params = { query: string; variables?: unknown; operationName?: string | null };
type Options = { headers?: Record<string, string> };

const httpUrl = `${location.origin}/graphql`;
const wsUrl = httpUrl.replace(/^http/, "ws");

// One socket per set of headers, so the credentials typed in the Headers tab reach subscriptions.
const sockets = new Map<string, Client>();
function socketFor(headers: Record<string, string>): Client {
  const key = JSON.stringify(headers);
  let client = sockets.get(key);
  if (!client) {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    client = createClient({
      url: wsUrl,
      connectionParams: { authorization: lower.authorization, apiKey: lower["x-api-key"] },
    });
    sockets.set(key, client);
  }
  return client;
}

function fetcher(params: Params, options?: Options) {
  const headers = options?.headers ?? {};
  if (transportFor(params.query, params.operationName) === "ws") {
    const client = socketFor(headers);
    return client.iterate(params as never);
  }
  return fetch(httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher as never} defaultQuery={STARTER_DOCUMENT} shouldPersistHeaders />,
);
