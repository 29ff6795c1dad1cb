import { useEffect, useRef, useState, type FormEvent } from "react";
import type {
  OrderSide,
  OrderStatus,
  OrderType,
  PlaceOrderInput,
  SelfTradePrevention,
  TimeInForce,
} from "../../client/generated/graphql.ts";
import { PLACE_ORDER } from "../../client/operations.ts";
import { MY_ORDERS } from "./documents.ts";
import {
  feePercent,
  isOpen,
  SELF_TRADE_PREVENTIONS,
  TIMES_IN_FORCE,
  type Market,
} from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

/** The order just placed, its status kept live from myOrders. */
interface Placed {
  id: string;
  side: OrderSide;
  type: OrderType;
  status: OrderStatus;
}

/** A later status replaces an earlier one, except that a finished order never reopens. */
const later = (known: OrderStatus, next: OrderStatus) =>
  isOpen(known) || !isOpen(next) ? next : known;

/** How long a finished order's line stays under the form. */
const PLACED_LINGER_MS = 8_000;

/** What the form sends for each kind of order (PlaceOrderInput's rules, schema/orders.graphql). */
function orderInput(market: Market, form: OrderForm): PlaceOrderInput {
  const common = {
    market: market.symbol,
    side: form.side,
    type: form.type,
    selfTradePrevention: form.selfTradePrevention,
    ...(form.clientOrderId ? { clientOrderId: form.clientOrderId } : {}),
  };
  switch (form.type) {
    case "LIMIT":
      return {
        ...common,
        price: form.price,
        amount: form.amount,
        timeInForce: form.timeInForce,
        ...(form.timeInForce === "GTC" ? { postOnly: form.postOnly } : {}),
      };
    case "MARKET":
      return form.side === "BUY"
        ? { ...common, quoteAmount: form.quoteAmount }
        : { ...common, amount: form.amount };
  }
}

interface OrderForm {
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  price: string;
  amount: string;
  quoteAmount: string;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
  clientOrderId: string;
}

const BLANK: OrderForm = {
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "",
  amount: "",
  quoteAmount: "",
  postOnly: false,
  selfTradePrevention: "EXPIRE_TAKER",
  clientOrderId: "",
};

