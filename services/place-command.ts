import type { PlaceOrderMessage } from "../bus/subjects.ts";
import type { OrderRow } from "../db/schema.ts";
import { parseDecimal } from "../money/decimal.ts";
import type { MarketSpec } from "./market-spec.ts";

/** The place command of a stored order, as the matcher needs it (to send it again). */
export function placeCommandOf(order: OrderRow, spec: MarketSpec): PlaceOrderMessage {
  const units = (value: string | null, step: bigint) =>
    value === null ? undefined : Number(parseDecimal(value) / step);
  return {
    kind: "place",
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    priceTicks: units(order.price, spec.tickSize),
    lots: units(order.amount, spec.lotSize),
    quoteBudget: units(order.quoteAmount, spec.quoteUnit),
    postOnly: order.postOnly,
    selfTradePrevention: order.selfTradePrevention,
  };
}
