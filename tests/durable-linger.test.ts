import { afterEach, describe, expect, it } from "vitest";
import { jetstream } from "@nats-io/jetstream";
import { startDurableEventConsumer } from "../bus/durable.ts";
import { ensureStreams } from "../bus/jetstream.ts";
import { busNames, type EventBatchMessage } from "../bus/subjects.ts";
import { startExchange, type Exchange } from "./kit/index.ts";

/**
 * A durable consumer with `lingerMs` starts a batch at most once per `lingerMs`: what arrives in
 * between goes together into the next batch (market data's setting, workers/marketdata.worker.ts).
 */
let ex: Exchange | null = null;
let consumer: { stop(): Promise<void> } | null = null;
afterEach(async () => {
  await consumer?.stop();
  consumer = null;
  await ex?.stop();
  ex = null;
});

const batch = (seq: number): EventBatchMessage => ({
  market: "BTC_USDT",
  fromSeq: seq,
  toSeq: seq,
  events: [],
});

async function publishBatches(exchange: Exchange, from: number, count: number) {
  const nc = exchange.deps.nats()!;
  await ensureStreams(nc, busNames(exchange.config.namespace));
  const js = jetstream(nc);
  const subject = busNames(exchange.config.namespace).eventSubject("BTC_USDT");
  for (let seq = from; seq < from + count; seq++) {
    await js.publish(subject, JSON.stringify(batch(seq)), { msgID: `linger:${seq}` });
  }
}

describe("a durable consumer's linger", () => {
  it("takes what arrives within the linger in one batch", async () => {
    ex = await startExchange({ components: ["api"] });
    const handled: { at: number; seqs: number[] }[] = [];
    let first = 0;
    consumer = startDurableEventConsumer(ex.deps, {
      name: "linger_probe",
      lingerMs: 2_000,
      async handle(messages) {
        handled.push({
          at: performance.now() - first,
          seqs: messages.map((m) => m.payload.fromSeq),
        });
        return {};
      },
    });
    first = performance.now();
    await publishBatches(ex, 1, 1);
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    // Sent one by one while the linger runs: they wait for it, then go as one batch.
    await publishBatches(ex, 2, 4);
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(2);
    expect(handled.map((h) => h.seqs)).toEqual([[1], [2, 3, 4, 5]]);
    expect(handled[1]!.at - handled[0]!.at).toBeGreaterThanOrEqual(1_990);
  });

  it("takes the first message at once (a minute's linger), and stops at once while lingering", async () => {
    ex = await startExchange({ components: ["api"] });
    let calls = 0;
    const running = startDurableEventConsumer(ex.deps, {
      name: "linger_stop_probe",
      lingerMs: 60_000,
      async handle() {
        calls++;
        return {};
      },
    });
    await publishBatches(ex, 1, 1);
    await expect.poll(() => calls, { timeout: 10_000 }).toBe(1);
    await publishBatches(ex, 2, 1); // waits out the minute's linger
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = performance.now();
    await running.stop();
    expect(performance.now() - stopping).toBeLessThan(5_000);
    expect(calls).toBe(1);
  });
});