/** Every order kind the API takes, with the market's filters and fees beside the form. */
export function OrderEntry(props: { market: Market; pickedPrice: string | null }) {
  const { market } = props;
  const { call, token } = useSession();
  const [form, setForm] = useState<OrderForm>(BLANK);
  const [placed, setPlaced] = useState<Placed | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<OrderForm>) => setForm((f) => ({ ...f, ...patch }));

  // PENDING is only the answer to placeOrder: the order's fate arrives on myOrders (subscribed
  // while signed in, so an update that beats placeOrder's answer is not missed).
  const seen = useRef(new Map<string, OrderStatus>());
  useStream(MY_ORDERS, token ? {} : null, ({ myOrders }) => {
    seen.current.delete(myOrders.id);
    seen.current.set(myOrders.id, myOrders.status);
    if (seen.current.size > 100) seen.current.delete(seen.current.keys().next().value!);
    setPlaced((shown) =>
      shown?.id === myOrders.id
        ? { ...shown, status: later(shown.status, myOrders.status) }
        : shown,
    );
  });
  // A finished order's line goes after a few seconds; a resting one stays while it rests.
  const finished = placed !== null && !isOpen(placed.status);
  useEffect(() => {
    if (!finished) return;
    const timer = setTimeout(() => setPlaced(null), PLACED_LINGER_MS);
    return () => clearTimeout(timer);
  }, [finished, placed?.id]);

  useEffect(() => {
    if (props.pickedPrice) setForm((f) => ({ ...f, price: props.pickedPrice! }));
  }, [props.pickedPrice]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setPlaced(null);
    try {
      const { placeOrder } = await call(PLACE_ORDER, { input: orderInput(market, form) }, "entry");
      const { id, side, type, status } = placeOrder;
      const streamed = seen.current.get(id);
      setPlaced({ id, side, type, status: streamed ? later(status, streamed) : status });
    } catch {
      // Shown in the error list with its code.
    } finally {
      setBusy(false);
    }
  }

  const limit = form.type === "LIMIT";
  const marketBuy = form.type === "MARKET" && form.side === "BUY";
  return (
    <form className="entry" onSubmit={(e) => void submit(e)} data-testid="order-entry">
      <h3>Place order</h3>
      <div className="sides">
        {(["BUY", "SELL"] as const).map((side) => (
          <button
            type="button"
            key={side}
            data-testid={`order-side-${side}`}
            className={`side ${side === form.side ? `active ${side.toLowerCase()}` : ""}`}
            onClick={() => set({ side })}
          >
            {side === "BUY" ? `Buy ${market.base}` : `Sell ${market.base}`}
          </button>
        ))}
      </div>
      <label>
        Type
        <select
          data-testid="order-type"
          value={form.type}
          onChange={(e) => set({ type: e.target.value as OrderType })}
        >
          <option value="LIMIT">Limit</option>
          <option value="MARKET">Market</option>
        </select>
      </label>
      {limit && (
        <label>
          Time in force
          <select
            data-testid="order-tif"
            value={form.timeInForce}
            onChange={(e) => set({ timeInForce: e.target.value as TimeInForce })}
          >
            {TIMES_IN_FORCE.map((tif) => (
              <option key={tif} value={tif}>
                {tif}
              </option>
            ))}
          </select>
        </label>
      )}
      {limit && (
        <label>
          Price ({market.quote})
          <input
            data-testid="order-price"
            inputMode="decimal"
            placeholder={`multiple of ${market.tickSize}`}
            value={form.price}
            onChange={(e) => set({ price: e.target.value.trim() })}
          />
        </label>
      )}
      {marketBuy ? (
        <label>
          Spend ({market.quote})
          <input
            data-testid="order-quote-amount"
            inputMode="decimal"
            placeholder={`at least ${market.minNotional}`}
            value={form.quoteAmount}
            onChange={(e) => set({ quoteAmount: e.target.value.trim() })}
          />
        </label>
      ) : (
        <label>
          Amount ({market.base})
          <input
            data-testid="order-amount"
            inputMode="decimal"
            placeholder={`multiple of ${market.lotSize}`}
            value={form.amount}
            onChange={(e) => set({ amount: e.target.value.trim() })}
          />
        </label>
      )}
      {limit && form.timeInForce === "GTC" && (
        <label className="check">
          <input
            type="checkbox"
            data-testid="order-post-only"
            checked={form.postOnly}
            onChange={(e) => set({ postOnly: e.target.checked })}
          />
          Post only (maker only)
        </label>
      )}
      <label>
        Self-trade prevention
        <select
          data-testid="order-stp"
          value={form.selfTradePrevention}
          onChange={(e) => set({ selfTradePrevention: e.target.value as SelfTradePrevention })}
        >
          {SELF_TRADE_PREVENTIONS.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
      </label>
      <label>
        Client order id (optional)
        <input
          data-testid="order-client-id"
          value={form.clientOrderId}
          onChange={(e) => set({ clientOrderId: e.target.value.trim() })}
        />
      </label>
      <button
        type="submit"
        data-testid="order-submit"
        className={`submit ${form.side.toLowerCase()}`}
        disabled={busy || !token}
      >
        {token ? `${form.side === "BUY" ? "Buy" : "Sell"} ${market.base}` : "Sign in to trade"}
      </button>
      {placed && (
        <div className="muted placed" data-testid="order-placed" data-status={placed.status}>
          {placed.side} {placed.type} <span className="placed-status">{placed.status}</span> ·{" "}
          <span className="placed-id">{placed.id}</span>
        </div>
      )}
      <dl className="filters" data-testid="market-filters">
        <dt>Tick size</dt>
        <dd data-testid="filter-tick-size">{market.tickSize}</dd>
        <dt>Lot size</dt>
        <dd data-testid="filter-lot-size">{market.lotSize}</dd>
        <dt>Min notional</dt>
        <dd data-testid="filter-min-notional">
          {market.minNotional} {market.quote}
        </dd>
        <dt>Maker / taker fee</dt>
        <dd data-testid="filter-fees">
          {feePercent(market.makerFee)} / {feePercent(market.takerFee)}
        </dd>
        <dt>Price band</dt>
        <dd>{market.priceBandPercent ? `±${market.priceBandPercent} %` : "none"}</dd>
      </dl>
    </form>
  );
}
