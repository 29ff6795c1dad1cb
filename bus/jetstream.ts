import {
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type PubAck,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { BusNames, StreamSubjectName, Subject, SubjectPayloads } from "./subjects.ts";

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/** Creates the command and event streams if missing (idempotent; safe from every process). */
export async function ensureStreams(
  nc: NatsConnection,
  names: BusNames,
): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const streams = [
    // A command re-sent within a day is dropped by its Nats-Msg-Id.
    { name: names.commandStream, subjects: [names.allCommands], duplicate_window: DAY_NS },
    {
      name: names.eventStream,
      subjects: [names.allEvents],
      duplicate_window: 10 * 60 * 1_000_000_000,
    },
  ];
  for (const stream of streams) {
    try {
      await jsm.streams.info(stream.name);
    } catch {
      try {
        await jsm.streams.add({
          ...stream,
          retention: RetentionPolicy.Limits,
          storage: StorageType.File,
          max_age: 7 * DAY_NS,
        });
      } catch (error) {
        // Another process created it first.
        if (!/already in use|exists/i.test((error as Error).message)) throw error;
      }
    }
  }
  return jsm;
}

/** Removes a namespace's streams and lease bucket (tests clean up with it). */
export async function deleteStreams(nc: NatsConnection, names: BusNames): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of [names.commandStream, names.eventStream, `KV_${names.leaseBucket}`]) {
    await jsm.streams.delete(name).catch(() => false);
  }
}

/**
 * Publishes a command or an event batch to its stream; `messageId` becomes Nats-Msg-Id, so the
 * stream drops a copy it already holds.
 */
export function publishDurable<K extends StreamSubjectName>(
  js: JetStreamClient,
  subject: Subject<K>,
  payload: SubjectPayloads[K],
  options: { messageId: string; timeoutMs: number },
): Promise<PubAck> {
  return js.publish(subject.subject, JSON.stringify(payload), {
    msgID: options.messageId,
    timeout: options.timeoutMs,
  });
}
