import { jetstream, type JetStreamManager, type PubAck } from "@nats-io/jetstream";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { subscribeLive } from "../bus/live.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  ensureStreams,
  messageIdAt,
  publishDurable,
  stillHolds,
  streamMark,
  type StreamMark,
} from "../bus/jetstream.ts";
import { checkPayload } from "../bus/payloads.ts";
import { busNames, busSubjects, type Subject } from "../bus/subjects.ts";
import {
  findStalePendingOrders,
  recordCommandSeqs,
  takeOutboxBatch,
  tryRelayLock,
  type OutboxMessage,
  type StaleCursor,
  type StalePendingOrder,
} from "../db/outbox.repository.ts";
import { marketsOf } from "../services/markets.provider.ts";
import { placeCommandOf } from "../services/place-command.ts";

export interface RelaySettings {
  /** Outbox rows published per transaction; also stale orders re-checked per round. */
  batchSize: number;
  /**
   * Pause after a batch that was not full, in ms. Only a safety net: an API process's hint after
   * each outbox commit ends the pause at once, so this bounds what a lost hint costs (and how
   * soon a relay standing by notices the lock is free). 20 ms kept an idle platform's PostgreSQL
   * at 3 % of a core; 200 ms, 0.4 % (docs/PERFORMANCE.md, tenth pass).
   */
  idleMs: number;
  /**
   * An order PENDING this long after its command was sent is re-checked: its command is sent
   * again only when the command stream no longer holds it.
   */
  resendAfterSeconds: number;
}
/** What tests and callers may override; the rest comes from `defaults`. */
export type RelayOptions = Partial<RelaySettings>;

export const defaults: RelaySettings = { batchSize: 500, idleMs: 200, resendAfterSeconds: 10 };

/**
 * Sequences of place commands this old are written on their orders still PENDING (a quarter of
 * the re-check's wait when that is shorter, so every stale order has its sequence written), …
 */
const SEQUENCES_AFTER_MS = 1_000;
/** … at most this often. */
const SEQUENCES_EVERY_MS = 500;
/** Published place commands waiting to have their sequences written, at most. */
const UNWRITTEN_MAX = 200_000;
/** Orders per statement writing sequences. */
const SEQUENCES_PER_STATEMENT = 5_000;
/** Orders whose command was seen in the stream, kept to skip looking again (bounded). */
const VERIFIED_MAX = 100_000;
/** Stream look-ups in flight at once while re-checking stale orders. */
const LOOKUPS_AT_ONCE = 64;
/** Summaries of what the re-check found present, or could not re-send, at most this often. */
const SUMMARY_EVERY_MS = 60_000;

/** A place command the relay published, and where the stream says it is. */
interface Placed {
  orderId: string;
  seq: number;
  duplicate: boolean;
}

/**
 * The outbox relay: publishes outbox rows to JetStream with Nats-Msg-Id and deletes them in the
 * same transaction, remembering where each place command landed, and writing that on the order
 * (`command_seq`) a second later if the order is still PENDING then. NATS down: the transaction
 * rolls back, rows wait, orders stay PENDING. Several may run: an advisory lock lets one publish
 * at a time (commands keep their order) while the others stand by.
 *
 * Orders still PENDING a while later are re-checked, a page per round, and re-sent only when
 * their command is really missing from the command stream: no sequence recorded or remembered,
 * or the message at it gone or another one (the stream was purged, or made again after NATS lost
 * its store). PENDING alone proves nothing — it ends only when settlement applies the matcher's events, so
 * with settlement down every order stays PENDING while its command sits in the stream.
 */
