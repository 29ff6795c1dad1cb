/** The document GraphiQL opens with: the newcomer path, every operation valid (route.test.ts). */
export const STARTER_DOCUMENT = `# Welcome to EventHub. The newcomer path:
# 1. Register (or Login, when the email is yours already) → copy the token into Headers:
#    {"Authorization": "Bearer <token>"}
# 2. CreateKey → bots use {"X-API-Key": "<secret>"} instead (shown once)
# 3. Deposit from the demo faucet, place an order, watch the book live.

mutation Register {
  register(input: { name: "Ada", email: "ada@example.com", password: "correct horse battery" }) {
    token
    user { id name email }
  }
}

mutation Login {
  login(input: { email: "ada@example.com", password: "correct horse battery" }) {
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
