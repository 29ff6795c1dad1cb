import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../client/index.ts";
import { fundedUser, startExchange, until, type Exchange } from "./kit/index.ts";

const MARKET_IDS = graphql(`
  query CacheIdMarkets {
    markets {
      id
      symbol
    }
  }
`);
const WALLET_IDS = graphql(`
  query CacheIdWallets {
    wallets {
      id
      asset
    }
  }
`);
const DEPOSIT_ID = graphql(`
  mutation CacheIdDeposit($asset: String!, $amount: Decimal!) {
    deposit(input: { asset: $asset, amount: $amount }) {
      id
      asset
    }
  }
`);
const BOOK_ID = graphql(`
  query CacheIdBook {
    orderBook(market: "BTC_USDT", depth: 1) {
      id
      market
    }
  }
`);

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange({ components: ["api", "relay", "matcher", "settlement"] });
});
afterAll(() => ex.stop());

describe("ids for client caches", () => {
  it("a market's id is its symbol", async () => {
    const res = await ex.gql(MARKET_IDS);
    expect(res.data?.markets.length).toBeGreaterThan(0);
    for (const market of res.data!.markets) expect(market.id).toBe(market.symbol);
  });

  it("a wallet's id is <userId>:<asset>, the same from the query and the deposit", async () => {
    const user = await fundedUser(ex, "cache-ids", { BTC: "1" });
    const wallets = await ex.gql(WALLET_IDS, {}, user.bearer);
    expect(wallets.data?.wallets.length).toBeGreaterThan(0);
    for (const wallet of wallets.data!.wallets)
      expect(wallet.id).toBe(`${user.id}:${wallet.asset}`);
    const deposited = await ex.gql(DEPOSIT_ID, { asset: "USDT", amount: "5" }, user.bearer);
    expect(deposited.data?.deposit.id).toBe(`${user.id}:USDT`);
  });

  it("an order book's id is its market", async () => {
    let book: { id: string; market: string } | undefined;
    await until(async () => {
      book = (await ex.gql(BOOK_ID)).data?.orderBook;
      return book !== undefined;
    }, 15_000);
    expect(book).toEqual({ id: "BTC_USDT", market: "BTC_USDT" });
  });
});
