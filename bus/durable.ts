import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type JsMsg,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Dependencies } from "../kernel/dependencies.ts";
import { ensureStreams } from "./jetstream.ts";
import { receivePayload } from "./payloads.ts";
import { busNames, type EventBatchMessage } from "./subjects.ts";

/** An event message as delivered, with its payload checked on arrival (bus/payloads.ts). */
export type EventDelivery = JsMsg & { readonly payload: EventBatchMessage };

/** Messages to hand back: `soon` (waiting on an earlier one, 200 ms) or `later` (failing, 5 s). */
export interface Redelivery {
  soon?: JsMsg[];
  later?: JsMsg[];
}

export interface DurableOptions {
  /** Durable consumer name; every process with the same name shares the work. */
  name: string;
  maxBatch?: number;
  /**
   * Milliseconds from the start of one batch to the start of the next (default 0: at once).
   * Messages that arrive in between wait and go together, so a consumer whose readers can take
   * a little staleness runs fewer, larger transactions. The linger delays a message by at most
   * `lingerMs`; a consumer busy for longer than it never waits, and a batch that already holds
   * `maxBatch` messages starts at once.
   */
  lingerMs?: number;
  /**
   * Handles messages in stream order and says which to hand back (the rest are acked).
   * Throwing hands the whole batch back after a pause. A message that is not an event batch
   * never reaches it: it is logged and terminated.
   */
  handle(messages: EventDelivery[]): Promise<Redelivery>;
}

/**
 * How long a delivered event may go unacknowledged before NATS hands it to another consumer: a
 * consumer that died mid-batch is replaced within this (issue 12: it was 30 s, then 5 s; the chaos
 * run measured settlement back 10.9 s after a kill -9 with 5 s). A live consumer keeps its
 * messages with a heartbeat (`working()`) every HEARTBEAT_MS, however long a batch takes; a
 * process stalled past the ack wait only gets its messages again (settlement and market data
 * apply each market sequence once).
 */
const ACK_WAIT_NS = 2_000_000_000;
const HEARTBEAT_MS = 500;
/** How often the consumer's backlog is read from JetStream for /metrics (off the message path). */
const PENDING_POLL_MS = 5_000;

/** Events the consumer never applied have aged out of the stream: going on would skip them. */
class EventsLost extends Error {}

/**
 * Refuses (EventsLost) when messages after the consumer's ack floor are no longer in the stream:
 * retention (7 days) removed events it never applied, so reading on would lose them silently.
 * A consumer that has acked nothing yet is not judged (a new deployment on an old stream).
 */
async function refuseLostEvents(
  jsm: Awaited<ReturnType<typeof jetstreamManager>>,
  stream: string,
  consumer: string,
): Promise<void> {
  const [streamInfo, consumerInfo] = await Promise.all([
    jsm.streams.info(stream),
    jsm.consumers.info(stream, consumer),
  ]);
  const floor = consumerInfo.ack_floor.stream_seq;
  const first = streamInfo.state.first_seq;
  if (floor > 0 && first > floor + 1) {
    throw new EventsLost(
      `events ${floor + 1}–${first - 1} of ${stream} left the stream (retention) before ${consumer} applied them; restore them, or rebuild ${consumer}'s state, before it may go on`,
    );
  }
}

/**
 * A durable, explicitly acked consumer of the event stream that hands its handler whatever has
 * arrived since the last call (micro-batches), reconnecting while NATS is down.
 */
