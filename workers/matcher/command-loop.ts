import { DeliverPolicy, jetstream, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { publishEventBatches } from "../../bus/event-messages.ts";
import { receivePayload } from "../../bus/payloads.ts";
import type { MatcherEvent, TradeEvent } from "../../matcher/index.ts";
import { recordBatch } from "./batch-metrics.ts";
import { mirrorBook } from "./book-mirror.ts";
import { applyCommand } from "./commands.ts";
import { saveSnapshot, snapshotDue, type MatcherContext, type OwnedMarket } from "./market.ts";

/**
 * Reads the market's commands from the one after the book's last and applies them in batches as
 * they arrive; snapshots between batches when one is due. A failed batch gives the market up
 * (its lease too). Resolves, once reading has started, to what stops it.
 */
export async function consumeCommands(
  ctx: MatcherContext,
  nc: NatsConnection,
  state: OwnedMarket,
): Promise<() => Promise<void>> {
  const { deps, names, settings } = ctx;
  const { market } = state;
  const consumer = await jetstream(nc).consumers.get(names.commandStream, {
    filter_subjects: names.commandSubject(market),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: state.lastCommandSeq + 1,
  });
  const messages = await consumer.consume({ max_messages: settings.maxBatch * 2 });
  const inbox = new Inbox(messages);
  let active = true;
  let ended = false;
  void inbox.reading.finally(() => (ended = true));
  state.reading = () => !ended;
  const worker = (async () => {
    while (active) {
      if (inbox.empty) {
        // Between batches is the only safe point for a snapshot: every command in the book
        // has had its events published.
        if (snapshotDue(settings, state)) await saveSnapshot(ctx, state).catch(() => {});
        await inbox.next(settings.snapshotIntervalMs / 4);
        continue;
      }
      const batch = inbox.take(settings.maxBatch);
      try {
        await applyBatch(ctx, state, batch);
      } catch (error) {
        // The batch's events may be half out; losing the market makes another instance
        // (or this one, later) replay from the snapshot, which is exact.
        deps.log.error("matcher batch failed; releasing market", { market, error });
        state.failed = true;
        active = false;
        ctx.owned.delete(market);
        await messages.close().catch(() => {});
        await ctx.leases.release(market, state.revision);
      }
    }
  })();
  return async () => {
    active = false;
    inbox.wake();
    await messages.close().catch(() => {});
    await Promise.allSettled([inbox.reading, worker]);
  };
}

/** Messages as they arrive, read in the background, and a way to wait for the next one. */
class Inbox {
  private readonly queue: JsMsg[] = [];
  private waiting: (() => void) | null = null;
  readonly reading: Promise<void>;

  constructor(messages: AsyncIterable<JsMsg>) {
    this.reading = (async () => {
      for await (const message of messages) {
        this.queue.push(message);
        this.waiting?.();
      }
    })();
  }

  get empty(): boolean {
    return this.queue.length === 0;
  }

  take(max: number): JsMsg[] {
    return this.queue.splice(0, max);
  }

  /** Resolves when a message arrives, `wake` is called or `ms` have passed. */
  async next(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.waiting = resolve;
      setTimeout(resolve, ms).unref();
    });
    this.waiting = null;
  }

  wake(): void {
    this.waiting?.();
  }
}

/**
 * Applies a batch of commands (skipping those the book already has), publishes their events,
 * mirrors the levels they changed, and snapshots when due.
 */
async function applyBatch(ctx: MatcherContext, state: OwnedMarket, batch: JsMsg[]): Promise<void> {
  const startedAt = performance.now();
  const { book } = state;
  const events: MatcherEvent[] = [];
  const applied: JsMsg[] = [];
  const fromSeq = book.seq + 1;
  for (const message of batch) {
    if (message.seq <= state.lastCommandSeq) continue;
    const received = receivePayload(ctx.deps.log, "commandSubject", message);
    if (received) {
      applyCommand(received, Math.floor(message.info.timestampNanos / 1e6), book, events);
      if (received.kind === "status") {
        ctx.deps.log.info("market status applied", {
          market: state.market,
          status: received.status,
          command: message.seq,
        });
      }
    }
    state.lastCommandSeq = message.seq;
    state.commandsSinceSnapshot++;
    applied.push(message);
  }
  if (book.seq >= fromSeq) {
    await publishEvents(ctx, state, fromSeq, events);
    const changed = book.drainChangedLevels();
    const trades = events.filter((e): e is TradeEvent => e.type === "trade");
    await mirrorBook(ctx, state, changed, false, fromSeq, trades);
  }
  recordBatch(ctx.deps.metrics, state.market, applied, events, startedAt);
  if (book.seq >= fromSeq && snapshotDue(ctx.settings, state)) await saveSnapshot(ctx, state);
}

/**
 * The events of market sequences fromSeq..book.seq to JetStream — only while the lease holds,
 * since past it another instance may already own the market.
 */
async function publishEvents(
  ctx: MatcherContext,
  state: OwnedMarket,
  fromSeq: number,
  events: MatcherEvent[],
): Promise<void> {
  if (Date.now() > state.leaseUntil) throw new Error("lease expired before publishing");
  const { symbol } = state.spec;
  await publishEventBatches(
    jetstream(ctx.deps.nats()!),
    ctx.subjects.eventSubject(symbol),
    { market: symbol, fromSeq, toSeq: state.book.seq, events },
    { timeoutMs: 5_000 },
  );
}
