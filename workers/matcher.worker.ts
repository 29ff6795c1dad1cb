import { randomUUID } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { hostname } from "node:os";
import { ensureStreams } from "../bus/jetstream.ts";
import { busNames, busSubjects } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { marketsOf } from "../services/markets.provider.ts";
import { fullDepth, mirrorBook, repairMirror } from "./matcher/book-mirror.ts";
import { consumeCommands } from "./matcher/command-loop.ts";
import { MarketLeases } from "./matcher/leases.ts";
import {
  requireReplayable,
  restoreMarket,
  saveSnapshot,
  type MarketSettings,
  type MatcherContext,
} from "./matcher/market.ts";

// The matcher process, in pieces under workers/matcher/: leases.ts (who owns which market),
// market.ts (a market's state: restore from and save to snapshots), command-loop.ts (replay and
// consume the commands, publish the events), book-mirror.ts (the book to Redis and live),
// commands.ts (bus message → core command). The pure order book is matcher/.

export interface MatcherSettings extends MarketSettings {
  /** Markets this instance may own; null for all. Ownership is a NATS KV lease per market. */
  markets: string[] | null;
}

/** What tests and callers may override; the rest comes from `defaults`. */
export type MatcherOptions = Partial<MatcherSettings>;

export const defaults: MatcherSettings = {
  markets: null,
  // Renewed (and free markets claimed) every 375 ms (TTL/8): a standby takes a dead owner's
  // markets about 3–3.5 s after its last renewal (issue 12: it was 10–12 s; the chaos run
  // measured 4.6–5.4 s to the first match with 4 s), while a matcher stalled 3 s loses them
  // (it then publishes nothing: "lease expired before publishing").
  leaseTtlMs: 3_000,
  snapshotEvery: 5_000,
  // Whatever the command count, a market's snapshot is at most this old (and far younger than
  // the command stream's retention).
  snapshotIntervalMs: 60_000,
  maxBatch: 500,
  maxMakersPerCommand: 1_000,
};

