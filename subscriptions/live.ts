import { liveMessages } from "../bus/live.ts";
import type { LiveSubjectName, Subject, SubjectPayloads } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { serviceUnavailable } from "../kernel/errors.ts";

/**
 * A subscription's stream over a core NATS subject. Each payload (checked on arrival, see
 * bus/payloads.ts) goes through `handle`, which returns what to send (none, one or several);
 * `initial` is sent first. Ending the subscription unsubscribes at once, even while waiting for
 * the next message. What it sends is shaped `{ <field>: value }`, as graphql-js reads a
 * subscription's event when the field has no `resolve`.
 */
export function liveIterator<K extends LiveSubjectName, T extends object>(
  deps: Dependencies,
  subject: Subject<K>,
  handle: (payload: SubjectPayloads[K]) => Promise<T[]> | T[],
  initial?: () => Promise<T[]>,
): AsyncIterableIterator<T> {
  const nc = deps.nats();
  if (!nc || nc.isClosed()) throw serviceUnavailable("Live updates (NATS)");
  // Subscribed before `initial` is read, so nothing between the two is missed.
  const messages = liveMessages(nc, deps.log, subject);
  const queue: T[] = [];
  let pendingInitial = initial;
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  return {
    async next(): Promise<IteratorResult<T>> {
      if (pendingInitial) {
        const read = pendingInitial;
        pendingInitial = undefined;
        queue.push(...(await read()));
      }
      for (;;) {
        const value = queue.shift();
        if (value !== undefined) return { value, done: false };
        const message = await messages.next();
        if (message.done) return done();
        queue.push(...(await handle(message.value)));
      }
    },
    async return(): Promise<IteratorResult<T>> {
      messages.unsubscribe();
      return done();
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      messages.unsubscribe();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
