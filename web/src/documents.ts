import { graphql } from "../../client/generated/index.ts";

/*
 * The trading page's own operations, typed by `npm run codegen` (client/generated). The page reads
 * the public API only: what it can do, any client can. What other clients send too comes from
 * client/ (operations.ts, market-data.ts, order-book.ts), and so do the fragments used here
 * (OrderView, CandleFields, TickerFields); what is here selects what only the page needs.
 */

/** The signed-in user, by name and email in the header. */
export const WEB_ME = graphql(`
  query WebMe {
    me {
      id
      name
      email
    }
  }
`);

/** A wallet with its id and updatedAt: the newer of the query's and the stream's version wins. */
export const WALLET_FIELDS = graphql(`
  fragment WebWallet on Wallet {
    id
    ...Balance
    updatedAt
  }
`);

export const WEB_WALLETS = graphql(`
  query WebWallets {
    wallets {
      ...WebWallet
    }
  }
`);

export const MY_WALLETS = graphql(`
  subscription WebMyWallets {
    myWallets {
      ...WebWallet
    }
  }
`);

export const WEB_ORDERS = graphql(`
  query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {
    orders(market: $market, status: $status, first: $first) {
      edges {
        node {
          ...OrderView
        }
      }
    }
  }
`);

export const MY_ORDERS = graphql(`
  subscription WebMyOrders {
    myOrders {
      ...OrderView
    }
  }
`);

/** Cancelling answers the whole order, which replaces the one shown at once. */
export const WEB_CANCEL_ORDER = graphql(`
  mutation WebCancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...OrderView
    }
  }
`);

export const TRADE_FIELDS = graphql(`
  fragment WebTrade on Trade {
    id
    sequence
    price
    amount
    takerSide
    executedAt
  }
`);

export const WEB_TRADES = graphql(`
  query WebTrades($market: String!, $limit: Int) {
    trades(market: $market, limit: $limit) {
      ...WebTrade
    }
  }
`);

export const TRADE_STREAM = graphql(`
  subscription WebTradeStream($market: String!, $after: String) {
    trades(market: $market, after: $after) {
      ...WebTrade
    }
  }
`);

export const CANDLE_STREAM = graphql(`
  subscription WebCandleStream($market: String!, $interval: CandleInterval!) {
    candles(market: $market, interval: $interval) {
      ...CandleFields
    }
  }
`);

export const TICKER_STREAM = graphql(`
  subscription WebTicker($market: String!) {
    ticker(market: $market) {
      ...TickerFields
    }
  }
`);
