import type { OrderStatus, PlaceOrderInput } from "../../client/generated/graphql.ts";
import { CANCEL_ORDER, ORDER, PLACE_ORDER, WALLETS } from "../../client/index.ts";
import type { TestApi } from "./api.ts";
import { poll } from "./wait.ts";

type Api = Pick<TestApi, "gql">;

/** Statuses an order never leaves, and those of an order resting in the book. */
export const FINAL: OrderStatus[] = ["FILLED", "CANCELLED", "EXPIRED", "REJECTED"];
export const RESTING: OrderStatus[] = ["OPEN", "PARTIALLY_FILLED"];

/** Places an order (every field of it answered); throws when the API refuses. */
export async function placeOrder(
  api: Api,
  headers: Record<string, string>,
  input: PlaceOrderInput,
) {
  const res = await api.gql(PLACE_ORDER, { input }, headers);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.placeOrder;
}

/** A LIMIT order (good till cancelled) on a market, BTC_USDT unless named; its response. */
export function placeLimit(
  api: Api,
  headers: Record<string, string>,
  side: "BUY" | "SELL",
  price: string,
  amount: string,
  market = "BTC_USDT",
) {
  return placeOrder(api, headers, { market, side, type: "LIMIT", price, amount });
}

/** Asks for a cancel and answers the API's response (the order goes CANCELLED once settled). */
export function cancelOrder(api: Api, headers: Record<string, string>, id: string) {
  return api.gql(CANCEL_ORDER, { id }, headers);
}

/** Polls an order until its status is one of `statuses`. */
export async function waitForStatus(
  api: Api,
  headers: Record<string, string>,
  id: string,
  statuses: OrderStatus[],
  timeoutMs = 15_000,
) {
  const res = await poll(
    () => api.gql(ORDER, { id }, headers),
    (r) => !!r.data?.order && statuses.includes(r.data.order.status),
    {
      timeoutMs,
      intervalMs: 40,
      failure: (r) => `order ${id} stayed ${r.data?.order?.status} (${JSON.stringify(r.errors)})`,
    },
  );
  return res.data!.order!;
}

/** The caller's wallets by asset. */
export async function balances(
  api: Api,
  headers: Record<string, string>,
): Promise<Record<string, { available: string; locked: string }>> {
  const res = await api.gql(WALLETS, {}, headers);
  return Object.fromEntries(
    (res.data?.wallets ?? []).map((w) => [w.asset, { available: w.available, locked: w.locked }]),
  );
}
