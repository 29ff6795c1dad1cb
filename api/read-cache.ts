/**
 * The API process's cache of public market-data answers over HTTP.
 *
 * What is cached: the exact response bytes (and Apollo's headers, usage headers aside) of an HTTP
 * POST `application/json` query whose root fields are all public market data (READ_FIELDS:
 * candles, ticker, trades, orderBook, markets, __typename; through fragments too) and whose
 * answer was HTTP 200 with `data` and no `errors`. Nothing that depends on the caller (`me`,
 * `my*`, `rateLimits`, …), no mutation or subscription, no GET, no persisted query, no answer
 * served from the Redis fallback while PostgreSQL is down (`stale: true`). A hit still
 * authenticates and charges the request weight (api/server.ts); signed requests are always
 * answered by Apollo, whose charge claims their signature.
 *
 * Key: operationName, variables (as JSON), the Accept header and the document text.
 *
 * Invalidation: every entry remembers the version of each market its root fields name (the
 * `market` argument, literal or variable) and a global version; it is served only while they are
 * unchanged and for at most `maxAgeMs` (READ_CACHE_MAX_AGE_MS, default 1 s; the safety net when
 * the live feed is not connected: nothing is older than that). A market's version moves on each
 * live message the API process receives for it through the LiveHub: `live.book.<M>` (the
 * matcher's diff and trades, sent once the book is in Redis), `live.candles.<M>.M1` (market data,
 * sent after the transaction that wrote the trades' ticks and bars has committed: every recorded
 * trade moves its M1 bar) and `live.ticker.<M>`. The global version moves on `markets.changed`
 * and when NATS reconnects (messages may be lost). An answer is stored only if no version it
 * depends on moved while it was computed, so a read that raced an event is not kept.
 *
 * Bounds: at most `maxEntries` entries and `maxBytes` of keys and bodies, least recently used
 * dropped first; an answer over `maxEntryBytes` is not stored; at most MAX_SHAPES documents'
 * parsed shapes are kept.
 *
 * Not cached longer for finished ranges: a late trade or a history import may still change an old
 * bar, and neither sends an event this cache can tie to a range.
 */
import {
  Kind,
  OperationTypeNode,
  getOperationAST,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { busSubjects } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { liveHubOf } from "../subscriptions/hub.ts";
import { PARSE_OPTIONS } from "./request-guard.ts";

/** Root fields whose answers are the same for every caller and change only with market events. */
export const READ_FIELDS: ReadonlySet<string> = new Set([
  "candles",
  "ticker",
  "trades",
  "orderBook",
  "markets",
  "__typename",
]);

/** Default bounds of a ReadCache. */
export const READ_CACHE_BOUNDS = {
  maxEntries: 2_000,
  maxBytes: 64 << 20,
  maxEntryBytes: 2 << 20,
};

/** Parsed shapes of documents kept (eligible or not), so a document is parsed once here. */
const MAX_SHAPES = 1_000;

/** Where a root field's `market` argument comes from. */
type MarketSource = { literal: string } | { variable: string };

/** A document that may be cached: its operation and the market each root field reads. */
export interface ReadShape {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The operation's own name (metrics label), null when anonymous. */
  name: string | null;
  markets: MarketSource[];
}

/**
 * The read shape of `query`'s operation `operationName`, or null when its answer must not be
 * cached: not a query, a root field outside READ_FIELDS, a `market` argument that is neither a
 * string literal nor a variable, or a document that does not parse (graphql answers that one).
 * Pure.
 */
export function readShapeOf(query: string, operationName: string | null): ReadShape | null {
  let document: DocumentNode;
  try {
    document = parse(query, PARSE_OPTIONS);
  } catch {
    return null;
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const fields: FieldNode[] = [];
  if (!collectRootFields(operation.selectionSet, fragments, new Set(), fields)) return null;
  const markets: MarketSource[] = [];
  for (const field of fields) {
    if (!READ_FIELDS.has(field.name.value)) return null;
    const market = field.arguments?.find((a) => a.name.value === "market")?.value;
    if (!market) continue;
    if (market.kind === Kind.STRING) markets.push({ literal: market.value });
    else if (market.kind === Kind.VARIABLE) markets.push({ variable: market.name.value });
    else return null;
  }
  return { document, operation, name: operation.name?.value ?? null, markets };
}

/** False when a spread names a fragment that does not exist (validation refuses it). */
function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
  into: FieldNode[],
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!collectRootFields(selection.selectionSet, fragments, seen, into)) return false;
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) return false;
      if (seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      if (!collectRootFields(fragment.selectionSet, fragments, seen, into)) return false;
    }
  }
  return true;
}

