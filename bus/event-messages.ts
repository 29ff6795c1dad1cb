import type { JetStreamClient } from "@nats-io/jetstream";
import type { MatcherEvent } from "../matcher/index.ts";
import { eventBatchMessageId, type EventBatchMessage, type Subject } from "./subjects.ts";

/** NATS refuses messages over 1 MiB; event messages are cut well below, at command boundaries. */
export const MAX_EVENT_MESSAGE_BYTES = 600_000;

/**
 * The events of market sequences fromSeq..toSeq as one message, or — when that would be too
 * large — as several, each holding whole commands (the maker bound keeps one command's events
 * well under the limit).
 */
export function eventMessages(
  market: string,
  fromSeq: number,
  toSeq: number,
  events: MatcherEvent[],
): { batch: EventBatchMessage; json: string }[] {
  const whole: EventBatchMessage = { market, fromSeq, toSeq, events };
  const json = JSON.stringify(whole);
  if (json.length <= MAX_EVENT_MESSAGE_BYTES) return [{ batch: whole, json }];
  const out: { batch: EventBatchMessage; json: string }[] = [];
  let start = 0;
  let chunkFrom = fromSeq;
  let size = 0;
  const flush = (end: number, chunkTo: number) => {
    const batch: EventBatchMessage = {
      market,
      fromSeq: chunkFrom,
      toSeq: chunkTo,
      events: events.slice(start, end),
    };
    out.push({ batch, json: JSON.stringify(batch) });
    start = end;
    chunkFrom = chunkTo + 1;
    size = 0;
  };
  for (let i = 0; i < events.length;) {
    const seq = events[i]!.seq;
    let end = i;
    let commandSize = 0;
    while (end < events.length && events[end]!.seq === seq)
      commandSize += JSON.stringify(events[end++]).length + 1;
    if (size > 0 && size + commandSize > MAX_EVENT_MESSAGE_BYTES) flush(i, seq - 1);
    size += commandSize;
    i = end;
  }
  flush(events.length, toSeq);
  return out;
}

/**
 * Publishes the events of market sequences fromSeq..toSeq to the market's event subject, in
 * order, as the messages `eventMessages` cuts them into (each with its Nats-Msg-Id).
 */
export async function publishEventBatches(
  js: JetStreamClient,
  subject: Subject<"eventSubject">,
  batch: EventBatchMessage,
  options: { timeoutMs: number },
): Promise<void> {
  for (const message of eventMessages(batch.market, batch.fromSeq, batch.toSeq, batch.events)) {
    await js.publish(subject.subject, message.json, {
      msgID: eventBatchMessageId(message.batch),
      timeout: options.timeoutMs,
    });
  }
}
