import { useRef, useState } from "react";
import { ORDER_BOOK_UPDATES, OrderBookState, type Level } from "../../client/order-book.ts";
import type { Market } from "./markets.ts";
import { useStream } from "./session.tsx";

const DEPTHS = [5, 10, 20, 50, 100] as const;

/** What the panel shows: the book after the last message that applied. */
interface BookView {
  bids: Level[];
  asks: Level[];
  sequence: string | null;
}

/**
 * The live book: the `orderBook` stream kept by client/order-book.ts (snapshot, then each diff
 * applied by docs/LIVE.md's rules); a sequence gap or a checksum that does not match resubscribes
 * (a fresh snapshot), and the panel counts those resyncs.
 */
export function OrderBookPanel(props: { market: Market; onPickPrice: (price: string) => void }) {
  const [depth, setDepth] = useState<number>(20);
  const [book, setBook] = useState<BookView>({ bids: [], asks: [], sequence: null });
  const [restarts, setRestarts] = useState(0);
  const held = useRef(new OrderBookState(depth));

  useStream(
    ORDER_BOOK_UPDATES,
    { market: props.market.symbol, depth },
    ({ orderBook: update }) => {
      // Another depth is another subscription: its snapshot starts a book of that depth.
      if (held.current.depth !== depth) held.current = new OrderBookState(depth);
      const state = held.current;
      const outcome = state.apply(update);
      if (outcome === "applied") {
        setBook({ bids: state.bids(), asks: state.asks(), sequence: state.sequence });
      } else if (outcome === "gap" || outcome === "checksum") {
        // The state cleared itself; resubscribing sends a snapshot that resyncs it. What is
        // shown stays until then.
        setRestarts((n) => n + 1);
      }
    },
    restarts,
  );

  const asks = book.asks.slice(0, depth);
  const bids = book.bids.slice(0, depth);
  // Display only: bar widths relative to the largest cumulative amount shown.
  const total = (levels: Level[]) => levels.reduce((sum, l) => sum + Number(l.amount), 0);
  const widest = Math.max(total(asks), total(bids), Number.MIN_VALUE);
  const rows = (levels: Level[], side: "ask" | "bid") => {
    let cumulative = 0;
    return levels.map((level) => {
      cumulative += Number(level.amount);
      return (
        <div
          key={level.price}
          className={`level ${side}`}
          data-testid="book-level"
          data-side={side}
          data-price={level.price}
          onClick={() => props.onPickPrice(level.price)}
        >
          <div className="depth-bar" style={{ width: `${(cumulative / widest) * 100}%` }} />
          <span className="price">{level.price}</span>
          <span className="amount">{level.amount}</span>
        </div>
      );
    });
  };

  return (
    <div className="book">
      <div className="panel-title">
        <h3>Order book</h3>
        <label className="muted">
          depth{" "}
          <select
            data-testid="book-depth"
            value={depth}
            onChange={(e) => setDepth(Number(e.target.value))}
          >
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="levels-head muted">
        <span>Price ({props.market.quote})</span>
        <span>Amount ({props.market.base})</span>
      </div>
      <div className="levels asks" data-testid="book-asks">
        {rows(asks, "ask").reverse()}
      </div>
      <div className="spread muted" data-testid="book-sequence">
        seq {book.sequence ?? "—"} · resyncs {restarts}
      </div>
      <div className="levels bids" data-testid="book-bids">
        {rows(bids, "bid")}
      </div>
    </div>
  );
}
