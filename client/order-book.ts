import type { Client } from "graphql-ws";
import { bookChecksum, type Level } from "../marketdata/book-checksum.ts";
import { parseDecimal } from "../money/decimal.ts";
import { graphql } from "./generated/index.ts";
import type { OrderBookUpdatesSubscription } from "./generated/graphql.ts";

export type { Level } from "../marketdata/book-checksum.ts";

export const ORDER_BOOK_UPDATES = graphql(`
  subscription OrderBookUpdates($market: String!, $depth: Int) {
    orderBook(market: $market, depth: $depth) {
      market
      firstSequence
      lastSequence
      snapshot
      bids {
        price
        amount
      }
      asks {
        price
        amount
      }
      checksum
    }
  }
`);

/** One message of the `orderBook` subscription (docs/LIVE.md). */
export type OrderBookUpdate = OrderBookUpdatesSubscription["orderBook"];

/** What applying a message did: `gap` and `checksum` leave the book empty (resubscribe). */
export type ApplyResult = "applied" | "gap" | "checksum" | "waiting";

/**
 * A book kept from the `orderBook` subscription: a snapshot replaces it, a diff applies when its
 * firstSequence follows the last one, and the CRC-32 of the best 10 levels per side must match
 * after every message. A gap or a mismatch clears the book and answers why: the caller
 * subscribes again (the new snapshot resyncs). Pure: no I/O, no clock.
 */
export class OrderBookState {
  #bids = new Map<string, string>();
  #asks = new Map<string, string>();
  #sequence: bigint | null = null;

  constructor(readonly depth: number) {}

  /** Last market sequence applied; null before a snapshot (or after a gap or a mismatch). */
  get sequence(): string | null {
    return this.#sequence === null ? null : String(this.#sequence);
  }

  apply(update: OrderBookUpdate): ApplyResult {
    if (update.snapshot) {
      this.#bids.clear();
      this.#asks.clear();
    } else if (this.#sequence === null) {
      return "waiting";
    } else if (BigInt(update.firstSequence) !== this.#sequence + 1n) {
      this.reset();
      return "gap";
    }
    applyLevels(this.#bids, update.bids);
    applyLevels(this.#asks, update.asks);
    this.#sequence = BigInt(update.lastSequence);
    this.#truncate();
    if (bookChecksum(this.bids(), this.asks()) !== update.checksum) {
      this.reset();
      return "checksum";
    }
    return "applied";
  }

  /** Buy levels, best (highest) first. */
  bids(): Level[] {
    return sorted(this.#bids, -1);
  }

  /** Sell levels, best (lowest) first. */
  asks(): Level[] {
    return sorted(this.#asks, 1);
  }

  reset(): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#sequence = null;
  }

  #truncate() {
    for (const [side, order] of [
      [this.#bids, -1],
      [this.#asks, 1],
    ] as const) {
      if (side.size <= this.depth) continue;
      for (const level of sorted(side, order).slice(this.depth)) side.delete(level.price);
    }
  }
}

function applyLevels(side: Map<string, string>, levels: readonly Level[]) {
  for (const { price, amount } of levels) {
    if (parseDecimal(amount) === 0n) side.delete(price);
    else side.set(price, amount);
  }
}

function sorted(side: Map<string, string>, order: 1 | -1): Level[] {
  return [...side]
    .map(([price, amount]) => ({ price, amount, key: parseDecimal(price) }))
    .sort((a, b) => (a.key === b.key ? 0 : (a.key < b.key ? -1 : 1) * order))
    .map(({ price, amount }) => ({ price, amount }));
}

/** A book as a watcher sees it after each message that applied. */
export interface BookView {
  market: string;
  sequence: string;
  bids: Level[];
  asks: Level[];
}

/**
 * Keeps `market`'s book from a graphql-ws client (Node or browser; the socket is the caller's):
 * subscribes, applies every message, and on a gap, a bad checksum or an error ending the stream
 * subscribes again after `resubscribeMs`. `onBook` sees the book after each applied message,
 * `onResync` why it resubscribed. Runs until `signal` aborts.
 */
export async function watchOrderBook(
  socket: Client,
  options: {
    market: string;
    depth?: number;
    signal: AbortSignal;
    onBook: (book: BookView) => void;
    onResync?: (reason: Exclude<ApplyResult, "applied" | "waiting"> | "error") => void;
    resubscribeMs?: number;
  },
): Promise<void> {
  const depth = options.depth ?? 20;
  const state = new OrderBookState(depth);
  while (!options.signal.aborted) {
    state.reset();
    const results = socket.iterate<{ orderBook: OrderBookUpdate }>({
      query: ORDER_BOOK_UPDATES.toString(),
      variables: { market: options.market, depth },
    });
    const stop = () => void results.return?.();
    options.signal.addEventListener("abort", stop, { once: true });
    let reason: Exclude<ApplyResult, "applied" | "waiting"> | "error" = "error";
    try {
      for await (const result of results) {
        const update = result.data?.orderBook;
        if (!update) break;
        const outcome = state.apply(update);
        if (outcome === "gap" || outcome === "checksum") {
          reason = outcome;
          break;
        }
        if (outcome === "applied") {
          options.onBook({
            market: options.market,
            sequence: state.sequence!,
            bids: state.bids(),
            asks: state.asks(),
          });
        }
      }
    } catch {
      reason = "error";
    } finally {
      options.signal.removeEventListener("abort", stop);
      await results.return?.();
    }
    if (options.signal.aborted) return;
    options.onResync?.(reason);
    await new Promise((resolve) => setTimeout(resolve, options.resubscribeMs ?? 250));
  }
}