/**
 * The markets a shape reads with these variables, each once; null when a `market` variable is
 * not a string (graphql refuses that request, so it is not cached). Pure.
 */
export function marketsRead(
  shape: ReadShape,
  variables: Readonly<Record<string, unknown>> | undefined,
): string[] | null {
  const out = new Set<string>();
  for (const source of shape.markets) {
    const value = "literal" in source ? source.literal : variables?.[source.variable];
    if (typeof value !== "string") return null;
    out.add(value);
  }
  return [...out];
}

/** One HTTP request as the cache sees it: what identifies its answer and what it depends on. */
export interface ReadRequest {
  key: string;
  shape: ReadShape;
  variables: Record<string, unknown> | undefined;
  markets: string[];
}

/**
 * The cache request of a parsed POST body with these headers, or null when it is not one the
 * cache serves: a body other than `{ query, variables?, operationName? }`, a content type other
 * than application/json (Apollo's CSRF and content rules then apply as usual), or a document that
 * is not a public read (readShapeOf). `shapeOf` is readShapeOf, memoised by the caller.
 */
export function readRequestOf(
  body: unknown,
  contentType: string | undefined,
  accept: string | undefined,
  shapeOf: (query: string, operationName: string | null) => ReadShape | null,
): ReadRequest | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const mediaType = (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") return null;
  const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof query !== "string") return null;
  if (operationName != null && typeof operationName !== "string") return null;
  if (variables != null && (typeof variables !== "object" || Array.isArray(variables))) return null;
  const vars = (variables ?? undefined) as Record<string, unknown> | undefined;
  const shape = shapeOf(query, operationName ?? null);
  if (!shape) return null;
  const markets = marketsRead(shape, vars);
  if (!markets) return null;
  const key = `${operationName ?? ""}\n${vars ? JSON.stringify(vars) : ""}\n${accept ?? ""}\n${query}`;
  return { key, shape, variables: vars, markets };
}

/** The versions an answer was computed under (ReadCache.snapshot). */
export interface ReadSnapshot {
  global: number;
  markets: readonly (readonly [market: string, version: number])[];
  /** Market-data answers served from the Redis fallback so far (marketDataFallbacks). */
  fallbacks: number;
  takenAt: number;
}

/** A stored answer. */
export interface ReadEntry {
  body: Buffer;
  /** Apollo's response headers, usage headers left out (those are the caller's). */
  headers: readonly (readonly [string, string])[];
  /** Request weight (services/request-weight.ts operationWeight) charged on each hit. */
  weight: number;
  /** The operation's name for metrics, null when anonymous. */
  operationName: string | null;
  snapshot: ReadSnapshot;
  bytes: number;
}

export interface ReadCacheOptions {
  /** Longest an entry is served, ms (> 0). */
  maxAgeMs: number;
  maxEntries?: number;
  maxBytes?: number;
  maxEntryBytes?: number;
  /** Clock in ms (tests). */
  now?: () => number;
  /** How many market-data reads were answered from the Redis fallback (never cached). */
  fallbacks?: () => number;
}

/**
 * The store and its versions (no I/O): `snapshot` before computing an answer, `store` after,
 * `lookup` to serve, `bump`/`bumpAll` on events. Counts hits, misses and stores for reports.
 */
export class ReadCache {
  private readonly entries = new Map<string, ReadEntry>();
  private readonly versions = new Map<string, number>();
  private global = 0;
  private bytes = 0;
  readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly now: () => number;
  private readonly fallbacks: () => number;
  readonly stats = { hits: 0, misses: 0, stored: 0, evicted: 0 };

