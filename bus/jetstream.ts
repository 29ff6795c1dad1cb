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
 * stream drops a copy it already holds. The PubAck names the stream sequence that holds the
 * message; for a copy dropped as a duplicate (`duplicate: true`) it is the sequence of the first
 * one — which a purge or a delete may have removed since: on the NATS server these tests run
 * (2.9), neither clears the duplicate window, so a message removed that way cannot be published
 * again under its id until the window (a day for commands) has passed.
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

/**
 * Where a stream stands: which incarnation (`created`: new when the stream was deleted and made
 * again, as after NATS lost its store), its first and last sequence, how many sequences between
 * them hold no message (`deleted`: a delete or a purge by subject), and how many of all its
 * sequences no longer hold one (`removed` = last − messages: appends leave it alone, and only
 * age, purges and deletes raise it).
 */
export interface StreamMark {
  created: string;
  firstSeq: number;
  lastSeq: number;
  deleted: number;
  removed: number;
}

export async function streamMark(jsm: JetStreamManager, stream: string): Promise<StreamMark> {
  const { created, state } = await jsm.streams.info(stream);
  return {
    created,
    firstSeq: state.first_seq,
    lastSeq: state.last_seq,
    deleted: state.num_deleted ?? 0,
    removed: state.last_seq - state.messages,
  };
}

/**
 * Whether a message the stream held at `seq` when it stood at `then` (seen there, or published
 * there after `then` was read) is certainly still there now, without asking for it: the same
 * incarnation, `seq` not passed by the front (age, a purge), and no hole in the stream now — or
 * nothing removed at all since `then`. False means "look", not "gone".
 */
export function stillHolds(now: StreamMark, seq: number, then: StreamMark): boolean {
  if (now.created !== then.created || seq < now.firstSeq || seq > now.lastSeq) return false;
  return now.deleted === 0 || now.removed === then.removed;
}

/**
 * The Nats-Msg-Id of the message the stream holds at `seq` ("" for one without), or null when
 * it holds none there (removed, or never written in this incarnation of the stream).
 */
export async function messageIdAt(
  jsm: JetStreamManager,
  stream: string,
  seq: number,
): Promise<string | null> {
  const message = await jsm.streams.getMessage(stream, { seq });
  if (!message) return null;
  return message.header?.get("Nats-Msg-Id") ?? "";
}
