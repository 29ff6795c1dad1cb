import { useEffect, useState, type FormEvent } from "react";
import type {
  OrderSide,
  OrderType,
  PlaceOrderInput,
  SelfTradePrevention,
  TimeInForce,
} from "../../client/generated/graphql.ts";
import { WEB_PLACE_ORDER } from "./documents.ts";
import { feePercent, SELF_TRADE_PREVENTIONS, TIMES_IN_FORCE, type Market } from "./markets.ts";
import { useSession } from "./session.tsx";

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
  const [placed, setPlaced] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<OrderForm>) => setForm((f) => ({ ...f, ...patch }));

  useEffect(() => {
    if (props.pickedPrice) setForm((f) => ({ ...f, price: props.pickedPrice! }));
  }, [props.pickedPrice]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setPlaced(null);
    try {
      const { placeOrder } = await call(WEB_PLACE_ORDER, { input: orderInput(market, form) });
      setPlaced(`${placeOrder.side} ${placeOrder.type} ${placeOrder.status} · ${placeOrder.id}`);
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
        <div className="muted" data-testid="order-placed">
          {placed}
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
