import { assertNever } from "../kernel/assert-never.ts";
import type { CommandRejectedEvent, MatcherEvent } from "../matcher/index.ts";

/** One message of the events stream: the events of market sequences fromSeq..toSeq, in order. */
export interface EventBatch {
  market: string;
  fromSeq: number;
  toSeq: number;
  events: readonly MatcherEvent[];
}

/** A market's consumer offset: the last sequence applied before and after this delivery. */
export interface OffsetAdvance {
  from: number;
  to: number;
}

/**
 * Which batches of a delivery to apply, from the consumer offsets (docs/ORDERS.md §4): an event
 * at or below its market's offset was applied and is skipped; a batch that starts past
 * offset + 1 is deferred, and so is every later batch of its market in the delivery.
 */
export interface Admission<B extends EventBatch = EventBatch> {
  /** Applied by this delivery, or before it: acknowledge them once committed. */
  done: B[];
  /** Came before an earlier batch of their market: deliver them again later. */
  deferred: B[];
  /** The events not applied yet, batch by batch in delivery order. */
  pending: { market: string; events: readonly MatcherEvent[] }[];
  /** Only markets whose offset moves. */
  advances: Map<string, OffsetAdvance>;
}

/** `offsets`: market → last applied sequence (a market missing from it has applied nothing). */
export function admitBatches<B extends EventBatch>(
  batches: readonly B[],
  offsets: ReadonlyMap<string, number>,
): Admission<B> {
  const admission: Admission<B> = { done: [], deferred: [], pending: [], advances: new Map() };
  const blocked = new Set<string>();
  for (const batch of batches) {
    const from = offsets.get(batch.market) ?? 0;
    const last = admission.advances.get(batch.market)?.to ?? from;
    if (blocked.has(batch.market) || batch.fromSeq > last + 1) {
      blocked.add(batch.market);
      admission.deferred.push(batch);
      continue;
    }
    admission.done.push(batch);
    if (batch.toSeq <= last) continue;
    admission.pending.push({
      market: batch.market,
      events: batch.events.filter((e) => e.seq > last),
    });
    admission.advances.set(batch.market, { from, to: batch.toSeq });
  }
  return admission;
}

/** The orders the pending events touch: the ones to read (and lock) before planning. */
export function orderIdsOf(admission: Pick<Admission, "pending">): string[] {
  const ids = new Set<string>();
  for (const { events } of admission.pending) {
    for (const event of events) for (const id of orderIdsOfEvent(event)) ids.add(id);
  }
  return [...ids];
}

function orderIdsOfEvent(event: MatcherEvent): string[] {
  switch (event.type) {
    case "trade":
      return [event.makerOrderId, event.takerOrderId];
    case "accepted":
    case "rested":
    case "filled":
    case "cancelled":
    case "expired":
    case "amended":
      return [event.orderId];
    case "rejected":
      return isPlacement(event.command) ? [event.orderId] : [];
    default:
      return assertNever(event);
  }
}

/**
 * A rejected place finishes its order (it got no `accepted`); a rejected cancel or amend changes
 * nothing, and its order id may not even exist (docs/MATCHER.md "Events").
 */
export function isPlacement(command: CommandRejectedEvent["command"]): boolean {
  switch (command) {
    case "limit":
    case "market":
      return true;
    case "cancel":
    case "amend":
    case "unknown":
      return false;
    default:
      return assertNever(command);
  }
}
