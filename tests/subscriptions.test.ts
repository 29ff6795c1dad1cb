import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrderMutation, startExchange, waitForStatus, type Exchange } from "./exchange-kit.ts";
import { newApiKey, newUser } from "./kit.ts";

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.stop());

/** Collects what a subscription sends until `until` is satisfied. */
function collect<T>(
  client: Client,
  query: string,
  until: (seen: T[]) => boolean,
  timeoutMs = 15_000,
) {
  const seen: T[] = [];
  const iterator = client.iterate<Record<string, T>>({ query });
  const done = (async () => {
    const deadline = Date.now() + timeoutMs;
    for await (const result of iterator) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      seen.push(Object.values(result.data!)[0]!);
      if (until(seen)) break;
      if (Date.now() > deadline) break;
    }
    return seen;
  })();
  return { seen, done };
}

describe("subscriptions over graphql-ws", () => {
  it("order book, trades, candles, my orders and my wallets follow a trade as it happens", async () => {
    const seller = await newUser(ex, "sub-seller");
    const buyer = await newUser(ex, "sub-buyer");
    const sellerKey = await newApiKey(ex, seller, ["TRADE"]);
    const buyerKey = await newApiKey(ex, buyer, ["TRADE"]);
    const deposit = `mutation($a: String!, $m: Decimal!) { deposit(input: { asset: $a, amount: $m }) { asset } }`;
    await ex.gql(deposit, { a: "ETH", m: "2" }, sellerKey.header);
    await ex.gql(deposit, { a: "USDT", m: "10000" }, buyerKey.header);

    const publicSocket = ex.ws();
    const buyerSocket = ex.ws({ apiKey: buyerKey.secret });
    const book = collect<any>(
      publicSocket,
      `subscription { orderBook(market: "ETH_USDT") { market firstSequence lastSequence snapshot bids { price amount } asks { price amount } } }`,
      (seen) => seen.some((u) => u.asks.some((l: any) => l.price === "3100" && l.amount === "0.5")),
    );
    const tape = collect<any>(
      publicSocket,
      `subscription { trades(market: "ETH_USDT") { market price amount takerSide sequence } }`,
      (s) => s.length >= 1,
    );
    const bars = collect<any>(
      publicSocket,
      `subscription { candles(market: "ETH_USDT", interval: M1) { close volume numberOfTrades } }`,
      (s) => s.length >= 1,
    );
    const orders = collect<any>(
      buyerSocket,
      `subscription { myOrders { id status filledAmount } }`,
      (s) => s.some((o) => o.status === "FILLED"),
    );
    const wallets = collect<any>(
      buyerSocket,
      `subscription { myWallets { asset available locked } }`,
      (s) => s.some((w) => w.asset === "ETH"),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscriptions are open

    const PLACE = placeOrderMutation("id");
    const ask = await ex.gql(
      PLACE,
      { input: { market: "ETH_USDT", side: "SELL", type: "LIMIT", price: "3100", amount: "1.5" } },
      sellerKey.header,
    );
    await waitForStatus(ex, sellerKey.header, ask.data!.placeOrder.id, ["OPEN"]);
    const bid = await ex.gql(
      PLACE,
      { input: { market: "ETH_USDT", side: "BUY", type: "LIMIT", price: "3100", amount: "1" } },
      buyerKey.header,
    );
    const bidId = bid.data!.placeOrder.id;

    const [bookSeen, tapeSeen, barsSeen, ordersSeen, walletsSeen] = await Promise.all([
      book.done,
      tape.done,
      bars.done,
      orders.done,
      wallets.done,
    ]);
    // The book: a snapshot first, then diffs whose sequences follow on from each other.
    expect(bookSeen[0].snapshot).toBe(true);
    for (let i = 1; i < bookSeen.length; i++) {
      if (bookSeen[i].snapshot) continue;
      expect(Number(bookSeen[i].firstSequence)).toBe(Number(bookSeen[i - 1].lastSequence) + 1);
    }
    expect(bookSeen.at(-1).asks).toContainEqual({ price: "3100", amount: "0.5" });
    expect(tapeSeen[0]).toMatchObject({
      market: "ETH_USDT",
      price: "3100",
      amount: "1",
      takerSide: "BUY",
    });
    expect(barsSeen[0]).toMatchObject({ close: "3100" });
    expect(ordersSeen.map((o) => o.id)).toContain(bidId);
    expect(ordersSeen.at(-1)).toMatchObject({ id: bidId, status: "FILLED", filledAmount: "1" });
    expect(walletsSeen.find((w) => w.asset === "ETH")).toMatchObject({
      available: "0.999",
      locked: "0",
    });
    await ex.checkInvariants();
  });

  it("an unknown market is MARKET_NOT_FOUND; myOrders needs credentials", async () => {
    const socket = ex.ws();
    const unknown = await socket
      .iterate({ query: `subscription { trades(market: "NOPE_USDT") { id } }` })
      .next()
      .then(
        (r) => r.value,
        (errors: unknown) => ({ errors }),
      );
    expect(JSON.stringify(unknown)).toContain("MARKET_NOT_FOUND");
    const anonymous = await socket
      .iterate({ query: `subscription { myOrders { id } }` })
      .next()
      .then(
        (r) => r.value,
        (errors: unknown) => ({ errors }),
      );
    expect(JSON.stringify(anonymous)).toContain("UNAUTHENTICATED");
  });
});
