import { busSubjects, type LiveSubjectName, type Subject } from "../bus/subjects.ts";
import type { SubjectPayloads } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { CandleInterval } from "../marketdata/intervals.ts";
import type { Candle, Ticker } from "../marketdata/types.ts";
import { getTicker, requireMarket } from "../services/marketdata.service.ts";
import { feedIterator, type Feed, type FeedListener } from "./feed.ts";
import { TradeFeed } from "./trade-feed.ts";
import { liveHubOf } from "./hub.ts";
import { requireLiveBus } from "./live.ts";

/**
 * A feed that passes each payload of one live subject on as `event(payload)`: one NATS
 * subscription per process for all its subscribers, nothing sent on joining.
 */
class SubjectFeed<K extends LiveSubjectName, P extends object> implements Feed<P> {
  private readonly listeners = new Set<FeedListener<P>>();
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly deps: Dependencies,
    readonly key: string,
    private readonly subject: Subject<K>,
    private readonly event: (payload: SubjectPayloads[K]) => P,
    private readonly onIdle: () => void,
    readonly sequenceOf?: (payload: P) => bigint,
  ) {}

  listen(listener: FeedListener<P>): () => void {
    this.listeners.add(listener);
    this.unlisten ??= liveHubOf(this.deps).listen(this.subject, {
      payload: (payload) => {
        const value = this.event(payload);
        for (const l of this.listeners) l.broadcast(value);
      },
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      this.onIdle();
    };
  }

  async initial(): Promise<P[]> {
    return [];
  }
}

export type CandleEvent = { candles: Candle };
export type TickerEvent = { ticker: Ticker };

/** How long a ticker read for a joining subscriber is handed to the next ones too. */
const TICKER_REUSE_MS = 1_000;

/**
 * A market's 24 h ticker: the current one on joining, then each one market data recomputes
 * (at most every 250 ms per market, after trades; services/marketdata-recording.service.ts),
 * over one NATS subscription per process. The joining read is shared for a second, so a crowd
 * subscribing at once costs one PostgreSQL read.
 */
class TickerFeed implements Feed<TickerEvent> {
  readonly key: string;
  private readonly listeners = new Set<FeedListener<TickerEvent>>();
  private unlisten: (() => void) | null = null;
  private latest: { at: number; ticker: Promise<Ticker> } | null = null;

  constructor(
    private readonly deps: Dependencies,
    readonly market: string,
    private readonly onIdle: () => void,
  ) {
    this.key = `ticker|${market}`;
  }

  listen(listener: FeedListener<TickerEvent>): () => void {
    this.listeners.add(listener);
    const subject = busSubjects(this.deps.config.namespace).tickerSubject(this.market);
    this.unlisten ??= liveHubOf(this.deps).listen(subject, {
      payload: (ticker) => {
        this.latest = { at: Date.now(), ticker: Promise.resolve(ticker) };
        for (const l of this.listeners) l.broadcast({ ticker });
      },
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      this.latest = null;
      this.onIdle();
    };
  }

  async initial(): Promise<TickerEvent[]> {
    if (!this.latest || this.latest.at < Date.now() - TICKER_REUSE_MS) {
      const read = getTicker(this.deps, this.market);
      this.latest = { at: Date.now(), ticker: read };
      read.catch(() => {
        if (this.latest?.ticker === read) this.latest = null;
      });
    }
    return [{ ticker: await this.latest.ticker }];
  }

  /** A ticker's computation time: a push computed before the joining read is not sent after it. */
  sequenceOf(event: TickerEvent): bigint {
    return BigInt(Date.parse(event.ticker.closeTime) || 0);
  }
}

/**
 * The market's 24 h ticker, now and each time it is recomputed. MARKET_NOT_FOUND if unknown;
 * SERVICE_UNAVAILABLE without NATS.
 */
export async function tickerFeed(deps: Dependencies, market: string): Promise<Feed<TickerEvent>> {
  await requireMarket(deps, market);
  requireLiveBus(deps);
  return shared(deps, `ticker|${market}`, (onIdle) => new TickerFeed(deps, market, onIdle));
}

/** The market's 24 h ticker, now and each time it is recomputed. */
export async function tickerUpdates(deps: Dependencies, market: string) {
  return feedIterator(await tickerFeed(deps, market), undefined);
}

/** The process's feeds by key; each removes itself when its last listener leaves. */
const feeds = new WeakMap<Dependencies, Map<string, object>>();

function shared<F extends object>(
  deps: Dependencies,
  key: string,
  make: (onIdle: () => void) => F,
): F {
  let all = feeds.get(deps);
  if (!all) feeds.set(deps, (all = new Map<string, object>()));
  const found = all.get(key);
  if (found) return found as F;
  const byKey = all;
  const feed = make(() => {
    if (byKey.get(key) === feed) byKey.delete(key);
  });
  all.set(key, feed);
  return feed;
}

/**
 * The market's trades, shared by the process's subscribers (subscriptions/trade-feed.ts).
 * MARKET_NOT_FOUND if unknown; SERVICE_UNAVAILABLE without NATS.
 */
export async function tradeFeed(deps: Dependencies, market: string): Promise<TradeFeed> {
  await requireMarket(deps, market);
  requireLiveBus(deps);
  return shared(deps, `trades|${market}`, (onIdle) => new TradeFeed(deps, market, onIdle));
}

/** The market's current bar of one interval each time a recorded trade moves it. */
export async function candleFeed(
  deps: Dependencies,
  market: string,
  interval: CandleInterval,
): Promise<Feed<CandleEvent>> {
  await requireMarket(deps, market);
  requireLiveBus(deps);
  const key = `candles|${market}|${interval}`;
  const subject = busSubjects(deps.config.namespace).candleSubject(market, interval);
  return shared(
    deps,
    key,
    (onIdle) => new SubjectFeed(deps, key, subject, (bar) => ({ candles: bar }), onIdle),
  );
}

/**
 * Each trade of the market as the matcher makes it; with `after` (a tape sequence), first the
 * trades since that one. MARKET_NOT_FOUND if unknown; RESYNC_REQUIRED if `after` is too far back.
 */
export async function tradeUpdates(deps: Dependencies, market: string, after?: string | null) {
  return feedIterator(await tradeFeed(deps, market), { after });
}

/** The market's current bar of one interval each time a recorded trade moves it. */
export async function candleUpdates(deps: Dependencies, market: string, interval: CandleInterval) {
  return feedIterator(await candleFeed(deps, market, interval), undefined);
}
