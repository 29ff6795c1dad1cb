import type { BookUpdateMessage } from "../bus/subjects.ts";
import { busSubjects } from "../bus/subjects.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { getMarketSpec } from "../services/orders.service.ts";
import { badInput } from "../kernel/errors.ts";
import {
  BookSide,
  bookChecksum,
  mergeDiffs,
  windowDiff,
  type BookDiff,
  type Level,
  type LevelPair,
} from "./book-levels.ts";
import { feedIterator, type Feed, type FeedListener } from "./feed.ts";
import { liveHubOf } from "./hub.ts";
import { requireLiveBus } from "./live.ts";

export interface OrderBookUpdate {
  market: string;
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  bids: Level[];
  asks: Level[];
  /** CRC-32 of the window's best 10 levels per side after this update (bookChecksum). */
  checksum: string;
}

export type OrderBookEvent = { orderBook: OrderBookUpdate };

/** Levels per side a subscription keeps when it names no depth. */
export const DEFAULT_SUBSCRIPTION_DEPTH = 100;
/** Most levels per side a subscription may keep (as the orderBook query). */
export const MAX_SUBSCRIPTION_DEPTH = 100;

/** What the whole book tells its windows: it was replaced, or a diff was applied to it. */
export type BookChange = { snapshot: true } | { snapshot: false; lastSeq: number };

/** A window feed's view of the market's whole book. */
interface BookListener {
  change(change: BookChange): void;
}

const levels = (list: LevelPair[]) => list.map(([price, amount]) => ({ price, amount }));

/**
 * One market's WHOLE book as this process holds it: loaded once from the Redis mirror, then kept
 * in memory from the matcher's diffs (one NATS subscription for all subscribers). Its listeners
 * are the market's depth windows (OrderBookWindowFeed), one per distinct subscribed depth. A diff
 * that does not follow on (a missed message) or a NATS reconnect reloads the book from Redis once
 * and tells every window it was replaced. Diffs that arrive within `conflateMs` are applied as one
 * (0: each at once).
 */
