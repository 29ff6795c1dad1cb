import type { PlaceOrderMessage } from "../bus/subjects.ts";
import type * as Domain from "../domain/order-kinds.ts";
import type { SameMembers } from "../domain/same-members.ts";
import type * as Matcher from "../matcher/index.ts";
import type * as Settlement from "../settlement/plan.ts";

/**
 * The matcher core, the bus's place command and the settlement plan still spell the domain's
 * closed sets themselves; this compiles only while each spelling has exactly the members of the
 * list in domain/order-kinds.ts, and otherwise names the members only one side has. A spelling
 * that imports the domain's type instead needs no line here.
 */
export const spellingsMatchTheDomain: {
  matcherSide: SameMembers<Matcher.Side, Domain.OrderSide>;
  matcherOrderType: SameMembers<Matcher.OrderType, Domain.OrderType>;
  matcherTimeInForce: SameMembers<Matcher.TimeInForce, Domain.TimeInForce>;
  matcherSelfTradePrevention: SameMembers<Matcher.SelfTradePrevention, Domain.SelfTradePrevention>;
  busSide: SameMembers<PlaceOrderMessage["side"], Domain.OrderSide>;
  busOrderType: SameMembers<PlaceOrderMessage["type"], Domain.OrderType>;
  busTimeInForce: SameMembers<PlaceOrderMessage["timeInForce"], Domain.TimeInForce>;
  busSelfTradePrevention: SameMembers<
    PlaceOrderMessage["selfTradePrevention"],
    Domain.SelfTradePrevention
  >;
  settlementOrderStatus: SameMembers<Settlement.OrderStatus, Domain.OrderStatus>;
} = {
  matcherSide: true,
  matcherOrderType: true,
  matcherTimeInForce: true,
  matcherSelfTradePrevention: true,
  busSide: true,
  busOrderType: true,
  busTimeInForce: true,
  busSelfTradePrevention: true,
  settlementOrderStatus: true,
};
