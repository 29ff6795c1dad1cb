import { graphql } from "./generated/index.ts";

/**
 * The operations every client of the exchange needs: an account, a key, funds, orders. What only
 * one test asks lives beside that test; `npm run codegen` types both.
 */

export const REGISTER = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token
      user {
        id
      }
    }
  }
`);

export const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
      }
    }
  }
`);

export const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      token
      user {
        id
      }
    }
  }
`);

export const ME = graphql(`
  query Me {
    me {
      id
    }
  }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
      }
    }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

/** A balance: what is free and what open orders and withdrawals hold, per asset. */
graphql(`
  fragment Balance on Wallet {
    asset
    available
    locked
  }
`);

export const DEPOSIT = graphql(`
  mutation Deposit($asset: String!, $amount: Decimal!) {
    deposit(input: { asset: $asset, amount: $amount }) {
      ...Balance
    }
  }
`);

export const WALLETS = graphql(`
  query Wallets {
    wallets {
      ...Balance
    }
  }
`);

graphql(`
  fragment OrderFields on Order {
    id
    status
    side
    type
    price
    amount
    quoteAmount
    filledAmount
    filledQuoteAmount
    averagePrice
    lockedAmount
    clientOrderId
  }
`);

/** An order as a person or an agent looks at it: OrderFields, its market, terms and times. */
graphql(`
  fragment OrderView on Order {
    ...OrderFields
    market
    timeInForce
    postOnly
    cancelRequested
    createdAt
    updatedAt
  }
`);

export const PLACE_ORDER = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderFields
    }
  }
`);

/** placeOrder answering only the id: what a bot reads back when it places fast. */
export const PLACE_ORDER_ID = graphql(`
  mutation PlaceOrderId($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
    }
  }
`);

export const CANCEL_ORDER = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      id
      status
    }
  }
`);

/** Up to 20 orders in one request: one entry per input, null where that order was refused. */
export const PLACE_ORDERS = graphql(`
  mutation PlaceOrders($inputs: [PlaceOrderInput!]!) {
    placeOrders(inputs: $inputs) {
      ...OrderFields
    }
  }
`);

/** placeOrders answering only the ids: what a bot reads back when it places fast. */
export const PLACE_ORDERS_ID = graphql(`
  mutation PlaceOrdersId($inputs: [PlaceOrderInput!]!) {
    placeOrders(inputs: $inputs) {
      id
    }
  }
`);

/** Up to 20 cancels in one request: one entry per id, null where that cancel was refused. */
export const CANCEL_ORDERS = graphql(`
  mutation CancelOrders($ids: [ID!]!) {
    cancelOrders(ids: $ids) {
      id
      status
    }
  }
`);

export const ORDER = graphql(`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
`);

/** The top levels of a book, best first on each side, at a market sequence. */
graphql(`
  fragment BookLevels on OrderBook {
    sequence
    bids {
      price
      amount
    }
    asks {
      price
      amount
    }
  }
`);

export const ORDER_BOOK = graphql(`
  query OrderBook($market: String!, $depth: Int) {
    orderBook(market: $market, depth: $depth) {
      ...BookLevels
    }
  }
`);