  constructor(options: ReadCacheOptions) {
    this.maxAgeMs = options.maxAgeMs;
    this.maxEntries = options.maxEntries ?? READ_CACHE_BOUNDS.maxEntries;
    this.maxBytes = options.maxBytes ?? READ_CACHE_BOUNDS.maxBytes;
    this.maxEntryBytes = options.maxEntryBytes ?? READ_CACHE_BOUNDS.maxEntryBytes;
    this.now = options.now ?? Date.now;
    this.fallbacks = options.fallbacks ?? (() => 0);
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held now (keys and bodies). */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The versions now of what an answer reading `markets` depends on. */
  snapshot(markets: readonly string[]): ReadSnapshot {
    return {
      global: this.global,
      markets: markets.map((m) => [m, this.versions.get(m) ?? 0] as const),
      fallbacks: this.fallbacks(),
      takenAt: this.now(),
    };
  }

  /** The live entry under `key`, or undefined (a stale or expired one is dropped). */
  lookup(key: string): ReadEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.stats.misses += 1;
      return undefined;
    }
    if (!this.current(entry.snapshot)) {
      this.drop(key, entry);
      this.stats.misses += 1;
      return undefined;
    }
    // Least recently used goes first: move it to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits += 1;
    return entry;
  }

  /**
   * Keeps an answer computed under `snapshot`, unless something it depends on changed since, it
   * is too large, or it is expired already. Returns whether it was stored.
   */
  store(
    key: string,
    snapshot: ReadSnapshot,
    fields: Omit<ReadEntry, "snapshot" | "bytes">,
  ): boolean {
    if (snapshot.fallbacks !== this.fallbacks() || !this.current(snapshot)) return false;
    const bytes = fields.body.length + key.length * 2;
    if (bytes > this.maxEntryBytes) return false;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { ...fields, snapshot, bytes });
    this.bytes += bytes;
    this.stats.stored += 1;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(k, e);
      this.stats.evicted += 1;
    }
    return true;
  }

  /** Something of `market` changed: its answers are no longer served. */
  bump(market: string): void {
    this.versions.set(market, (this.versions.get(market) ?? 0) + 1);
  }

  /** Anything may have changed: no answer held now is served again. */
  bumpAll(): void {
    this.global += 1;
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private current(snapshot: ReadSnapshot): boolean {
    if (snapshot.global !== this.global) return false;
    if (this.now() - snapshot.takenAt >= this.maxAgeMs) return false;
    for (const [market, version] of snapshot.markets) {
      if ((this.versions.get(market) ?? 0) !== version) return false;
    }
    return true;
  }

  private drop(key: string, entry: ReadEntry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** readShapeOf, memoised per (operationName, document) with at most MAX_SHAPES kept. */
export function memoisedShapes(): (query: string, name: string | null) => ReadShape | null {
  const shapes = new Map<string, ReadShape | null>();
  return (query, name) => {
    const k = `${name ?? ""}\n${query}`;
    if (shapes.has(k)) return shapes.get(k)!;
    const shape = readShapeOf(query, name);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(k, shape);
    return shape;
  };
}

/**
 * Ties a cache to the process's live messages (subscriptions/hub.ts, one NATS subscription per
 * subject shared with subscribers): `markets.changed` at once, and a market's book, M1 candle and
 * ticker subjects from the first time an answer reading it is stored (`watch`). A NATS reconnect
 * bumps everything. `stop` lets go of every subject.
 */
export function followMarketEvents(deps: Dependencies, cache: ReadCache) {
  const hub = liveHubOf(deps);
  const subjects = busSubjects(deps.config.namespace);
  const reset = () => cache.bumpAll();
  const stops = [hub.listen(subjects.marketsChangedSubject, { arrival: reset, reset })];
  const watched = new Set<string>();
  return {
    /** Starts bumping `market` on its live messages (once per market). */
    watch(market: string): void {
      if (watched.has(market)) return;
      watched.add(market);
      // Only that a message came: its payload is never parsed for the cache.
      const bump = { arrival: () => cache.bump(market), reset };
      stops.push(
        hub.listen(subjects.bookUpdateSubject(market), bump),
        hub.listen(subjects.candleSubject(market, "M1"), bump),
        hub.listen(subjects.tickerSubject(market), bump),
      );
    },
    stop(): void {
      for (const stop of stops.splice(0)) stop();
      watched.clear();
      cache.clear();
    },
  };
}
