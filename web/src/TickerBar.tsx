import { useState } from "react";
import type { WebTickerSubscription } from "../../client/generated/graphql.ts";
import { TICKER_STREAM } from "./documents.ts";
import type { Market } from "./markets.ts";
import { useStream } from "./session.tsx";

type Ticker = WebTickerSubscription["ticker"];

/** Last price, 24 h change, high, low and volume of the market, live. */
export function TickerBar({ market }: { market: Market }) {
  const [ticker, setTicker] = useState<Ticker | null>(null);
  useStream(TICKER_STREAM, { market: market.symbol }, (data) => setTicker(data.ticker));
  const change = ticker?.changePercent ?? null;
  const direction = change === null ? "" : change.startsWith("-") ? "down" : "up";
  return (
    <div className="ticker" data-testid="ticker">
      <Figure label="Last" testId="ticker-last" value={ticker?.last} className={direction} />
      <Figure
        label="24h change"
        testId="ticker-change"
        value={ticker?.change == null ? null : `${ticker.change} (${change} %)`}
        className={direction}
      />
      <Figure label="24h high" testId="ticker-high" value={ticker?.high} />
      <Figure label="24h low" testId="ticker-low" value={ticker?.low} />
      <Figure label={`24h volume (${market.base})`} testId="ticker-volume" value={ticker?.volume} />
      <Figure
        label="Trades"
        testId="ticker-trades"
        value={ticker ? String(ticker.numberOfTrades) : null}
      />
      <span className={`status status-${market.status}`}>{market.status}</span>
    </div>
  );
}

function Figure(props: {
  label: string;
  testId: string;
  value: string | null | undefined;
  className?: string;
}) {
  return (
    <div className="figure">
      <div className="muted">{props.label}</div>
      <div data-testid={props.testId} className={props.className}>
        {props.value ?? "—"}
      </div>
    </div>
  );
}
