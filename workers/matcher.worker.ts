import { DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import { randomUUID } from "node:crypto";
import { publishEventBatches } from "../bus/event-messages.ts";
import { ensureStreams } from "../bus/jetstream.ts";
import { publishLive } from "../bus/live.ts";
import { receivePayload } from "../bus/payloads.ts";
import {
  busNames,
  busSubjects,
  type BookUpdateMessage,
  type CommandMessage,
  type PlaceOrderMessage,
} from "../bus/subjects.ts";
import { loadMatcherSnapshot, saveMatcherSnapshot } from "../db/matcher.repository.ts";
import { writeBookMirror, type MirrorLevels } from "../db/order-book-mirror.repository.ts";
import { assertNever } from "../kernel/assert-never.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  OrderBook,
  type BookSnapshot,
  type Command,
  type DepthLevel,
  type MatcherEvent,
  type OrderCommand,
} from "../matcher/index.ts";
import { formatDecimal } from "../money/decimal.ts";
import { lotsToAmount, ticksToPrice, type MarketSpec } from "../services/market-spec.ts";
import { marketsOf } from "../services/markets.provider.ts";

export interface MatcherSettings {
  /** Markets this instance may own; null for all. Ownership is a NATS KV lease per market. */
  markets: string[] | null;
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
/** What tests and callers may override; the rest comes from `defaults`. */
export type MatcherOptions = Partial<MatcherSettings>;

export const defaults: MatcherSettings = {
  markets: null,
  leaseTtlMs: 10_000,
  snapshotEvery: 5_000,
  // Whatever the command count, a market's snapshot is at most this old (and far younger than
  // the command stream's retention).
  snapshotIntervalMs: 60_000,
  maxBatch: 500,
  maxMakersPerCommand: 1_000,
};

/**
 * The matcher process: for each market it holds the lease of, restore the book from its last
 * snapshot, replay the command stream after it, and then apply commands as they arrive —
 * publishing events, mirroring the book to Redis, snapshotting now and then. `stop` snapshots
 * and hands the leases back; `kill` is a crash (tests of fail-over).
 */
export async function start(deps: Dependencies, settings: MatcherSettings) {
  const instanceId = randomUUID();
  const names = busNames(deps.config.namespace);
  const subjects = busSubjects(deps.config.namespace);
  const leaseTtl = settings.leaseTtlMs;
  const { snapshotEvery, snapshotIntervalMs, maxBatch, maxMakersPerCommand } = settings;
  const owned = new Map<string, OwnedMarket>();
  /** Markets that failed to open, and when to try again. */
  const notBefore = new Map<string, number>();
  let running = true;
  let kv: KV | null = null;

  const markets = marketsOf(deps);

  interface OwnedMarket {
    spec: MarketSpec;
    book: OrderBook;
    revision: number;
    leaseUntil: number;
    lastCommandSeq: number;
    commandsSinceSnapshot: number;
    lastSnapshotAt: number;
    /** A batch failed half-way: this state must never be snapshotted. */
    failed: boolean;
    stop(): Promise<void>;
  }

  /** Releases a market's lease only if this instance still holds it. */
  const releaseLease = (market: string, revision: number) =>
    kv?.delete(market, { previousSeq: revision }).catch(() => {});

  async function tryAcquire(market: string): Promise<void> {
    const nc = deps.nats();
    if (!nc || !kv) return;
    let revision: number;
    try {
      revision = await kv.create(market, instanceId);
    } catch {
      return; // another instance owns it
    }
    try {
      await openMarket(market, revision);
    } catch (error) {
      deps.log.error("could not open market; trying again in 30 s", { market, error });
      notBefore.set(market, Date.now() + 30_000);
      const held = owned.get(market)?.revision ?? revision;
      owned.delete(market);
      await releaseLease(market, held);
    }
  }

  async function openMarket(market: string, revision: number): Promise<void> {
    const spec = await markets.require(market);
    const stored = await loadMatcherSnapshot(deps.db, market);
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
      spec,
      book,
      revision,
      leaseUntil: Date.now() + leaseTtl,
      lastCommandSeq: stored?.commandSequence ?? 0,
      commandsSinceSnapshot: 0,
      lastSnapshotAt: Date.now(),
      failed: false,
      stop: async () => {},
    };
    const nc = deps.nats()!;
    const info = await (await jetstreamManager(nc)).streams.info(names.commandStream);
    if (stored && state.lastCommandSeq + 1 < info.state.first_seq) {
      // Commands after the snapshot have aged out of the stream: replay cannot be exact.
      throw new Error(
        `commands ${state.lastCommandSeq + 1}..${info.state.first_seq - 1} are gone from ${names.commandStream}; restore a newer snapshot`,
      );
    }
    owned.set(market, state);
    // Redis keeps nothing across restarts: write the whole book before any diff.
    book.drainChangedLevels();
    await mirror(state, fullDepth(book), true, book.seq);

    const js = jetstream(nc);
    const consumer = await js.consumers.get(names.commandStream, {
      filter_subjects: names.commandSubject(market),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: state.lastCommandSeq + 1,
    });
    const messages = await consumer.consume({ max_messages: maxBatch * 2 });
    const queue: JsMsg[] = [];
    const signal: { wake: (() => void) | null } = { wake: null };
    const reader = (async () => {
      for await (const message of messages) {
        queue.push(message);
        signal.wake?.();
      }
    })();
    let active = true;
    const worker = (async () => {
      while (active) {
        if (queue.length === 0) {
          // Between batches is the only safe point for a snapshot: every command in the book
          // has had its events published.
          if (snapshotDue(state)) await snapshot(state).catch(() => {});
          await new Promise<void>((resolve) => {
            signal.wake = resolve;
            setTimeout(resolve, snapshotIntervalMs / 4).unref();
          });
          signal.wake = null;
          continue;
        }
        const batch = queue.splice(0, maxBatch);
        try {
          await applyBatch(state, batch);
        } catch (error) {
          // The batch's events may be half out; losing the market makes another instance
          // (or this one, later) replay from the snapshot, which is exact.
          deps.log.error("matcher batch failed; releasing market", { market, error });
          state.failed = true;
          active = false;
          owned.delete(market);
          await messages.close().catch(() => {});
          await releaseLease(market, state.revision);
        }
      }
    })();
    state.stop = async () => {
      active = false;
      signal.wake?.();
      await messages.close().catch(() => {});
      await Promise.allSettled([reader, worker]);
    };
    deps.log.info("market opened", {
      market,
      fromCommand: state.lastCommandSeq + 1,
      bookSeq: book.seq,
    });
  }