export function startDurableEventConsumer(deps: Dependencies, options: DurableOptions) {
  const names = busNames(deps.config.namespace);
  const maxBatch = options.maxBatch ?? 500;
  const lingerMs = options.lingerMs ?? 0;
  const { metrics } = deps;
  const consumerLabel = { consumer: options.name };
  const counted = (outcome: string, count: number) =>
    count > 0 && metrics.consumerMessages.inc({ ...consumerLabel, outcome }, count);
  let running = true;
  let closeCurrent: (() => Promise<void>) | null = null;

  /** The consumer's backlog as JetStream counts it, for /metrics; a failure keeps the last. */
  let pendingManager: { nc: NatsConnection; jsm: JetStreamManager } | null = null;
  async function readPending(): Promise<void> {
    const nc = deps.nats();
    if (!nc) return;
    try {
      if (pendingManager?.nc !== nc) pendingManager = { nc, jsm: await jetstreamManager(nc) };
      const info = await pendingManager.jsm.consumers.info(names.eventStream, options.name);
      metrics.consumerPending.set(consumerLabel, info.num_pending);
      metrics.consumerAckPending.set(consumerLabel, info.num_ack_pending);
      metrics.pollSuccess.set({ poll: `${options.name}_consumer` }, Date.now() / 1000);
    } catch {
      // Not made yet, or NATS is down: runOnce says so in the log.
    }
  }

  async function runOnce(): Promise<void> {
    const nc = deps.nats();
    if (!nc) throw new Error("NATS unavailable");
    await ensureStreams(nc, names);
    const jsm = await jetstreamManager(nc);
    let existing: Awaited<ReturnType<typeof jsm.consumers.info>> | null = null;
    try {
      existing = await jsm.consumers.info(names.eventStream, options.name);
    } catch {
      await jsm.consumers.add(names.eventStream, {
        durable_name: options.name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: names.allEvents,
        max_ack_pending: 10_000,
        ack_wait: ACK_WAIT_NS,
      });
    }
    if (existing && existing.config.ack_wait !== ACK_WAIT_NS) {
      // A consumer made by an earlier version (30 s): a dead consumer's batches come back sooner.
      await jsm.consumers.update(names.eventStream, options.name, { ack_wait: ACK_WAIT_NS });
    }
    await refuseLostEvents(jsm, names.eventStream, options.name);
    metrics.consumerStopped.set(consumerLabel, 0);
    void readPending(); // at once, not PENDING_POLL_MS after a consumer was made
    const consumer = await jetstream(nc).consumers.get(names.eventStream, options.name);
    const messages = await consumer.consume({ max_messages: maxBatch * 2 });
    const queue: JsMsg[] = [];
    const signal: { wake: (() => void) | null } = { wake: null };
    let open = true;
    closeCurrent = async () => {
      open = false;
      signal.wake?.();
      await messages.close().catch(() => {});
    };
    // Heartbeat: every message taken and not yet acked says it is being worked on, so the short
    // ack wait redelivers only what a consumer that died (or lost NATS) left behind.
    let inFlight: JsMsg[] = [];
    const heartbeat = setInterval(() => {
      for (const m of inFlight) m.working();
      for (const m of queue) m.working();
    }, HEARTBEAT_MS);
    const reader = (async () => {
      for await (const message of messages) {
        queue.push(message);
        signal.wake?.();
      }
      open = false;
      signal.wake?.();
    })();
    let batchStartedAt = -Infinity;
    while (running && open) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (signal.wake = resolve));
        signal.wake = null;
        continue;
      }
      const lingering = batchStartedAt + lingerMs - performance.now();
      if (lingering > 0 && queue.length < maxBatch) {
        // Ends early once the queue holds a full batch, or on a stop or a closed subscription.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, lingering);
          signal.wake = () => {
            if (queue.length < maxBatch && running && open) return;
            clearTimeout(timer);
            resolve();
          };
        });
        signal.wake = null;
        continue;
      }
      batchStartedAt = performance.now();
      const batch: EventDelivery[] = [];
      const taken = queue.splice(0, maxBatch);
      for (const message of taken) {
        const payload = receivePayload(deps.log, "eventSubject", message);
        if (payload === undefined) message.term();
        else batch.push(Object.assign(message, { payload }));
      }
      counted("dropped", taken.length - batch.length);
      if (batch.length === 0) continue;
      let redelivery: Redelivery;
      inFlight = batch;
      const endTimer = metrics.consumerBatchDuration.startTimer(consumerLabel);
      try {
        redelivery = await options.handle(batch);
      } catch (error) {
        endTimer();
        deps.log.warn(`${options.name}: batch failed, will be redelivered`, {
          error: (error as Error).message,
        });
        for (const m of batch) m.nak(1_000);
        counted("failed", batch.length);
        inFlight = [];
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      endTimer();
      inFlight = [];
      const soon = new Set(redelivery.soon);
      const later = new Set(redelivery.later);
      let handedBack = 0;
      for (const m of batch) {
        if (soon.has(m)) m.nak(200);
        else if (later.has(m)) m.nak(5_000);
        else m.ack();
        if (soon.has(m) || later.has(m)) handedBack++;
      }
      counted("redelivered", handedBack);
      counted("acked", batch.length - handedBack);
    }
    clearInterval(heartbeat);
    // Stopped before `closeCurrent` was set (within its first moments): the reader ends only so.
    await messages.close().catch(() => {});
    await reader.catch(() => {});
  }

  let problem: string | null = null;
  let reportedAt = 0;
  metrics.consumerStopped.set(consumerLabel, 0);
  const done = (async () => {
    while (running) {
      try {
        problem = null;
        await runOnce();
      } catch (error) {
        if (error instanceof EventsLost) {
          // Not a wait: events are gone. Said loudly (each minute) and kept refusing.
          problem = error.message;
          metrics.consumerStopped.set(consumerLabel, 1);
          if (Date.now() - reportedAt > 60_000) {
            reportedAt = Date.now();
            deps.log.error(`${options.name} refuses to go on`, { error: error.message });
          }
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          continue;
        }
        if (running)
          deps.log.warn(`${options.name} waiting for NATS`, { error: (error as Error).message });
      }
      if (running) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();

  const pendingPoll = setInterval(() => void readPending(), PENDING_POLL_MS);
  pendingPoll.unref();

  return {
    /** Why the consumer refuses to run (events lost to retention), or null. */
    problem: () => problem,
    async stop() {
      running = false;
      clearInterval(pendingPoll);
      await closeCurrent?.();
      await done;
    },
  };
}