export class OrderBookFeed {
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
  private readonly listeners = new Set<BookListener>();
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly deps: Dependencies,
    readonly market: string,
    private readonly conflateMs: number,
    private readonly onIdle: () => void,
  ) {
    this.key = `orderBook|${market}`;
  }

  listen(listener: BookListener): () => void {
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

  /** Resolves once the book is in memory (read from the mirror if it is not). */
  async ready(): Promise<void> {
    if (!this.loaded) await (this.loading ?? this.reload(false));
  }

  /** Whether the book is in memory (and `top`/`sequence` describe it). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Market sequence of the book held. */
  get sequence(): number {
    return this.seq;
  }

  /** The best `depth` levels of one side, best first. */
  top(side: "bids" | "asks", depth: number): Level[] {
    return (side === "bids" ? this.bids : this.asks).top(depth);
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
      this.broadcast({ snapshot: true });
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
    this.broadcast({ snapshot: false, lastSeq: diff.lastSeq });
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
      if (announce) this.broadcast({ snapshot: true });
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

  private broadcast(change: BookChange): void {
    for (const listener of this.listeners) listener.change(change);
  }
}

/** The parts of the whole book a window reads (OrderBookFeed; a plain book in unit tests). */
export interface WholeBook {
  readonly market: string;
  readonly sequence: number;
  readonly isLoaded: boolean;
  ready(): Promise<void>;
  top(side: "bids" | "asks", depth: number): Level[];
  listen(listener: BookListener): () => void;
}

/**
 * The top `depth` levels per side of a market's book, as a stream: a snapshot of the window, then
 * after each change of the whole book the diff between the old and the new window — levels that
 * changed inside it, levels that entered it because others left, and `"0"` for levels that left
 * it (removed or pushed out). A change that leaves the window as it was sends nothing; the next
 * update's firstSequence then covers it. Every update carries the checksum of the window after
 * it. One per (market, depth) per process: the work is per distinct depth, not per subscriber.
 */
export class OrderBookWindowFeed implements Feed<OrderBookEvent> {
  readonly key: string;
  private readonly listeners = new Set<FeedListener<OrderBookEvent>>();
  private unlisten: (() => void) | null = null;
  /** The window as last sent (null until the first subscriber's snapshot or change). */
  private window: { bids: Level[]; asks: Level[] } | null = null;
  /** Last market sequence the window's stream covers. */
  private seq = 0;

  constructor(
    readonly book: WholeBook,
    readonly depth: number,
    private readonly onIdle: () => void = () => undefined,
  ) {
    this.key = `orderBook|${book.market}|${depth}`;
  }

  listen(listener: FeedListener<OrderBookEvent>): () => void {
    this.listeners.add(listener);
    this.unlisten ??= this.book.listen({ change: (change) => this.change(change) });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      this.window = null;
      this.onIdle();
    };
  }

  async initial(): Promise<OrderBookEvent[]> {
    await this.book.ready();
    if (!this.window) this.take();
    return [this.snapshotEvent()];
  }

  sequenceOf(event: OrderBookEvent): bigint {
    return BigInt(event.orderBook.lastSequence);
  }

  /** The window as last sent and the sequence it stands at (after `initial` resolved). */
  current(): { sequence: number; bids: Level[]; asks: Level[] } {
    const { bids, asks } = this.window ?? this.take();
    return { sequence: this.seq, bids, asks };
  }

  private take(): { bids: Level[]; asks: Level[] } {
    this.window = {
      bids: this.book.top("bids", this.depth),
      asks: this.book.top("asks", this.depth),
    };
    this.seq = this.book.sequence;
    return this.window;
  }

  private change(change: BookChange): void {
    if (change.snapshot || !this.window) {
      // Nobody holds a window yet (so nobody needs a diff), or the whole book was replaced.
      const hadWindow = this.window !== null;
      this.take();
      if (change.snapshot || hadWindow) this.broadcast(this.snapshotEvent());
      return;
    }
    const before = this.window;
    const firstSeq = this.seq + 1;
    const after = this.take();
    const bids = windowDiff(before.bids, after.bids);
    const asks = windowDiff(before.asks, after.asks);
    if (bids.length === 0 && asks.length === 0) {
      this.seq = firstSeq - 1; // nothing to send: the next update covers this sequence too
      return;
    }
    this.broadcast({
      orderBook: {
        market: this.book.market,
        firstSequence: String(firstSeq),
        lastSequence: String(this.seq),
        snapshot: false,
        bids,
        asks,
        checksum: bookChecksum(after.bids, after.asks),
      },
    });
  }

  private snapshotEvent(): OrderBookEvent {
    const { bids, asks } = this.window ?? this.take();
    const seq = String(this.seq);
    return {
      orderBook: {
        market: this.book.market,
        firstSequence: seq,
        lastSequence: seq,
        snapshot: true,
        bids,
        asks,
        checksum: bookChecksum(bids, asks),
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

const windows = new WeakMap<Dependencies, Map<string, OrderBookWindowFeed>>();

/** A subscription's depth: default 100, 1–100, else BAD_USER_INPUT. */
export function subscriptionDepth(depth: unknown): number {
  if (depth === null || depth === undefined) return DEFAULT_SUBSCRIPTION_DEPTH;
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1) {
    throw badInput(`depth must be 1–${MAX_SUBSCRIPTION_DEPTH}`, "depth");
  }
  if (depth > MAX_SUBSCRIPTION_DEPTH) {
    throw badInput(`depth must be 1–${MAX_SUBSCRIPTION_DEPTH}`, "depth");
  }
  return depth;
}

/**
 * The process's stream of a market's top `depth` levels (one per market and depth, over the
 * market's one whole book). BAD_USER_INPUT for a depth out of range; MARKET_NOT_FOUND;
 * SERVICE_UNAVAILABLE without NATS.
 */
export async function orderBookWindowFeed(
  deps: Dependencies,
  market: string,
  depth: unknown,
): Promise<OrderBookWindowFeed> {
  const levels = subscriptionDepth(depth);
  const book = await orderBookFeed(deps, market);
  let all = windows.get(deps);
  if (!all) windows.set(deps, (all = new Map<string, OrderBookWindowFeed>()));
  const key = `${market}|${levels}`;
  let feed = all.get(key);
  // A window over a book that was dropped (its last listener left) is replaced too.
  if (!feed || feed.book !== book) {
    const byKey = all;
    const made: OrderBookWindowFeed = new OrderBookWindowFeed(book, levels, () => {
      if (byKey.get(key) === made) byKey.delete(key);
    });
    feed = made;
    all.set(key, feed);
  }
  return feed;
}

/**
 * The top `depth` levels as a snapshot, then the window's diffs after it (a fresh snapshot when
 * the book had to be reloaded). MARKET_NOT_FOUND for an unknown market.
 */
export async function orderBookUpdates(deps: Dependencies, market: string, depth?: number | null) {
  return feedIterator(await orderBookWindowFeed(deps, market, depth), undefined);
}

/** A whole top-N book as `orderBookTop` pushes it (the OrderBook type of the query). */
export interface OrderBookTop {
  id: string;
  market: string;
  sequence: string;
  bids: Level[];
  asks: Level[];
}
export type OrderBookTopEvent = { orderBookTop: OrderBookTop };

/** Whole-book pushes of one window go out at most this often. */
export const TOP_CONFLATE_MS = 100;
/** Default depth of `orderBookTop` (as the orderBook query). */
export const DEFAULT_TOP_DEPTH = 20;

/**
 * The whole top `depth` levels of a market, pushed each time that window changes, at most every
 * TOP_CONFLATE_MS (the latest window wins): for clients that do not want to apply diffs. Built
 * over the market's OrderBookWindowFeed of the same depth, so it shares its book and its work.
 */
export class OrderBookTopFeed implements Feed<OrderBookTopEvent> {
  readonly key: string;
  private readonly listeners = new Set<FeedListener<OrderBookTopEvent>>();
  private unlisten: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastPush = 0;

  constructor(
    readonly window: OrderBookWindowFeed,
    private readonly onIdle: () => void = () => undefined,
    private readonly conflateMs = TOP_CONFLATE_MS,
  ) {
    this.key = `orderBookTop|${window.book.market}|${window.depth}`;
  }

  listen(listener: FeedListener<OrderBookTopEvent>): () => void {
    this.listeners.add(listener);
    this.unlisten ??= this.window.listen({
      broadcast: () => this.changed(),
      end: (error) => {
        for (const l of this.listeners) l.end?.(error);
      },
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.onIdle();
    };
  }

  async initial(): Promise<OrderBookTopEvent[]> {
    await this.window.initial();
    return [this.event()];
  }

  sequenceOf(event: OrderBookTopEvent): bigint {
    return BigInt(event.orderBookTop.sequence);
  }

  private changed(): void {
    if (this.timer) return;
    const wait = this.lastPush + this.conflateMs - Date.now();
    if (wait <= 0) return this.push();
    this.timer = setTimeout(() => this.push(), wait);
  }

  private push(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastPush = Date.now();
    const event = this.event();
    for (const l of this.listeners) l.broadcast(event);
  }

  private event(): OrderBookTopEvent {
    const { sequence, bids, asks } = this.window.current();
    const market = this.window.book.market;
    return { orderBookTop: { id: market, market, sequence: String(sequence), bids, asks } };
  }
}

const tops = new WeakMap<Dependencies, Map<string, OrderBookTopFeed>>();

/**
 * The process's whole-top-N stream of a market (default depth 20, 1–100, else BAD_USER_INPUT).
 * MARKET_NOT_FOUND; SERVICE_UNAVAILABLE without NATS.
 */
export async function orderBookTopFeed(
  deps: Dependencies,
  market: string,
  depth: unknown,
): Promise<OrderBookTopFeed> {
  const window = await orderBookWindowFeed(deps, market, depth ?? DEFAULT_TOP_DEPTH);
  let all = tops.get(deps);
  if (!all) tops.set(deps, (all = new Map<string, OrderBookTopFeed>()));
  const key = `${market}|${window.depth}`;
  let feed = all.get(key);
  if (!feed || feed.window !== window) {
    const byKey = all;
    const made: OrderBookTopFeed = new OrderBookTopFeed(window, () => {
      if (byKey.get(key) === made) byKey.delete(key);
    });
    feed = made;
    all.set(key, feed);
  }
  return feed;
}

/** The market's whole top `depth` levels now, then each time they change (conflated). */
export async function orderBookTopUpdates(
  deps: Dependencies,
  market: string,
  depth?: number | null,
) {
  return feedIterator(await orderBookTopFeed(deps, market, depth), undefined);
}
