import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACE_ORDER_ID, graphql, iterate } from "../client/index.ts";
import {
  collect,
  deposit,
  firstAnswer,
  newApiKey,
  newUser,
  runningSubscriptions,
  startExchange,
  untilSubscriptionsRunning,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.stop());

const BOOK = graphql(`
  subscription SubscriptionsOrderBook {
    orderBook(market: "ETH_USDT") {
      market
      firstSequence
      lastSequence
      snapshot
      bids {
        price
        amount
      }
      asks {
        price
        amount
      }
    }
  }
`);
const TRADES = graphql(`
  subscription SubscriptionsTrades {
    trades(market: "ETH_USDT") {
      market
      price
      amount
      takerSide
      sequence
    }
  }
`);
const CANDLES = graphql(`
  subscription SubscriptionsCandles {
    candles(market: "ETH_USDT", interval: M1) {
      close
      volume
      numberOfTrades
    }
  }
`);
const MY_ORDERS = graphql(`
  subscription SubscriptionsMyOrders {
    myOrders {
      id
      status
      filledAmount
    }
  }
`);
const MY_WALLETS = graphql(`
  subscription SubscriptionsMyWallets {
    myWallets {
      asset
      available
      locked
    }
  }
`);
const TRADES_OF = graphql(`
  subscription SubscriptionsTradesOf($market: String!) {
    trades(market: $market) {
      id
    }
  }
`);
const MY_ORDER_IDS = graphql(`
  subscription SubscriptionsMyOrderIds {
    myOrders {
      id
    }
  }
`);

describe("subscriptions over graphql-ws", () => {
  it("order book, trades, candles, my orders and my wallets follow a trade as it happens", async () => {
    const seller = await newUser(ex, "sub-seller");
    const buyer = await newUser(ex, "sub-buyer");
    const sellerKey = await newApiKey(ex, seller, ["TRADE"]);
    const buyerKey = await newApiKey(ex, buyer, ["TRADE"]);
    await deposit(ex, sellerKey.header, { ETH: "2" });
    await deposit(ex, buyerKey.header, { USDT: "10000" });

    const running = await runningSubscriptions(ex.url);
    const publicSocket = ex.ws();
    const buyerSocket = ex.ws({ apiKey: buyerKey.secret });
    const book = collect(publicSocket, BOOK, (seen) =>
      seen.some((u) => u.asks.some((l) => l.price === "3100" && l.amount === "0.5")),
    );
    const tape = collect(publicSocket, TRADES, (s) => s.length >= 1);
    const bars = collect(publicSocket, CANDLES, (s) => s.length >= 1);
    const orders = collect(buyerSocket, MY_ORDERS, (s) => s.some((o) => o.status === "FILLED"));
    const wallets = collect(buyerSocket, MY_WALLETS, (s) => s.some((w) => w.asset === "ETH"));
    await untilSubscriptionsRunning(ex.url, running + 5);

    const PLACE = PLACE_ORDER_ID;
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
    expect(bookSeen[0]?.snapshot).toBe(true);
    for (let i = 1; i < bookSeen.length; i++) {
      if (bookSeen[i]!.snapshot) continue;
      expect(Number(bookSeen[i]!.firstSequence)).toBe(Number(bookSeen[i - 1]!.lastSequence) + 1);
    }
    expect(bookSeen.at(-1)?.asks).toContainEqual({ price: "3100", amount: "0.5" });
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
    const unknown = await firstAnswer(iterate(socket, TRADES_OF, { market: "NOPE_USDT" }));
    expect(JSON.stringify(unknown)).toContain("MARKET_NOT_FOUND");
    const anonymous = await firstAnswer(iterate(socket, MY_ORDER_IDS));
    expect(JSON.stringify(anonymous)).toContain("UNAUTHENTICATED");
  });
});
