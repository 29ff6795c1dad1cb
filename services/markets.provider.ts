import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { publishLive, subscribeLive } from "../bus/live.ts";
import { busSubjects } from "../bus/subjects.ts";
import { listMarkets } from "../db/markets.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { marketNotFound } from "../kernel/errors.ts";
import { marketSpec, type MarketSpec } from "./market-spec.ts";

/** How old a process's markets may get when a change message was lost (NATS down meanwhile). */
export const MARKETS_REFRESH_MS = 10_000;
/** How often to look for a new NATS connection to subscribe on, and for a due refresh. */
const WATCH_MS = 1_000;

export type MarketSpecs = ReadonlyMap<string, MarketSpec>;

/**
 * The one source of market settings in a process: every market's spec, read from PostgreSQL as
 * a whole table. Reloaded when any process publishes a change (`publishMarketsChanged`: reads
 * after the message wait for the reload, so no read sees the old row), every MARKETS_REFRESH_MS
 * in the background, and when asked for a symbol it does not know.
 */
export interface MarketsProvider {
  /** The market's spec, or null when there is no such market. */
  get(symbol: string): Promise<MarketSpec | null>;
  /** The market's spec; MARKET_NOT_FOUND when there is no such market. */
  require(symbol: string): Promise<MarketSpec>;
  /** Every market, by symbol. */
  all(): Promise<MarketSpecs>;
  /** Market rows changed: the next read waits for a fresh load. */
  invalidate(): void;
  /** Stops listening and refreshing (also happens by itself once the pool is closed). */
  stop(): void;
}

const providers = new WeakMap<Dependencies, MarketsProvider>();

/** The markets provider of these connections (one per component), made at its first use. */
export function marketsOf(deps: Dependencies): MarketsProvider {
  let provider = providers.get(deps);
  if (!provider) {
    provider = createMarketsProvider(deps, () => providers.delete(deps));
    providers.set(deps, provider);
  }
  return provider;
}

/**
 * Tells every process that market rows changed; call it after the transaction that changed them
 * has committed (an admin mutation, the seed). Resolves once NATS has the message. Never throws:
 * while NATS is down each process still reloads within MARKETS_REFRESH_MS.
 */
export async function publishMarketsChanged(deps: Dependencies, markets: string[]): Promise<void> {
  providers.get(deps)?.invalidate();
  try {
    const nc = deps.liveNats();
    if (!nc) throw new Error("NATS unavailable");
    publishLive(deps, busSubjects(deps.config.namespace).marketsChangedSubject, { markets });
    await nc.flush();
  } catch (error) {
    deps.log.warn("markets change not published; processes catch up by their refresh", {
      markets,
      error: (error as Error).message,
    });
  }
}

function createMarketsProvider(deps: Dependencies, forget: () => void): MarketsProvider {
  const subject = busSubjects(deps.config.namespace).marketsChangedSubject;
  let specs: MarketSpecs | null = null;
  /** Loads are numbered in the order they start; `installed` is the one `specs` holds. */
  let started = 0;
  let installed = 0;
  /** The first load that started after the last change message: older ones are out of date. */
  let currentFrom = 1;
  let loadedAt = 0;
  let inFlight: { number: number; promise: Promise<MarketSpecs> } | null = null;
  let refreshFailing = false;
  let subscribedTo: NatsConnection | null = null;
  let subscription: Subscription | null = null;

  function load(): Promise<MarketSpecs> {
    const number = ++started;
    const promise = listMarkets(deps.db)
      .then((rows) => {
        const next: MarketSpecs = new Map(rows.map((row) => [row.symbol, marketSpec(row)]));
        // A slower, older load finishing last must not put back what a newer one replaced.
        if (number > installed) {
          specs = next;
          installed = number;
          loadedAt = Date.now();
        }
        return next;
      })
      .finally(() => {
        if (inFlight?.number === number) inFlight = null;
      });
    inFlight = { number, promise };
    return promise;
  }

  function current(): Promise<MarketSpecs> {
    if (specs && installed >= currentFrom) return Promise.resolve(specs);
    if (inFlight && inFlight.number >= currentFrom) return inFlight.promise;
    return load();
  }

  function refreshInBackground(): void {
    if (inFlight && inFlight.number >= currentFrom) return;
    load().then(
      () => (refreshFailing = false),
      (error: unknown) => {
        if (!refreshFailing) {
          deps.log.warn("markets refresh failed; keeping the last ones read", {
            error: (error as Error).message,
          });
        }
        refreshFailing = true;
      },
    );
  }

  function invalidate(): void {
    currentFrom = started + 1;
    refreshInBackground();
  }

  function ensureSubscribed(): void {
    const nc = deps.liveNats();
    if (!nc || nc.isClosed() || nc === subscribedTo) return;
    try {
      subscription = subscribeLive(nc, deps.log, subject, invalidate);
    } catch {
      return; // closing: the next connection is subscribed by the watch
    }
    subscribedTo = nc;
    // Changes published while nothing listened are not lost for long: read them now.
    if (specs) refreshInBackground();
  }

  const watch = setInterval(() => {
    if (deps.pool.ending) return stop();
    ensureSubscribed();
    if (specs && Date.now() - loadedAt >= MARKETS_REFRESH_MS) refreshInBackground();
  }, WATCH_MS);
  watch.unref();
  ensureSubscribed();

  function stop(): void {
    clearInterval(watch);
    try {
      subscription?.unsubscribe();
    } catch {
      // the connection is closed already
    }
    subscription = null;
    forget();
  }

  async function get(symbol: string): Promise<MarketSpec | null> {
    const spec = (await current()).get(symbol);
    if (spec) return spec;
    // A market added since the last load (by SQL, or its message is still on the way).
    return (await load()).get(symbol) ?? null;
  }

  return {
    get,
    async require(symbol) {
      const spec = await get(symbol);
      if (!spec) throw marketNotFound(symbol);
      return spec;
    },
    all: current,
    invalidate,
    stop,
  };
}