  async function applyBatch(state: OwnedMarket, batch: JsMsg[]): Promise<void> {
    const { book, spec } = state;
    const events: MatcherEvent[] = [];
    const fromSeq = book.seq + 1;
    for (const message of batch) {
      if (message.seq <= state.lastCommandSeq) continue;
      const received = receivePayload(deps.log, "commandSubject", message);
      const command = received
        ? toCoreCommand(received, book.seq + 1, Math.floor(message.info.timestampNanos / 1e6), book)
        : null;
      if (command) book.execute(command, events);
      state.lastCommandSeq = message.seq;
      state.commandsSinceSnapshot++;
    }
    if (book.seq < fromSeq) return;
    if (Date.now() > state.leaseUntil) throw new Error("lease expired before publishing");
    const js = jetstream(deps.nats()!);
    await publishEventBatches(
      js,
      subjects.eventSubject(spec.symbol),
      { market: spec.symbol, fromSeq, toSeq: book.seq, events },
      { timeoutMs: 5_000 },
    );
    const changed = book.drainChangedLevels();
    await mirror(state, changed, false, fromSeq);
    if (snapshotDue(state)) await snapshot(state);
  }

  function snapshotDue(state: OwnedMarket): boolean {
    if (state.commandsSinceSnapshot === 0) return false;
    return (
      state.commandsSinceSnapshot >= snapshotEvery ||
      Date.now() - state.lastSnapshotAt >= snapshotIntervalMs
    );
  }

  function fullDepth(book: OrderBook): { bids: DepthLevel[]; asks: DepthLevel[] } {
    return book.depth(Number.MAX_SAFE_INTEGER);
  }