/** One matcher instance: what its markets share, and what only its acquiring loop needs. */
interface MatcherInstance extends MatcherContext {
  settings: MatcherSettings;
  /** Markets that failed to open, and when to try again. */
  notBefore: Map<string, number>;
  running: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * The matcher process: for each market it holds the lease of, restore the book from its last
 * snapshot, replay the command stream after it, and then apply commands as they arrive —
 * publishing events, mirroring the book to Redis, snapshotting now and then. `stop` snapshots
 * and hands the leases back; `kill` is a crash (tests of fail-over).
 */
export async function start(deps: Dependencies, settings: MatcherSettings) {
  // What a lease holds: which host and process own the market, for an operator reading the
  // bucket (and the chaos run, which kills the owner), plus a part that is new on every start.
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const names = busNames(deps.config.namespace);
  const instance: MatcherInstance = {
    deps,
    settings,
    names,
    subjects: busSubjects(deps.config.namespace),
    markets: marketsOf(deps),
    leases: new MarketLeases(instanceId, names.leaseBucket, settings.leaseTtlMs),
    owned: new Map(),
    notBefore: new Map(),
    running: true,
  };
  await runTicks(instance);
  return {
    instanceId,
    owned: () => [...instance.owned.keys()],
    book: (market: string) => instance.owned.get(market)?.book,
    /** Graceful: snapshot, release the leases so another instance can take over at once. */
    stop: () => shutDown(instance, { handBack: true }),
    /** Like a crash: no snapshot, leases left to expire. */
    kill: () => shutDown(instance, { handBack: false }),
  };
}

/** Ticks now, then every TTL/8 (at least 250 ms) until shut down. */
async function runTicks(instance: MatcherInstance): Promise<void> {
  try {
    await tick(instance);
  } catch (error) {
    instance.deps.log.warn("matcher waiting for its stores", { error: (error as Error).message });
  }
  if (instance.running) {
    const every = Math.max(250, instance.settings.leaseTtlMs / 8);
    instance.timer = setTimeout(() => void runTicks(instance), every);
  }
}

/** Stops every market; `handBack` snapshots each and releases its lease first. */
async function shutDown(instance: MatcherInstance, { handBack }: { handBack: boolean }) {
  instance.running = false;
  clearTimeout(instance.timer);
  for (const [market, state] of instance.owned) {
    await state.stop();
    if (handBack) {
      await saveSnapshot(instance, state).catch(() => {});
      await instance.leases.release(market, state.revision);
    }
  }
  instance.owned.clear();
}

/** Every TTL/8: renews the leases held, then claims the markets nobody holds. */
async function tick(instance: MatcherInstance): Promise<void> {
  const nc = instance.deps.nats();
  if (!nc) return;
  if (!instance.leases.opened) {
    await ensureStreams(nc, instance.names);
    await instance.leases.open(nc);
  }
  await renewLeases(instance);
  await checkMirrors(instance);
  await claimFreeMarkets(instance);
}

/** Each tick (every 0.5 s): a market's Redis mirror that was lost is written again. */
async function checkMirrors(instance: MatcherInstance): Promise<void> {
  for (const state of instance.owned.values()) {
    try {
      await repairMirror(instance, state);
    } catch (error) {
      instance.deps.log.warn("order-book mirror not checked (Redis)", {
        market: state.market,
        error: (error as Error).message,
      });
    }
  }
}

/**
 * A market whose lease cannot be renewed belongs to another instance now: stop running it. One
 * whose command consumer ended on its own (NATS restarted) is given up too, so this instance (or
 * a standby) reopens it from its snapshot at once instead of holding a market nothing reads.
 */
async function renewLeases(instance: MatcherInstance): Promise<void> {
  for (const [market, state] of instance.owned) {
    if (!state.reading()) {
      instance.deps.log.warn("command consumer of a market ended; reopening it", { market });
      instance.owned.delete(market);
      await state.stop().catch(() => {});
      await instance.leases.release(market, state.revision).catch(() => {});
      continue;
    }
    try {
      state.revision = await instance.leases.renew(market, state.revision);
      state.leaseUntil = Date.now() + instance.settings.leaseTtlMs;
    } catch {
      instance.deps.log.warn("lost the lease of a market; stopping it", { market });
      instance.owned.delete(market);
      await state.stop();
    }
  }
}

/** A new market is picked up at the next tick after its change message. */
async function claimFreeMarkets(instance: MatcherInstance): Promise<void> {
  const { settings, owned, notBefore } = instance;
  for (const market of (await instance.markets.all()).keys()) {
    if (!instance.running) return;
    if (settings.markets && !settings.markets.includes(market)) continue;
    if (!owned.has(market) && (notBefore.get(market) ?? 0) <= Date.now()) {
      await tryAcquire(instance, market);
    }
  }
}

/** Claims the market's lease and opens it; a market that fails to open is retried in 30 s. */
async function tryAcquire(instance: MatcherInstance, market: string): Promise<void> {
  if (!instance.deps.nats()) return;
  const revision = await instance.leases.claim(market);
  if (revision === null) return; // another instance owns it
  try {
    await openMarket(instance, market, revision);
  } catch (error) {
    instance.deps.log.error("could not open market; trying again in 30 s", { market, error });
    instance.notBefore.set(market, Date.now() + 30_000);
    const held = instance.owned.get(market)?.revision ?? revision;
    instance.owned.delete(market);
    await instance.leases.release(market, held);
  }
}

/** Restores the book, mirrors all of it to Redis, and starts applying the market's commands. */
async function openMarket(ctx: MatcherContext, market: string, revision: number): Promise<void> {
  const { state, fromSnapshot } = await restoreMarket(ctx, market, revision);
  const nc = ctx.deps.nats()!;
  await requireReplayable(ctx, nc, state, fromSnapshot);
  state.replayUntil = await lastCommandOf(ctx, nc, market);
  ctx.owned.set(market, state);
  // The book is as of the snapshot: older than the mirror the last owner wrote, and older than
  // the truth whenever commands follow the snapshot. It is written whole only once the replay
  // has caught up (book-mirror.ts) — or now, when there is nothing to replay — and only over a
  // missing or older mirror: a reader never gets the snapshot's book as the current one.
  const { book } = state;
  book.drainChangedLevels();
  if (state.lastCommandSeq >= state.replayUntil) {
    state.replayUntil = 0;
    await mirrorBook(ctx, state, fullDepth(book), "repair", book.seq);
  }
  state.stop = await consumeCommands(ctx, nc, state);
  ctx.deps.log.info("market opened", {
    market,
    fromCommand: state.lastCommandSeq + 1,
    bookSeq: book.seq,
  });
}

/** Stream sequence of the market's last command now (0 if it has none): where replay ends. */
async function lastCommandOf(
  ctx: MatcherContext,
  nc: NatsConnection,
  market: string,
): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const last = await jsm.streams
    .getMessage(ctx.names.commandStream, { last_by_subj: ctx.names.commandSubject(market) })
    .catch(() => null);
  return last?.seq ?? 0;
}
