import type { MarketStatus } from "../domain/market-status.ts";
import type * as Domain from "../domain/order-kinds.ts";
import type { CandleInterval } from "../marketdata/intervals.ts";
import type { SameMembers } from "../domain/same-members.ts";
import type * as GraphQL from "../schema/generated/resolvers-types.ts";

/**
 * GraphQL's order enums are the domain's closed sets, member for member, both ways: this compiles
 * only while they match, and otherwise names the members only one side has. To add a member, add
 * it to the list in domain/order-kinds.ts and to the enum in schema/orders.graphql, then `npm run
 * codegen` and `npm run db:generate`.
 */
export const graphqlEnumsMatchTheDomain: {
  OrderSide: SameMembers<GraphQL.OrderSide, Domain.OrderSide>;
  OrderType: SameMembers<GraphQL.OrderType, Domain.OrderType>;
  TimeInForce: SameMembers<GraphQL.TimeInForce, Domain.TimeInForce>;
  SelfTradePrevention: SameMembers<GraphQL.SelfTradePrevention, Domain.SelfTradePrevention>;
  OrderStatus: SameMembers<GraphQL.OrderStatus, Domain.OrderStatus>;
  /** domain/market-status.ts and enum MarketStatus in schema/markets.graphql. */
  MarketStatus: SameMembers<GraphQL.MarketStatus, MarketStatus>;
  /** Bar lengths: marketdata/intervals.ts and enum CandleInterval in schema/marketdata.graphql. */
  CandleInterval: SameMembers<GraphQL.CandleInterval, CandleInterval>;
} = {
  OrderSide: true,
  OrderType: true,
  TimeInForce: true,
  SelfTradePrevention: true,
  OrderStatus: true,
  MarketStatus: true,
  CandleInterval: true,
};
