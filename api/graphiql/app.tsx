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

const defaultQuery = `# Welcome to EventHub. The newcomer path:
# 1. Register → copy the token into Headers: {"Authorization": "Bearer <token>"}
# 2. CreateKey → bots use {"X-API-Key": "<secret>"} instead (shown once)
# 3. Deposit from the demo faucet, place an order, watch the book live.

mutation Register {
  register(input: { name: "Ada", email: "ada@example.com", password: "correct horse battery" }) {
    token
    user { id name email }
  }
}

mutation CreateKey {
  createApiKey(input: { name: "my bot", permissions: [TRADE] }) { secret apiKey { prefix permissions } }
}

query Markets {
  markets { symbol base quote tickSize lotSize minNotional makerFee takerFee status }
}

mutation Deposit {
  deposit(input: { asset: "USDT", amount: "100000" }) { asset available locked }
}

mutation Buy {
  placeOrder(input: { market: "BTC_USDT", side: BUY, type: LIMIT, price: "64000", amount: "0.01", clientOrderId: "my-first-order" }) {
    id status lockedAmount
  }
}

query MyAccount {
  wallets { asset available locked }
  orders(first: 10) { edges { node { id market side price amount filledAmount averagePrice status } } }
}

subscription Book {
  orderBook(market: "BTC_USDT") { snapshot firstSequence lastSequence bids { price amount } asks { price amount } }
}

subscription MyOrders {
  myOrders { id status filledAmount averagePrice }
}
`;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher as never} defaultQuery={defaultQuery} shouldPersistHeaders />,
);
