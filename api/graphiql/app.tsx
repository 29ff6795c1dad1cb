import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createClient, type Client } from "graphql-ws";
import { createRoot } from "react-dom/client";

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
  if (/^\s*subscription\b/m.test(params.query) && !/^\s*(query|mutation)\b/m.test(params.query)) {
    const client = socketFor(headers);
    return client.iterate(params as never);
  }
  return fetch(httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

const defaultQuery = `# Welcome to EventHub. Try the newcomer path:
# 1. register → copy the token into Headers as {"Authorization": "Bearer <token>"}
# 2. createApiKey → use {"X-API-Key": "<secret>"} instead
# 3. deposit from the demo faucet, then read wallets.

mutation Register {
  register(input: { name: "Ada", email: "ada@example.com", password: "correct horse battery" }) {
    token
    user { id name email }
  }
}

query Markets {
  markets { symbol base quote tickSize lotSize minNotional makerFee takerFee status }
}

query Wallets {
  wallets { asset available locked }
}

mutation Deposit {
  deposit(input: { asset: "USDT", amount: "1000.50" }) { asset available locked }
}

subscription Heartbeat {
  heartbeat(intervalSeconds: 1)
}
`;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher as never} defaultQuery={defaultQuery} shouldPersistHeaders />,
);