export async function start(deps: Dependencies, settings: RelaySettings) {
  const { batchSize, idleMs, resendAfterSeconds: resendAfter } = settings;
  const names = busNames(deps.config.namespace);
  const markets = marketsOf(deps);
  let running = true;
  let streamsReady = false;
  let lastResend = 0;
  let wake: (() => void) | null = null;
  /**
   * Set when an API process said it committed outbox rows (`outboxWritten`): the next round
   * starts at once instead of after `idleMs`. The poll stays, for hints lost or not sent.
   */
  let written = false;
  /**
   * Only the pause between rounds is cut short by a hint: never the back-off after a failure, nor
   * the pause of a relay standing by.
   */
  let idle = false;
  let hints: { nc: NatsConnection; subscription: Subscription } | null = null;
  function listenForWrites(): void {
    const nc = deps.liveNats();
    if (!nc || nc.isClosed() || hints?.nc === nc) return;
    try {
      const subject = busSubjects(deps.config.namespace).outboxWrittenSubject;
      const subscription = subscribeLive(nc, deps.log, subject, () => {
        written = true;
        if (idle) wake?.();
      });
      hints = { nc, subscription };
    } catch {
      // closing: tried again next round
    }
  }
  let manager: { nc: NatsConnection; jsm: JetStreamManager } | null = null;

  /** Where the stale orders' re-check goes on from. */
  let cursor: StaleCursor | null = null;
  /**
   * Order → where its command was seen in the command stream (or published to, as a new message),
   * and the stream's mark then; while `stillHolds` says so it needs no look-up. Bounded: the
   * oldest are forgotten first (and looked up again if still needed).
   */
  const verified = new Map<string, { seq: number; under: StreamMark }>();
  /** The command stream's mark as last read (each round that has stale orders). */
  let mark: StreamMark | null = null;
  /**
   * Orders whose command is gone from the stream but whose id is still in its duplicate window,
   * so a re-send is dropped as a copy: tried again at most once a minute.
   */
  const undeliverable = new Map<string, number>();
  const summaries = { presentAt: 0, undeliverableAt: 0 };

  async function connection(): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
    const nc = deps.nats();
    if (!nc) throw new Error("NATS unavailable");
    if (!streamsReady || manager?.nc !== nc) {
      manager = { nc, jsm: await ensureStreams(nc, names) };
      streamsReady = true;
    }
    // What the commands published from now on are remembered under (any mark read before they
    // were written will do: `stillHolds` only ever trusts it less).
    mark ??= await streamMark(manager.jsm, names.commandStream);
    return manager;
  }

  /**
   * Publishes the messages; answers how many went out (a malformed one is logged and skipped)
   * and the place commands among them with their PubAcks.
   */
  async function publish(messages: OutboxMessage[]): Promise<{ sent: number; placed: Placed[] }> {
    const { nc } = await connection();
    const js = jetstream(nc);
    // Everything goes out pipelined, but a cancel whose order's place is in this round waits for
    // that place's acknowledgement, so a place that fails (and is sent again later) can never
    // fall behind its own cancel; other orders' commands do not hold it back. A market status
    // command holds back what follows it until everything before it and it are acknowledged, so
    // no order ends up on the other side of a halt than the one it was written on.
    let pending: Promise<unknown>[] = [];
    let sent = 0;
    /** Each place command's acknowledgement, by order, in publish order. */
    const placeAcks = new Map<string, Promise<PubAck>>();
    for (const m of messages) {
      const command = checkPayload(deps.log, "commandSubject", m.payload, { outbox: m.id });
      if (!command) continue;
      sent++;
      const ownPlace = command.kind === "cancel" ? placeAcks.get(command.orderId) : undefined;
      if (ownPlace) {
        // Failed: the round rolls back; the other acks still in flight must not go unhandled.
        await ownPlace.catch((error: unknown) => {
          for (const ack of pending) ack.catch(() => {});
          throw error;
        });
      }
      if (command.kind === "status" && pending.length) {
        await Promise.all(pending);
        pending = [];
      }
      const subject: Subject<"commandSubject"> = { name: "commandSubject", subject: m.subject };
      const ack = publishDurable(js, subject, command, {
        messageId: m.messageId,
        timeoutMs: 5_000,
      });
      pending.push(ack);
      if (command.kind === "place") placeAcks.set(command.orderId, ack);
      if (command.kind === "status") {
        await ack;
        pending = [];
      }
    }
    // Every ack is in `pending` (or was awaited before a cancel): none is left unhandled.
    await Promise.all(pending);
    const acks: Placed[] = [];
    for (const [orderId, ack] of placeAcks) {
      const { seq, duplicate } = await ack;
      acks.push({ orderId, seq, duplicate });
    }
    // Written there just now, after `mark` was read (a duplicate's sequence is an older one's).
    if (mark) for (const p of acks) if (!p.duplicate) remember(p.orderId, p.seq, mark);
    return { sent, placed: acks };
  }

  function remember(orderId: string, seq: number, under: StreamMark) {
    verified.delete(orderId);
    verified.set(orderId, { seq, under });
    if (verified.size > VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  }

  /**
   * Place commands this relay published whose sequences are not written on their orders yet,
   * oldest first. Once a command is `sequencesAfter` old its sequence is written on its order
   * if that is still PENDING (most have settled by then, and are not written at all), at most
   * every `sequencesEvery`, and all of them when the relay stops: so another relay, or this
   * one restarted, re-checking a stale order finds where its command is instead of sending a
   * copy. Bounded: past UNWRITTEN_MAX the oldest are dropped (such an order, if it goes stale,
   * gets one copy, which the stream drops, and is recorded then).
   */
  let unwritten: { placed: Placed; at: number }[] = [];
  let sequencesWrittenAt = 0;
  const sequencesAfter = Math.min(SEQUENCES_AFTER_MS, resendAfter * 250);
  const sequencesEvery = Math.min(SEQUENCES_EVERY_MS, sequencesAfter / 2);

  async function writeSequences(now: number, all = false): Promise<void> {
    if (unwritten.length > UNWRITTEN_MAX) unwritten = unwritten.slice(-UNWRITTEN_MAX);
    if (!all && now - sequencesWrittenAt < sequencesEvery) return;
    sequencesWrittenAt = now;
    const due = all ? unwritten.length : unwritten.findIndex((u) => u.at > now - sequencesAfter);
    let count = due === -1 ? unwritten.length : due;
    while (count > 0) {
      const chunk = unwritten.slice(0, Math.min(count, SEQUENCES_PER_STATEMENT));
      await deps.db.transaction((tx) =>
        recordCommandSeqs(
          tx,
          chunk.map((u) => u.placed),
        ),
      );
      unwritten = unwritten.slice(chunk.length);
      count -= chunk.length;
    }
  }

  /**
   * Rows taken (and deleted) from the outbox; null when another relay holds the relay lock (this
   * one stands by). A round that committed is counted in eventhub_relay_batch_commands.
   */
  async function relayOnce(): Promise<number | null> {
    let published = 0;
    const taken = await deps.db.transaction(async (tx) => {
      const messages = await takeOutboxBatch(tx, batchSize);
      if (messages === null) return null;
      if (messages.length === 0) return 0;
      // Where each place command landed is written on its order later, and only if the order is
      // still PENDING then (writeSequences). Writing it on every order in this transaction cost
      // 7-10 % of PostgreSQL's time, and under a backlog its plan (over the PENDING index,
      // which statistics taken at a quiet moment call small) ran for seconds while holding rows
      // settlement then waited for.
      const at = Date.now();
      const { sent, placed } = await publish(messages);
      for (const p of placed) unwritten.push({ placed: p, at });
      published = sent;
      return messages.length;
    });
    if (published > 0) deps.metrics.relayBatchSize.observe(published);
    return taken;
  }

  /**
   * Which of the stale orders' commands the stream does not hold: no sequence recorded on the
   * order nor remembered from its publish, or the message at it gone or another one. One stream
   * info per round; a look-up by sequence (several at once) only for an order whose command
   * `stillHolds` cannot vouch for.
   */
  async function missingOf(
    jsm: JetStreamManager,
    stale: StalePendingOrder[],
  ): Promise<{ missing: StalePendingOrder[]; present: number; unrecorded: Placed[] }> {
    const now = await streamMark(jsm, names.commandStream);
    mark = now;
    const held = (id: string) => {
      const seen = verified.get(id);
      return seen && stillHolds(now, seen.seq, seen.under) ? seen.seq : null;
    };
    const missing: StalePendingOrder[] = [];
    const lookUp: { stale: StalePendingOrder; seq: number }[] = [];
    // Found where this relay remembers it but not yet recorded on the order: recorded now.
    const unrecorded: Placed[] = [];
    for (const s of stale) {
      // Where the command should be: recorded on the order, or remembered from its publish.
      const seq = s.commandSeq ?? verified.get(s.order.id)?.seq ?? null;
      if (seq === null) missing.push(s);
      else if (held(s.order.id) !== seq) lookUp.push({ stale: s, seq });
      else if (s.commandSeq === null)
        unrecorded.push({ orderId: s.order.id, seq, duplicate: false });
    }
    for (let i = 0; i < lookUp.length; i += LOOKUPS_AT_ONCE) {
      const chunk = lookUp.slice(i, i + LOOKUPS_AT_ONCE);
      const ids = await Promise.all(chunk.map((l) => messageIdAt(jsm, names.commandStream, l.seq)));
      chunk.forEach(({ stale: s, seq }, j) => {
        if (ids[j] !== `place:${s.order.id}`) return void missing.push(s);
        remember(s.order.id, seq, now);
        if (s.commandSeq === null) unrecorded.push({ orderId: s.order.id, seq, duplicate: false });
      });
    }
    return { missing, present: stale.length - missing.length, unrecorded };
  }

  async function resendStale(now: number): Promise<void> {
    if (now - lastResend < resendAfter * 500) return;
    lastResend = now;
    await deps.db.transaction(async (tx) => {
      // One relay at a time: the others would only repeat the same look-ups.
      if (!(await tryRelayLock(tx))) return;
      const { stale, next } = await findStalePendingOrders(tx, {
        olderThanSeconds: resendAfter,
        maxAgeSeconds: 20 * 3600,
        limit: batchSize,
        after: cursor,
      });
      if (stale.length === 0) return void (cursor = next);
      const { jsm } = await connection();
      const { missing, present, unrecorded } = await missingOf(jsm, stale);
      // A command the stream dropped as a copy last time is tried again once a minute only.
      const due = missing.filter((s) => (undeliverable.get(s.order.id) ?? 0) <= now);
      const messages: OutboxMessage[] = [];
      for (const { order } of due) {
        const command = placeCommandOf(order, await markets.require(order.market));
        messages.push({
          id: order.id,
          subject: names.commandSubject(order.market),
          messageId: `place:${order.id}`,
          payload: command,
        });
      }
      // Where each command was last known to be: a copy acknowledged there was dropped.
      const before = new Map(
        due.map((s) => [s.order.id, s.commandSeq ?? verified.get(s.order.id)?.seq ?? null]),
      );
      const { placed } = messages.length ? await publish(messages) : { placed: [] };
      await recordCommandSeqs(tx, [...unrecorded, ...placed]);
      cursor = next;

      const dropped = placed.filter((p) => p.duplicate && p.seq === before.get(p.orderId));
      for (const p of placed) undeliverable.delete(p.orderId);
      for (const p of dropped) undeliverable.set(p.orderId, now + SUMMARY_EVERY_MS);
      if (undeliverable.size > VERIFIED_MAX) undeliverable.clear();

      // Sent with no sequence known (published moments before this relay restarted, say) and
      // taken as copies: the PubAck names where the stream had them, recorded above, and that
      // sequence is looked at next round (the message may since have been purged).
      const located = placed.filter((p) => p.duplicate && before.get(p.orderId) == null);
      if (located.length) {
        deps.log.debug("place commands with no known sequence sent again were taken as copies", {
          count: located.length,
        });
      }
      const resent = placed.length - dropped.length - located.length;
      if (resent > 0) {
        deps.log.info("re-sent place commands not found in the command stream", {
          count: resent,
          withoutSequence: due.filter((s) => before.get(s.order.id) == null).length,
        });
      }
      if (dropped.length && now - summaries.undeliverableAt >= SUMMARY_EVERY_MS) {
        summaries.undeliverableAt = now;
        deps.log.error(
          "place commands gone from the command stream cannot be re-sent: their ids are still in its duplicate window, so it drops them; these orders stay PENDING (docs/ORDERS.md §2)",
          { count: dropped.length, orders: dropped.slice(0, 10).map((p) => p.orderId) },
        );
      }
      if (present > 0) {
        const fields = { count: present, checked: stale.length };
        const message = "orders pending but their commands are in the stream; not re-sent";
        if (now - summaries.presentAt >= SUMMARY_EVERY_MS) {
          summaries.presentAt = now;
          deps.log.info(message, fields);
        } else deps.log.debug(message, fields);
      }
    });
  }

  const done = (async () => {
    let failures = 0;
    while (running) {
      try {
        listenForWrites();
        written = false;
        const sent = await relayOnce();
        await writeSequences(Date.now());
        await resendStale(Date.now());
        failures = 0;
        // A relay standing by is not woken by hints: the one holding the lock publishes.
        if (sent === null || (sent < batchSize && !written)) {
          idle = sent !== null;
          await sleep(idleMs);
          idle = false;
        }
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 50 === 0) {
          deps.log.warn("outbox relay waiting for its stores", {
            error: (error as Error).message,
            failures,
          });
        }
        streamsReady = false;
        await sleep(Math.min(100 * failures, 1_000));
      }
    }
  })();

  /** Resolves after `ms`, on `wake`, or at once once stopping (stop must not wait it out). */
  function sleep(ms: number) {
    if (!running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  return {
    async stop() {
      running = false;
      wake?.();
      await done;
      // The next relay finds these orders' commands where they are instead of sending copies.
      await writeSequences(Date.now(), true).catch(() => {});
      try {
        hints?.subscription.unsubscribe();
      } catch {
        // the connection is closed already
      }
    },
  };
}
