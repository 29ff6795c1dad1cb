import { busSubjects } from "../bus/subjects.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { getMarketSpec } from "../services/orders.service.ts";
import { liveIterator } from "./live.ts";

export interface OrderBookUpdate {
  market: string;
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

const SUBSCRIPTION_DEPTH = 100;

/**
 * The book as a snapshot from the Redis mirror, then the matcher's diffs after it; a diff that
 * does not follow on (a missed message) is answered with a fresh snapshot. MARKET_NOT_FOUND for
 * an unknown market.
 */
export async function orderBookUpdates(deps: Dependencies, market: string) {
  await getMarketSpec(deps, market);
  let lastSeq = 0;
  const levels = (list: [string, string][]) => list.map(([price, amount]) => ({ price, amount }));
  const snapshot = async (): Promise<{ orderBook: OrderBookUpdate }[]> => {
    const book = await readBookMirror(
      deps.redis,
      deps.config.namespace,
      market,
      SUBSCRIPTION_DEPTH,
    );
    lastSeq = Number(book?.seq ?? 0);
    const seq = String(lastSeq);
    return [
      {
        orderBook: {
          market,
          firstSequence: seq,
          lastSequence: seq,
          snapshot: true,
          bids: book?.bids ?? [],
          asks: book?.asks ?? [],
        },
      },
    ];
  };
  return liveIterator(
    deps,
    busSubjects(deps.config.namespace).bookUpdateSubject(market),
    (update) => {
      if (!update.snapshot && update.lastSeq <= lastSeq) return [];
      if (!update.snapshot && update.firstSeq > lastSeq + 1) return snapshot();
      lastSeq = update.lastSeq;
      return [
        {
          orderBook: {
            market,
            firstSequence: String(update.firstSeq),
            lastSequence: String(update.lastSeq),
            snapshot: update.snapshot,
            bids: levels(update.bids),
            asks: levels(update.asks),
          },
        },
      ];
    },
    snapshot,
  );
}
