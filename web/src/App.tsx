import { useEffect, useState } from "react";
import { AccountPanel } from "./AccountPanel.tsx";
import { CandleChart } from "./CandleChart.tsx";
import { MARKETS } from "../../client/market-data.ts";
import { ErrorList } from "./ErrorList.tsx";
import type { Market } from "./markets.ts";
import { OrderBookPanel } from "./OrderBookPanel.tsx";
import { OrderEntry } from "./OrderEntry.tsx";
import { OrdersPanel } from "./OrdersPanel.tsx";
import { useSession } from "./session.tsx";
import { TickerBar } from "./TickerBar.tsx";
import { TradeTape } from "./TradeTape.tsx";

/** The trading page: header, chart, book, tape, order entry, account and orders of one market. */
export function App() {
  const { call } = useSession();
  const [markets, setMarkets] = useState<Market[]>([]);
  const [symbol, setSymbol] = useState(
    () => new URLSearchParams(location.search).get("market") ?? "BTC_USDT",
  );
  // A price clicked in the book goes to the order form.
  const [pickedPrice, setPickedPrice] = useState<string | null>(null);

  useEffect(() => {
    call(MARKETS, {}).then(
      (data) => setMarkets(data.markets),
      () => {},
    );
  }, [call]);

  const market = markets.find((m) => m.symbol === symbol) ?? markets[0];
  return (
    <div className="page">
      <header className="header">
        <span className="brand">EventHub</span>
        <select
          data-testid="market-select"
          value={market?.symbol ?? symbol}
          onChange={(e) => setSymbol(e.target.value)}
        >
          {markets.map((m) => (
            <option key={m.symbol} value={m.symbol}>
              {m.base}/{m.quote}
            </option>
          ))}
        </select>
        {market && <TickerBar key={market.symbol} market={market} />}
      </header>
      {market ? (
        <main className="grid" key={market.symbol}>
          <section className="panel chart-panel">
            <CandleChart market={market} />
          </section>
          <section className="panel book-panel">
            <OrderBookPanel market={market} onPickPrice={setPickedPrice} />
          </section>
          <section className="panel tape-panel">
            <TradeTape market={market} />
          </section>
          <section className="panel entry-panel">
            <OrderEntry market={market} pickedPrice={pickedPrice} />
          </section>
          <section className="panel account-panel">
            <AccountPanel markets={markets} />
            <ErrorList />
          </section>
          <section className="panel orders-panel">
            <OrdersPanel market={market} />
          </section>
        </main>
      ) : (
        <main className="loading">
          Loading markets…
          <ErrorList />
        </main>
      )}
    </div>
  );
}
