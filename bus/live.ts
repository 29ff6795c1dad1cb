import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { Log } from "../kernel/log.ts";
import { receivePayload } from "./payloads.ts";
import {
  busSubjects,
  type LiveSubjectName,
  type Subject,
  type SubjectPayloads,
  type UserUpdateMessage,
} from "./subjects.ts";

/** Publishes on a core NATS subject; throws what NATS throws (a closed connection). */
export function sendLive<K extends LiveSubjectName>(
  nc: NatsConnection,
  subject: Subject<K>,
  payload: SubjectPayloads[K],
): void {
  nc.publish(subject.subject, JSON.stringify(payload));
}

/**
 * Live updates go over core NATS, fire and forget: a subscriber that misses one still reads the
 * truth with a query. Nothing here may fail the operation that triggered it.
 */
export function publishLive<K extends LiveSubjectName>(
  deps: Dependencies,
  subject: Subject<K>,
  payload: SubjectPayloads[K],
): void {
  try {
    const nc = deps.liveNats();
    if (nc) sendLive(nc, subject, payload);
  } catch (error) {
    deps.log.debug("live update not published", {
      subject: subject.subject,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Tells the relay that a transaction just committed `rows` outbox rows, so it publishes them now
 * rather than at its next poll (workers/relay.worker.ts). Call it after the commit; a hint lost
 * (NATS down) costs that poll interval, never a command.
 */
export function outboxWritten(deps: Dependencies, rows: number): void {
  if (rows > 0)
    publishLive(deps, busSubjects(deps.config.namespace).outboxWrittenSubject, { rows });
}

/** Calls `handle` with each well-formed payload on the subject; malformed ones are logged. */
export function subscribeLive<K extends LiveSubjectName>(
  nc: NatsConnection,
  log: Log,
  subject: Subject<K>,
  handle: (payload: SubjectPayloads[K]) => void,
): Subscription {
  return subscribeLiveMessages(nc, log, subject, (read) => {
    const payload = read();
    if (payload !== undefined) handle(payload);
  });
}

/**
 * Calls `handle` on each message of the subject with `read`, which parses and checks its payload
 * (undefined, and logged, when malformed) only when called: a party that needs only to know a
 * message came (a cache to drop) costs no JSON parse.
 */
export function subscribeLiveMessages<K extends LiveSubjectName>(
  nc: NatsConnection,
  log: Log,
  subject: Subject<K>,
  handle: (read: () => SubjectPayloads[K] | undefined) => void,
): Subscription {
  return nc.subscribe(subject.subject, {
    callback: (error, message) => {
      if (error) return;
      handle(() => receivePayload(log, subject.name, message));
    },
  });
}

export class UserUpdates {
  private readonly byUser = new Map<string, { orders: Set<string>; assets: Set<string> }>();

  add(userId: string, change: { order?: string; asset?: string }): this {
    const entry = this.byUser.get(userId) ?? { orders: new Set(), assets: new Set() };
    if (change.order) entry.orders.add(change.order);
    if (change.asset) entry.assets.add(change.asset);
    this.byUser.set(userId, entry);
    return this;
  }

  publish(deps: Dependencies): void {
    const subjects = busSubjects(deps.config.namespace);
    for (const [userId, entry] of this.byUser) {
      const message: UserUpdateMessage = { orders: [...entry.orders], assets: [...entry.assets] };
      publishLive(deps, subjects.userSubject(userId), message);
    }
  }
}
