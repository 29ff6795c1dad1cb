import { useEffect, useState } from "react";
import type { WebTradeFragment } from "../../client/generated/graphql.ts";
import { TRADE_STREAM, WEB_TRADES } from "./documents.ts";
import type { Market } from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

const SHOWN = 50;

/** Newest first, each trade once: the stream may repeat what the query or a resume sent. */
function merge(held: WebTradeFragment[], more: WebTradeFragment[]): WebTradeFragment[] {
  const bySequence = new Map(held.map((t) => [t.sequence, t]));
  for (const trade of more) bySequence.set(trade.sequence, trade);
  return [...bySequence.values()]
    .sort((a, b) => (BigInt(b.sequence) > BigInt(a.sequence) ? 1 : -1))
    .slice(0, SHOWN);
}

/** The public tape: the latest trades, then live ones resumed from the last one seen. */
export function TradeTape({ market }: { market: Market }) {
  const { call } = useSession();
  const [trades, setTrades] = useState<WebTradeFragment[]>([]);
  // The stream starts after the query: `after` = the newest trade it returned.
  const [after, setAfter] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    call(WEB_TRADES, { market: market.symbol, limit: SHOWN }).then(
      (data) => {
        setTrades(data.trades);
        setAfter(data.trades[0]?.sequence ?? null);
      },
      () => setAfter(null),
    );
  }, [call, market.symbol]);

  useStream(
    TRADE_STREAM,
    after === undefined ? null : { market: market.symbol, after },
    ({ trades: trade }) => setTrades((held) => merge(held, [trade])),
  );

  return (
    <div className="tape">
      <h3>Trades</h3>
      <div className="levels-head muted">
        <span>Price ({market.quote})</span>
        <span>Amount ({market.base})</span>
        <span>Time</span>
      </div>
      <div className="rows" data-testid="trade-tape">
        {trades.map((trade) => (
          <div
            key={trade.sequence}
            className={`trade ${trade.takerSide === "BUY" ? "bid" : "ask"}`}
            data-testid="trade-row"
            data-price={trade.price}
            data-amount={trade.amount}
          >
            <span className="price">{trade.price}</span>
            <span className="amount">{trade.amount}</span>
            <span className="muted">{trade.executedAt.slice(11, 19)}</span>
          </div>
        ))}
        {trades.length === 0 && <div className="muted">no trades yet</div>}
      </div>
    </div>
  );
}
