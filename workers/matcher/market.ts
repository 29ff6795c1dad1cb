import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { BusNames, busSubjects } from "../../bus/subjects.ts";
import { loadMatcherSnapshot, saveMatcherSnapshot } from "../../db/matcher.repository.ts";
import type { Dependencies } from "../../kernel/dependencies.ts";
import { OrderBook, type BookSnapshot } from "../../matcher/index.ts";
import type { MarketSpec } from "../../services/market-spec.ts";
import type { MarketsProvider } from "../../services/markets.provider.ts";
import type { MarketLeases } from "./leases.ts";

/** What running a market takes from the matcher's settings. */
export interface MarketSettings {
  /** How long a market's lease lasts unless renewed (every quarter of it). */
  leaseTtlMs: number;
  /** Commands between snapshots. */
  snapshotEvery: number;
  /** Longest time between snapshots of a market that has taken commands. */
  snapshotIntervalMs: number;
  /** Commands applied (and their events published) at once. */
  maxBatch: number;
  /** Resting orders one command may take; bounds the events (and message size) of a command. */
  maxMakersPerCommand: number;
}

/** What the markets of one matcher instance share. */
export interface MatcherContext {
  deps: Dependencies;
  settings: MarketSettings;
  names: BusNames;
  subjects: ReturnType<typeof busSubjects>;
  markets: MarketsProvider;
  leases: MarketLeases;
  /** The markets this instance holds the lease of and runs, by symbol. */
  owned: Map<string, OwnedMarket>;
}

/** A market this instance holds the lease of: its book and how far it has read the commands. */
export interface OwnedMarket {
  market: string;
  spec: MarketSpec;
  book: OrderBook;
  revision: number;
  leaseUntil: number;
  lastCommandSeq: number;
  /**
   * The market's last command in the stream when it was opened: until `lastCommandSeq` reaches
   * it the book is replaying history, and the Redis mirror is left as the last owner wrote it.
   */
  replayUntil: number;
  commandsSinceSnapshot: number;
  lastSnapshotAt: number;
  /** A batch failed half-way: this state must never be snapshotted. */
  failed: boolean;
  /** Stops reading and applying its commands (the lease is the caller's business). */
  stop(): Promise<void>;
  /**
   * False once its command consumer has ended on its own (NATS restarted under it): the market
   * must not keep its lease while nothing reads its commands.
   */
  reading(): boolean;
}

/**
 * The market's book as of its last snapshot (empty without one), positioned after the last
 * command the snapshot holds.
 */
export async function restoreMarket(
  ctx: MatcherContext,
  market: string,
  revision: number,
): Promise<{ state: OwnedMarket; fromSnapshot: boolean }> {
  const { maxMakersPerCommand, leaseTtlMs } = ctx.settings;
  const spec = await ctx.markets.require(market);
  const stored = await loadMatcherSnapshot(ctx.deps.db, market);
  const book = stored
    ? OrderBook.fromSnapshot(stored.state as BookSnapshot, {
        trackChangedLevels: true,
        maxMakersPerCommand,
      })
    : new OrderBook({
        maxPriceTicks: spec.maxPriceTicks,
        maxLots: spec.maxLots,
        trackChangedLevels: true,
        maxMakersPerCommand,
      });
  const state: OwnedMarket = {
    market,
    spec,
    book,
    revision,
    leaseUntil: Date.now() + leaseTtlMs,
    lastCommandSeq: stored?.commandSequence ?? 0,
    replayUntil: 0,
    commandsSinceSnapshot: 0,
    lastSnapshotAt: Date.now(),
    failed: false,
    stop: async () => {},
    reading: () => true,
  };
  return { state, fromSnapshot: stored !== null };
}

/**
 * Throws when the command stream is not there, or when the commands after a snapshot have aged
 * out of it: replay cannot be exact.
 */
export async function requireReplayable(
  ctx: MatcherContext,
  nc: NatsConnection,
  state: OwnedMarket,
  fromSnapshot: boolean,
): Promise<void> {
  const { commandStream } = ctx.names;
  const info = await (await jetstreamManager(nc)).streams.info(commandStream);
  if (fromSnapshot && state.lastCommandSeq + 1 < info.state.first_seq) {
    throw new Error(
      `commands ${state.lastCommandSeq + 1}..${info.state.first_seq - 1} are gone from ${commandStream}; restore a newer snapshot`,
    );
  }
}

export function snapshotDue(settings: MarketSettings, state: OwnedMarket): boolean {
  if (state.commandsSinceSnapshot === 0) return false;
  return (
    state.commandsSinceSnapshot >= settings.snapshotEvery ||
    Date.now() - state.lastSnapshotAt >= settings.snapshotIntervalMs
  );
}

/** Saves the book with its command stream position; not after a failed batch or the lease. */
export async function saveSnapshot(ctx: MatcherContext, state: OwnedMarket): Promise<void> {
  if (state.failed || Date.now() > state.leaseUntil) return;
  await saveMatcherSnapshot(ctx.deps.db, state.spec.symbol, {
    commandSequence: state.lastCommandSeq,
    bookSequence: state.book.seq,
    state: state.book.snapshot(),
  });
  state.commandsSinceSnapshot = 0;
  state.lastSnapshotAt = Date.now();
}
