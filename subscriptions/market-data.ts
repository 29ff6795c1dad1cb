import { busSubjects, type LiveSubjectName, type Subject } from "../bus/subjects.ts";
import type { SubjectPayloads } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { CandleInterval } from "../marketdata/intervals.ts";
import type { Candle, PublicTrade } from "../marketdata/types.ts";
import { requireMarket } from "../services/marketdata.service.ts";
import { feedIterator, type Feed, type FeedListener } from "./feed.ts";
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

export type TradeEvent = { trades: PublicTrade };
export type CandleEvent = { candles: Candle };

const feeds = new WeakMap<Dependencies, Map<string, Feed<object>>>();

function shared<P extends object>(
  deps: Dependencies,
  key: string,
  make: (onIdle: () => void) => Feed<P>,
): Feed<P> {
  let all = feeds.get(deps);
  if (!all) feeds.set(deps, (all = new Map<string, Feed<object>>()));
  const found = all.get(key) as Feed<P> | undefined;
  if (found) return found;
  const byKey = all;
  const feed: Feed<P> = make(() => {
    if (byKey.get(key) === feed) byKey.delete(key);
  });
  all.set(key, feed);
  return feed;
}

/**
 * The market's trades as market data records them, shared by the process's subscribers.
 * MARKET_NOT_FOUND if unknown; SERVICE_UNAVAILABLE without NATS.
 */
export async function tradeFeed(deps: Dependencies, market: string): Promise<Feed<TradeEvent>> {
  await requireMarket(deps, market);
  requireLiveBus(deps);
  const subject = busSubjects(deps.config.namespace).tradeSubject(market);
  return shared(
    deps,
    `trades|${market}`,
    (onIdle) =>
      new SubjectFeed(
        deps,
        `trades|${market}`,
        subject,
        (trade) => ({ trades: trade }),
        onIdle,
        (event: TradeEvent) => BigInt(event.trades.sequence),
      ),
  );
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

/** Each trade of the market as the market-data consumer records it. MARKET_NOT_FOUND if unknown. */
export async function tradeUpdates(deps: Dependencies, market: string) {
  return feedIterator(await tradeFeed(deps, market), undefined);
}

/** The market's current bar of one interval each time a recorded trade moves it. */
export async function candleUpdates(deps: Dependencies, market: string, interval: CandleInterval) {
  return feedIterator(await candleFeed(deps, market, interval), undefined);
}
