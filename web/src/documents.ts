import { graphql } from "../../client/generated/index.ts";

/*
 * Every operation of the trading page, typed by `npm run codegen` (client/generated). The page
 * reads the public API only: what it can do, any client can.
 */

export const MARKETS = graphql(`
  query WebMarkets {
    markets {
      id
      symbol
      base
      quote
      tickSize
      lotSize
      minNotional
      makerFee
      takerFee
      priceBandPercent
      status
    }
  }
`);

export const WEB_REGISTER = graphql(`
  mutation WebRegister($input: RegisterInput!) {
    register(input: $input) {
      token
      user {
        id
        name
        email
      }
    }
  }
`);

export const WEB_LOGIN = graphql(`
  mutation WebLogin($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
        name
        email
      }
    }
  }
`);

export const WEB_ME = graphql(`
  query WebMe {
    me {
      id
      name
      email
    }
  }
`);

export const WEB_DEPOSIT = graphql(`
  mutation WebDeposit($input: DepositInput!) {
    deposit(input: $input) {
      ...WebWallet
    }
  }
`);

export const WALLET_FIELDS = graphql(`
  fragment WebWallet on Wallet {
    id
    asset
    available
    locked
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

export const ORDER_FIELDS = graphql(`
  fragment WebOrder on Order {
    id
    market
    side
    type
    timeInForce
    price
    amount
    quoteAmount
    postOnly
    filledAmount
    averagePrice
    status
    cancelRequested
    clientOrderId
    createdAt
    updatedAt
  }
`);

export const WEB_ORDERS = graphql(`
  query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {
    orders(market: $market, status: $status, first: $first) {
      edges {
        node {
          ...WebOrder
        }
      }
    }
  }
`);

export const MY_ORDERS = graphql(`
  subscription WebMyOrders {
    myOrders {
      ...WebOrder
    }
  }
`);

export const WEB_PLACE_ORDER = graphql(`
  mutation WebPlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...WebOrder
    }
  }
`);

export const WEB_CANCEL_ORDER = graphql(`
  mutation WebCancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...WebOrder
    }
  }
`);

export const BOOK_UPDATES = graphql(`
  subscription WebOrderBook($market: String!, $depth: Int) {
    orderBook(market: $market, depth: $depth) {
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
      checksum
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

export const CANDLE_FIELDS = graphql(`
  fragment WebCandle on Candle {
    timestamp
    open
    high
    low
    close
    volume
    numberOfTrades
  }
`);

export const WEB_CANDLES = graphql(`
  query WebCandles($market: String!, $interval: CandleInterval!, $limit: Int) {
    candles(market: $market, interval: $interval, limit: $limit) {
      data {
        ...WebCandle
      }
      stale
    }
  }
`);

export const CANDLE_STREAM = graphql(`
  subscription WebCandleStream($market: String!, $interval: CandleInterval!) {
    candles(market: $market, interval: $interval) {
      ...WebCandle
    }
  }
`);

export const TICKER_STREAM = graphql(`
  subscription WebTicker($market: String!) {
    ticker(market: $market) {
      id
      last
      open
      high
      low
      change
      changePercent
      volume
      quoteVolume
      numberOfTrades
    }
  }
`);
