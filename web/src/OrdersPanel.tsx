import { useEffect, useState } from "react";
import type { OrderViewFragment } from "../../client/generated/graphql.ts";
import { MY_ORDERS, WEB_CANCEL_ORDER, WEB_ORDERS } from "./documents.ts";
import { FINISHED_STATUSES, isOpen, OPEN_STATUSES, type Market } from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

/** A later version of an order replaces an earlier one; a finished order never reopens. */
function newer(known: OrderViewFragment | undefined, next: OrderViewFragment): boolean {
  if (!known) return true;
  if (!isOpen(known.status) && isOpen(next.status)) return false;
  return Date.parse(next.updatedAt) >= Date.parse(known.updatedAt);
}

/** The caller's open orders on the market (with cancel) and their history, live over myOrders. */
export function OrdersPanel({ market }: { market: Market }) {
  const { token, call } = useSession();
  const [orders, setOrders] = useState<Map<string, OrderViewFragment>>(new Map());
  const [tab, setTab] = useState<"open" | "history">("open");
  const merge = (more: OrderViewFragment[]) =>
    setOrders((held) => {
      const next = new Map(held);
      for (const order of more) {
        if (order.market === market.symbol && newer(next.get(order.id), order))
          next.set(order.id, order);
      }
      return next;
    });

  useStream(MY_ORDERS, token ? {} : null, ({ myOrders }) => merge([myOrders]));
  useEffect(() => {
    setOrders(new Map());
    if (!token) return;
    const page = (status: readonly (typeof OPEN_STATUSES | typeof FINISHED_STATUSES)[number][]) =>
      call(WEB_ORDERS, { market: market.symbol, status: [...status], first: 100 }).then(
        (data) => merge(data.orders.edges.map((e) => e.node)),
        () => {},
      );
    void page(OPEN_STATUSES);
    void page(FINISHED_STATUSES);
    // `merge` reads only the market, which is in the dependencies.
  }, [token, call, market.symbol]);

  async function cancel(id: string) {
    const answer = await call(WEB_CANCEL_ORDER, { id }, "orders").catch(() => null);
    if (answer) merge([answer.cancelOrder]);
  }

  const all = [...orders.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = all.filter((o) => isOpen(o.status));
  const history = all.filter((o) => !isOpen(o.status));
  const shown = tab === "open" ? open : history;
  return (
    <div className="orders">
      <div className="tabs">
        <button
          data-testid="tab-open-orders"
          className={tab === "open" ? "active" : ""}
          onClick={() => setTab("open")}
        >
          Open orders ({open.length})
        </button>
        <button
          data-testid="tab-order-history"
          className={tab === "history" ? "active" : ""}
          onClick={() => setTab("history")}
        >
          Order history ({history.length})
        </button>
      </div>
      {!token && <div className="muted">Sign in to see your orders.</div>}
      <table data-testid={tab === "open" ? "open-orders" : "order-history"}>
        <thead>
          <tr className="muted">
            <th>Time</th>
            <th>Side</th>
            <th>Type</th>
            <th>TIF</th>
            <th>Price</th>
            <th>Amount</th>
            <th>Filled</th>
            <th>Avg. price</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <tr
              key={o.id}
              data-testid={tab === "open" ? "open-order" : "history-order"}
              data-order-id={o.id}
              data-status={o.status}
            >
              <td>{o.createdAt.slice(11, 19)}</td>
              <td className={o.side === "BUY" ? "bid" : "ask"}>{o.side}</td>
              <td>
                {o.type}
                {o.postOnly ? " · post" : ""}
              </td>
              <td>{o.timeInForce}</td>
              <td>{o.price ?? "market"}</td>
              <td>{o.amount ?? `${o.quoteAmount} ${market.quote}`}</td>
              <td>{o.filledAmount}</td>
              <td>{o.averagePrice ?? "—"}</td>
              <td>{o.cancelRequested && isOpen(o.status) ? "cancelling…" : o.status}</td>
              <td>
                {isOpen(o.status) && (
                  <button data-testid="cancel-order" onClick={() => void cancel(o.id)}>
                    Cancel
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
