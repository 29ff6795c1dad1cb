import type { Dependencies } from "../api/dependencies.ts";
import { serviceUnavailable } from "../api/errors.ts";

/**
 * A subscription's stream over a core NATS subject. Each message's JSON payload goes through
 * `handle`, which returns what to send (none, one or several); `initial` is sent first. Ending
 * the subscription unsubscribes at once, even while waiting for the next message.
 */
export function liveIterator<P, T>(
  deps: Dependencies,
  subject: string,
  handle: (payload: P) => Promise<T[]> | T[],
  initial?: () => Promise<T[]>,
): AsyncIterableIterator<T> {
  const nc = deps.nats();
  if (!nc || nc.isClosed()) throw serviceUnavailable("Live updates (NATS)");
  // Subscribed before `initial` is read, so nothing between the two is missed.
  const subscription = nc.subscribe(subject);
  const messages = subscription[Symbol.asyncIterator]();
  const queue: T[] = [];
  let started = !initial;
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  return {
    async next(): Promise<IteratorResult<T>> {
      if (!started) {
        started = true;
        queue.push(...(await initial!()));
      }
      while (queue.length === 0) {
        const message = await messages.next();
        if (message.done) return done();
        queue.push(...(await handle(message.value.json<P>())));
      }
      return { value: queue.shift()!, done: false };
    },
    async return(): Promise<IteratorResult<T>> {
      subscription.unsubscribe();
      return done();
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      subscription.unsubscribe();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
