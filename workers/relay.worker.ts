import { jetstream } from "@nats-io/jetstream";
import type { Dependencies } from "../kernel/dependencies.ts";
import { ensureStreams, publishDurable } from "../bus/jetstream.ts";
import { checkPayload } from "../bus/payloads.ts";
import { busNames, type Subject } from "../bus/subjects.ts";
import {
  findStalePendingOrders,
  takeOutboxBatch,
  type OutboxMessage,
} from "../db/outbox.repository.ts";
import { marketsOf } from "../services/markets.provider.ts";
import { placeCommandOf } from "../services/place-command.ts";

export interface RelaySettings {
  /** Outbox rows published per transaction. */
  batchSize: number;
  /** Pause after a batch that was not full. */
  idleMs: number;
  /** An order PENDING this long after its command was sent is sent again. */
  resendAfterSeconds: number;
}
/** What tests and callers may override; the rest comes from `defaults`. */
export type RelayOptions = Partial<RelaySettings>;

export const defaults: RelaySettings = { batchSize: 500, idleMs: 20, resendAfterSeconds: 10 };

/**
 * The outbox relay: publishes outbox rows to JetStream with Nats-Msg-Id and deletes them in the
 * same transaction. NATS down: the transaction rolls back, rows wait, orders stay PENDING.
 * Several may run: an advisory lock lets one publish at a time (commands keep their order)
 * while the others stand by.
 */
export async function start(deps: Dependencies, settings: RelaySettings) {
  const { batchSize, idleMs, resendAfterSeconds: resendAfter } = settings;
  const names = busNames(deps.config.namespace);
  const markets = marketsOf(deps);
  let running = true;
  let streamsReady = false;
  let lastResend = 0;
  let wake: (() => void) | null = null;

  async function publish(messages: OutboxMessage[]): Promise<void> {
    const nc = deps.nats();
    if (!nc) throw new Error("NATS unavailable");
    if (!streamsReady) {
      await ensureStreams(nc, names);
      streamsReady = true;
    }
    const js = jetstream(nc);
    // Places go out pipelined; a cancel waits until everything before it is acknowledged, so a
    // place that fails (and is sent again later) can never fall behind its own cancel.
    let pending: Promise<unknown>[] = [];
    for (const m of messages) {
      const command = checkPayload(deps.log, "commandSubject", m.payload, { outbox: m.id });
      if (!command) continue;
      if (command.kind === "cancel" && pending.length) {
        await Promise.all(pending);
        pending = [];
      }
      const subject: Subject<"commandSubject"> = { name: "commandSubject", subject: m.subject };
      pending.push(
        publishDurable(js, subject, command, { messageId: m.messageId, timeoutMs: 5_000 }),
      );
    }
    await Promise.all(pending);
  }

  async function relayOnce(): Promise<number> {
    return deps.db.transaction(async (tx) => {
      const messages = await takeOutboxBatch(tx, batchSize);
      if (messages.length === 0) return 0;
      await publish(messages);
      return messages.length;
    });
  }

  async function resendStale(now: number): Promise<void> {
    if (now - lastResend < resendAfter * 500) return;
    lastResend = now;
    const stale = await findStalePendingOrders(deps.db, resendAfter, 20 * 3600, batchSize);
    if (stale.length === 0) return;
    const messages: OutboxMessage[] = [];
    for (const order of stale) {
      const command = placeCommandOf(order, await markets.require(order.market));
      messages.push({
        id: order.id,
        subject: names.commandSubject(order.market),
        messageId: `place:${order.id}`,
        payload: command,
      });
    }
    await publish(messages);
    deps.log.info("re-sent place commands of orders still pending", { count: stale.length });
  }

  const done = (async () => {
    let failures = 0;
    while (running) {
      try {
        const sent = await relayOnce();
        await resendStale(Date.now());
        failures = 0;
        if (sent < batchSize) await sleep(idleMs);
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

  function sleep(ms: number) {
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
    },
  };
}
