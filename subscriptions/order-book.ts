import type { BookUpdateMessage } from "../bus/subjects.ts";
import { busSubjects } from "../bus/subjects.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { getMarketSpec } from "../services/orders.service.ts";
import { BookSide, mergeDiffs, type BookDiff, type LevelPair } from "./book-levels.ts";
import { feedIterator, type Feed, type FeedListener } from "./feed.ts";
import { liveHubOf } from "./hub.ts";
import { requireLiveBus } from "./live.ts";

export interface OrderBookUpdate {
  market: string;
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

export type OrderBookEvent = { orderBook: OrderBookUpdate };

/** Levels per side in a subscription's snapshot. */
export const SUBSCRIPTION_DEPTH = 100;

const levels = (list: LevelPair[]) => list.map(([price, amount]) => ({ price, amount }));

/**
 * One market's book as this process's subscribers see it: loaded once from the Redis mirror,
 * then kept in memory from the matcher's diffs (one NATS subscription for all subscribers). A
 * joining subscriber gets a snapshot from memory, not a Redis read. A diff that does not follow
 * on (a missed message) or a NATS reconnect reloads the book from Redis once, and every
 * subscriber is sent the new snapshot. Diffs that arrive within `conflateMs` go out as one update
 * covering their sequences (0: each at once).
 */
export class OrderBookFeed implements Feed<OrderBookEvent> {
  readonly key: string;
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  /** Market sequence of the book held (the last update broadcast). */
  private seq = 0;
  private loaded = false;
  private loading: Promise<void> | null = null;
  /** Bumped by each load and when the last listener leaves, so a stale load is dropped. */
  private generation = 0;
  /** Diffs received while loading, applied after it when they follow on. */
  private early: BookUpdateMessage[] = [];
  /** Received, not yet broadcast (conflation window). */
  private pending: BookDiff | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<FeedListener<OrderBookEvent>>();
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly deps: Dependencies,
    readonly market: string,
    private readonly conflateMs: number,
    private readonly onIdle: () => void,
  ) {
    this.key = `orderBook|${market}`;
  }

  listen(listener: FeedListener<OrderBookEvent>): () => void {
    this.listeners.add(listener);
    if (!this.unlisten) {
      const subject = busSubjects(this.deps.config.namespace).bookUpdateSubject(this.market);
      this.unlisten = liveHubOf(this.deps).listen(subject, {
        payload: (update) => this.receive(update),
        reset: () => void this.reload(true).catch(() => undefined),
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      this.loaded = false;
      this.loading = null;
      this.generation++;
      this.pending = null;
      clearTimeout(this.flushTimer);
      this.onIdle();
    };
  }

  async initial(): Promise<OrderBookEvent[]> {
    if (!this.loaded) await (this.loading ?? this.reload(false));
    return [this.snapshotEvent()];
  }

  sequenceOf(event: OrderBookEvent): bigint {
    return BigInt(event.orderBook.lastSequence);
  }

  private receive(update: BookUpdateMessage): void {
    if (this.loading) {
      this.early.push(update);
      return;
    }
    if (!this.loaded) return;
    const held = this.pending?.lastSeq ?? this.seq;
    if (update.snapshot) {
      // The matcher (re)started the market: its whole book replaces ours.
      this.pending = null;
      this.bids.replace(levels(update.bids));
      this.asks.replace(levels(update.asks));
      this.seq = update.lastSeq;
      this.broadcast(this.snapshotEvent());
      return;
    }
    if (update.lastSeq <= held) return;
    if (update.firstSeq > held + 1) {
      void this.reload(true).catch(() => undefined);
      return;
    }
    const diff: BookDiff = { ...update, firstSeq: held + 1 };
    this.pending = this.pending ? mergeDiffs(this.pending, diff) : diff;
    if (this.conflateMs <= 0) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), this.conflateMs);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const diff = this.pending;
    if (!diff) return;
    this.pending = null;
    this.bids.apply(diff.bids);
    this.asks.apply(diff.asks);
    this.seq = diff.lastSeq;
    this.broadcast({
      orderBook: {
        market: this.market,
        firstSequence: String(diff.firstSeq),
        lastSequence: String(diff.lastSeq),
        snapshot: false,
        bids: levels(diff.bids),
        asks: levels(diff.asks),
      },
    });
  }

  /** Reads the whole book from the Redis mirror; `announce` sends the snapshot to everyone. */
  private reload(announce: boolean): Promise<void> {
    if (this.loading) return this.loading;
    this.early = [];
    const generation = ++this.generation;
    const loading = (async () => {
      const book = await readBookMirror(
        this.deps.redis,
        this.deps.config.namespace,
        this.market,
        Number.MAX_SAFE_INTEGER,
      );
      if (this.generation !== generation) return; // everyone left meanwhile
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.pending = null;
      this.bids.replace(book?.bids ?? []);
      this.asks.replace(book?.asks ?? []);
      this.seq = Number(book?.seq ?? 0);
      this.loaded = true;
      this.loading = null;
      if (announce) this.broadcast(this.snapshotEvent());
      const early = this.early;
      this.early = [];
      for (const update of early) this.receive(update);
    })();
    this.loading = loading;
    loading.catch(() => {
      if (this.generation === generation) this.loading = null;
    });
    return loading;
  }

  private snapshotEvent(): OrderBookEvent {
    const seq = String(this.seq);
    return {
      orderBook: {
        market: this.market,
        firstSequence: seq,
        lastSequence: seq,
        snapshot: true,
        bids: this.bids.top(SUBSCRIPTION_DEPTH),
        asks: this.asks.top(SUBSCRIPTION_DEPTH),
      },
    };
  }

  private broadcast(event: OrderBookEvent): void {
    for (const listener of this.listeners) listener.broadcast(event);
  }
}

const feeds = new WeakMap<Dependencies, Map<string, OrderBookFeed>>();

/**
 * The process's book feed of a market (made on first use, dropped when its last listener
 * leaves). MARKET_NOT_FOUND for an unknown market; SERVICE_UNAVAILABLE without NATS.
 */
export async function orderBookFeed(deps: Dependencies, market: string): Promise<OrderBookFeed> {
  await getMarketSpec(deps, market);
  requireLiveBus(deps);
  let byMarket = feeds.get(deps);
  if (!byMarket) feeds.set(deps, (byMarket = new Map<string, OrderBookFeed>()));
  let feed = byMarket.get(market);
  if (!feed) {
    const all = byMarket;
    feed = new OrderBookFeed(deps, market, deps.config.liveBookConflateMs, () => {
      if (all.get(market) === feed) all.delete(market);
    });
    byMarket.set(market, feed);
  }
  return feed;
}

/**
 * The book as a snapshot, then the matcher's diffs after it; a diff that does not follow on (a
 * missed message) is answered with a fresh snapshot. MARKET_NOT_FOUND for an unknown market.
 */
export async function orderBookUpdates(deps: Dependencies, market: string) {
  return feedIterator(await orderBookFeed(deps, market), undefined);
}
