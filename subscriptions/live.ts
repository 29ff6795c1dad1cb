import type { LiveSubjectName, Subject, SubjectPayloads } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { serviceUnavailable } from "../kernel/errors.ts";
import { feedIterator, type Feed, type FeedListener } from "./feed.ts";
import { liveHubOf } from "./hub.ts";

/** Throws SERVICE_UNAVAILABLE while the process has no NATS connection to listen with. */
export function requireLiveBus(deps: Dependencies): void {
  const nc = deps.liveNats();
  if (!nc || nc.isClosed()) throw serviceUnavailable("Live updates (NATS)");
}

/**
 * A subscription's stream over a core NATS subject that is one subscriber's own (a user's
 * orders or wallets): each payload goes through `handle`, which returns what to send (none, one
 * or several), in arrival order even when `handle` is slow. The subject is shared with every other
 * subscriber of the process through the hub, so a thousand sockets of one user cost one NATS
 * subscription. What it sends is shaped `{ <field>: value }`, as graphql-js reads a
 * subscription's event when the field has no `resolve`.
 */
export function liveIterator<K extends LiveSubjectName, T extends object>(
  deps: Dependencies,
  subject: Subject<K>,
  handle: (payload: SubjectPayloads[K]) => Promise<T[]> | T[],
): AsyncIterableIterator<T> {
  requireLiveBus(deps);
  const feed: Feed<T> = {
    key: subject.subject,
    listen(listener: FeedListener<T>) {
      // Handled one after another, so a slow read of one update never overtakes the next.
      let chain: Promise<void> = Promise.resolve();
      return liveHubOf(deps).listen(subject, {
        payload: (payload) => {
          chain = chain
            .then(async () => {
              for (const value of await handle(payload)) listener.broadcast(value);
            })
            .catch((error: unknown) =>
              deps.log.warn("live update not handled", {
                subject: subject.subject,
                error: error instanceof Error ? error.message : String(error),
              }),
            );
        },
      });
    },
    initial: async () => [],
  };
  return feedIterator(feed, undefined);
}