  async function mirror(
    state: OwnedMarket,
    levels: { bids: DepthLevel[]; asks: DepthLevel[] },
    replace: boolean,
    firstSeq: number,
  ) {
    const { spec, book } = state;
    const convert = (list: DepthLevel[]) =>
      list.map((l): [string, string] => [
        formatDecimal(ticksToPrice(spec, l.priceTicks)),
        formatDecimal(lotsToAmount(spec, l.lots)),
      ]);
    const out: MirrorLevels = { bids: convert(levels.bids), asks: convert(levels.asks) };
    await writeBookMirror(deps.redis, deps.config.namespace, spec.symbol, book.seq, out, replace);
    const update: BookUpdateMessage = {
      market: spec.symbol,
      firstSeq,
      lastSeq: book.seq,
      snapshot: replace,
      ...out,
    };
    publishLive(deps, subjects.bookUpdateSubject(spec.symbol), update);
  }

  async function snapshot(state: OwnedMarket): Promise<void> {
    if (state.failed || Date.now() > state.leaseUntil) return;
    await saveMatcherSnapshot(deps.db, state.spec.symbol, {
      commandSequence: state.lastCommandSeq,
      bookSequence: state.book.seq,
      state: state.book.snapshot(),
    });
    state.commandsSinceSnapshot = 0;
    state.lastSnapshotAt = Date.now();
  }

  async function tick(): Promise<void> {
    const nc = deps.nats();
    if (!nc) return;
    if (!kv) {
      await ensureStreams(nc, names);
      kv = await new Kvm(nc).create(names.leaseBucket, { ttl: leaseTtl, history: 1 });
    }
    for (const [market, state] of owned) {
      try {
        state.revision = await kv.update(market, instanceId, state.revision);
        state.leaseUntil = Date.now() + leaseTtl;
      } catch {
        deps.log.warn("lost the lease of a market; stopping it", { market });
        owned.delete(market);
        await state.stop();
      }
    }
    // A new market is picked up at the next tick after its change message.
    for (const market of (await markets.all()).keys()) {
      if (!running) return;
      if (settings.markets && !settings.markets.includes(market)) continue;
      if (!owned.has(market) && (notBefore.get(market) ?? 0) <= Date.now())
        await tryAcquire(market);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await tick();
    } catch (error) {
      deps.log.warn("matcher waiting for its stores", { error: (error as Error).message });
    }
    if (running) timer = setTimeout(() => void loop(), Math.max(500, leaseTtl / 4));
  };
  await loop();

  return {
    instanceId,
    owned: () => [...owned.keys()],
    book: (market: string) => owned.get(market)?.book,
    /** Graceful: snapshot, release the leases so another instance can take over at once. */
    async stop() {
      running = false;
      clearTimeout(timer);
      for (const [market, state] of owned) {
        await state.stop();
        await snapshot(state).catch(() => {});
        await releaseLease(market, state.revision);
      }
      owned.clear();
    },
    /** Like a crash: no snapshot, leases left to expire. */
    async kill() {
      running = false;
      clearTimeout(timer);
      for (const state of owned.values()) await state.stop();
      owned.clear();
    },
  };
}

/** The bus message as a core command at the given market sequence and time. */
function toCoreCommand(
  message: CommandMessage,
  seq: number,
  ts: number,
  book: OrderBook,
): Command | null {
  switch (message.kind) {
    case "cancel": {
      const resting = book.getOrder(message.orderId);
      // Only the owner may cancel; the API checks too, this keeps the matcher honest on its own.
      if (resting && resting.userId !== message.userId) return null;
      return { type: "cancel", seq, ts, orderId: message.orderId };
    }
    case "place":
      return toOrderCommand(message, seq, ts);
    default:
      return assertNever(message);
  }
}

function toOrderCommand(message: PlaceOrderMessage, seq: number, ts: number): OrderCommand {
  const common = {
    seq,
    ts,
    orderId: message.orderId,
    userId: message.userId,
    selfTradePrevention: message.selfTradePrevention,
  };
  switch (message.type) {
    case "LIMIT":
      return {
        ...common,
        type: "limit",
        side: message.side,
        priceTicks: message.priceTicks ?? 0,
        lots: message.lots ?? 0,
        timeInForce: message.timeInForce,
        postOnly: message.postOnly,
      };
    case "MARKET":
      switch (message.side) {
        case "BUY":
          return { ...common, type: "market", side: "BUY", quoteBudget: message.quoteBudget ?? 0 };
        case "SELL":
          return { ...common, type: "market", side: "SELL", lots: message.lots ?? 0 };
        default:
          return assertNever(message.side);
      }
    default:
      return assertNever(message.type);
  }
}
