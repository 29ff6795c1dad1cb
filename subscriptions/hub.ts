import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { subscribeLiveMessages } from "../bus/live.ts";
import type { LiveSubjectName, Subject, SubjectPayloads } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";

/**
 * One party interested in a subject: every payload (or, with `arrival`, only that a message came:
 * its payload is then never parsed for this party), and a reset when some may have been missed.
 */
export type TopicListener<P> = (
  { payload(payload: P): void; arrival?: never } | { arrival(): void; payload?: never }
) & {
  /** NATS reconnected (or was replaced): messages may have been lost; resynchronise. */
  reset?(): void;
};

interface Topic {
  subject: Subject<LiveSubjectName>;
  listeners: Set<TopicListener<unknown>>;
  subscription: Subscription | null;
}

const CONNECTION_CHECK_MS = 1_000;

/**
 * One process's window on the live subjects: ONE core NATS subscription per subject however many
 * subscribers listen, each payload checked once (bus/payloads.ts), and only when a listener wants
 * it, and handed to every listener in the order it arrived. A NATS reconnect (or a replaced
 * connection) tells every listener to resynchronise, since core NATS keeps nothing for the time
 * it was away.
 */
export class LiveHub {
  private readonly topics = new Map<string, Topic>();
  private connection: NatsConnection | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: Dependencies) {}

  /** Starts delivering the subject's payloads to `listener`; the returned function stops it. */
  listen<K extends LiveSubjectName>(
    subject: Subject<K>,
    listener: TopicListener<SubjectPayloads[K]>,
  ): () => void {
    let topic = this.topics.get(subject.subject);
    if (!topic) {
      topic = { subject, listeners: new Set(), subscription: null };
      this.topics.set(subject.subject, topic);
      this.subscribe(topic);
      this.watchConnection();
    }
    const entry = listener as TopicListener<unknown>;
    topic.listeners.add(entry);
    const owner = topic;
    return () => {
      owner.listeners.delete(entry);
      if (owner.listeners.size > 0 || this.topics.get(subject.subject) !== owner) return;
      this.topics.delete(subject.subject);
      owner.subscription?.unsubscribe();
      if (this.topics.size === 0) this.stopWatching();
    };
  }

  /** Subjects with a NATS subscription now (for tests and metrics). */
  get subjectCount(): number {
    return this.topics.size;
  }

  /** Listeners of one subject on this process: each stream that reads it (for tests and metrics). */
  listenerCount(subject: string): number {
    return this.topics.get(subject)?.listeners.size ?? 0;
  }

  private subscribe(topic: Topic): void {
    const nc = this.deps.liveNats();
    if (!nc || nc.isClosed()) return;
    if (this.connection !== nc) this.adopt(nc);
    topic.subscription = subscribeLiveMessages(nc, this.deps.log, topic.subject, (read) => {
      let payload: unknown;
      let parsed = false;
      for (const listener of topic.listeners) {
        if (listener.arrival) {
          listener.arrival();
          continue;
        }
        if (!parsed) {
          payload = read();
          parsed = true;
        }
        if (payload !== undefined) listener.payload(payload);
      }
    });
  }

  private adopt(nc: NatsConnection): void {
    this.connection = nc;
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === "reconnect") this.resetAll();
      }
    })().catch(() => undefined);
  }

  /** Follows the process's connection: a new one (after the old closed) gets every subject again. */
  private watchConnection(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const nc = this.deps.liveNats();
      if (!nc || nc.isClosed() || nc === this.connection) return;
      for (const topic of this.topics.values()) this.subscribe(topic);
      this.resetAll();
    }, CONNECTION_CHECK_MS);
    this.timer.unref();
  }

  private stopWatching(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private resetAll(): void {
    for (const topic of this.topics.values()) {
      for (const listener of topic.listeners) listener.reset?.();
    }
  }
}

const hubs = new WeakMap<Dependencies, LiveHub>();

/** The process's hub over these dependencies' NATS connection. */
export function liveHubOf(deps: Dependencies): LiveHub {
  let hub = hubs.get(deps);
  if (!hub) {
    hub = new LiveHub(deps);
    hubs.set(deps, hub);
  }
  return hub;
}
