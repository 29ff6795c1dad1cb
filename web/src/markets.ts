import type {
  CandleInterval,
  OrderStatus,
  SelfTradePrevention,
  TimeInForce,
  MarketsQuery,
} from "../../client/generated/graphql.ts";

/** A market with its filters and fees, as the `markets` query answers it. */
export type Market = MarketsQuery["markets"][number];

/** Every interval the API's candles take, in the order of the CandleInterval enum. */
export const INTERVALS = [
  "M1",
  "M5",
  "M15",
  "M30",
  "H1",
  "H4",
  "D1",
  "W1",
] as const satisfies readonly CandleInterval[];
export const INTERVAL_LABELS: Record<CandleInterval, string> = {
  M1: "1m",
  M5: "5m",
  M15: "15m",
  M30: "30m",
  H1: "1h",
  H4: "4h",
  D1: "1D",
  W1: "1W",
};

export const TIMES_IN_FORCE = ["GTC", "IOC", "FOK"] as const satisfies readonly TimeInForce[];
export const SELF_TRADE_PREVENTIONS = [
  "EXPIRE_TAKER",
  "EXPIRE_MAKER",
  "EXPIRE_BOTH",
  "NONE",
] as const satisfies readonly SelfTradePrevention[];
export const OPEN_STATUSES = [
  "PENDING",
  "OPEN",
  "PARTIALLY_FILLED",
] as const satisfies readonly OrderStatus[];
export const FINISHED_STATUSES = [
  "FILLED",
  "CANCELLED",
  "REJECTED",
  "EXPIRED",
] as const satisfies readonly OrderStatus[];

// A member added to a GraphQL enum and missing here fails to compile.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
export const EVERY_LIST_IS_COMPLETE: [
  Missing<CandleInterval, (typeof INTERVALS)[number]>,
  Missing<TimeInForce, (typeof TIMES_IN_FORCE)[number]>,
  Missing<SelfTradePrevention, (typeof SELF_TRADE_PREVENTIONS)[number]>,
  Missing<OrderStatus, (typeof OPEN_STATUSES)[number] | (typeof FINISHED_STATUSES)[number]>,
] = [true, true, true, true];

export const isOpen = (status: OrderStatus) =>
  (OPEN_STATUSES as readonly OrderStatus[]).includes(status);

/** The chart's price format for a market: as many decimals as its tick size, moving by a tick. */
export function pricePrecision(tickSize: string) {
  const decimals = tickSize.includes(".") ? tickSize.split(".")[1]!.length : 0;
  return { type: "price" as const, precision: decimals, minMove: Number(tickSize) };
}

/** A fee rate (0.001) as a percent (0.1 %), for display only. */
export const feePercent = (rate: string) => `${+(Number(rate) * 100).toFixed(4)} %`;
