import { jetstream } from "@nats-io/jetstream";
import type { Dependencies } from "../api/dependencies.ts";
import { ensureStreams } from "../bus/jetstream.ts";
import { busNames } from "../bus/subjects.ts";
import { listMarkets } from "../db/markets.repository.ts";
import {
  findStalePendingOrders,
  takeOutboxBatch,
  type OutboxMessage,
} from "../db/outbox.repository.ts";
import { marketSpec } from "./market-spec.ts";
import { placeCommandOf } from "./orders.service.ts";

export interface RelayOptions {
  batchSize?: number;
  idleMs?: number;
  /** An order PENDING this long after its command was sent is sent again. */
  resendAfterSeconds?: number;
}

/**
 * Publishes outbox rows to JetStream with Nats-Msg-Id and deletes them in the same transaction.
 * NATS down: the transaction rolls back, rows wait, orders stay PENDING.
 */
export function startOutboxRelay(deps: Dependencies, options: RelayOptions = {}) {
  const batchSize = options.batchSize ?? 500;
  const idleMs = options.idleMs ?? 20;
  const resendAfter = options.resendAfterSeconds ?? 10;
  const names = busNames(deps.config.namespace);
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
      const isCancel = (m.payload as { kind?: string }).kind === "cancel";
      if (isCancel && pending.length) {
        await Promise.all(pending);
        pending = [];
      }
      pending.push(
        js.publish(m.subject, JSON.stringify(m.payload), { msgID: m.messageId, timeout: 5_000 }),
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
    const specs = new Map((await listMarkets(deps.db)).map((row) => [row.symbol, marketSpec(row)]));
    await publish(
      stale.map((order) => {
        const command = placeCommandOf(order, specs.get(order.market)!);
        return {
          id: order.id,
          subject: names.commandSubject(order.market),
          messageId: `place:${order.id}`,
          payload: command,
        };
      }),
    );
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
