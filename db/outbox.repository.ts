import { sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { toOrderRow } from "./orders.repository.ts";
import type { OrderRow } from "./schema.ts";

export interface OutboxMessage {
  id: string;
  subject: string;
  messageId: string;
  payload: unknown;
}

/** Key of the advisory lock that lets one relay at a time publish, so commands keep their order. */
const RELAY_LOCK = 7302040002;

/**
 * Takes the oldest rows out of the outbox for this transaction: the caller publishes them and
 * commits, or rolls back and they are back. Returns [] when another relay holds the relay lock —
 * commands of a market must reach the stream in the order they were written.
 */
export async function takeOutboxBatch(tx: Executor, limit: number): Promise<OutboxMessage[]> {
  const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS ok`);
  if (!lock.rows[0]?.ok) return [];
  const result = await tx.execute(sql`
    DELETE FROM outbox WHERE id IN (
      SELECT id FROM outbox ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, subject, message_id, payload`);
  return result.rows
    .map((r) => ({
      id: String(r.id),
      subject: r.subject as string,
      messageId: r.message_id as string,
      payload: r.payload,
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/**
 * Orders still PENDING though their place command left the outbox a while ago: their command
 * is re-sent (the stream drops a copy it already holds). Orders older than `maxAgeSeconds` —
 * which must stay below the command stream's duplicate window — are left alone.
 */
export async function findStalePendingOrders(
  db: Executor,
  olderThanSeconds: number,
  maxAgeSeconds: number,
  limit: number,
): Promise<OrderRow[]> {
  const result = await db.execute(sql`
    SELECT o.* FROM orders o
     WHERE o.status = 'PENDING'
       AND o.created_at < now() - make_interval(secs => ${olderThanSeconds})
       AND o.created_at > now() - make_interval(secs => ${maxAgeSeconds})
       AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.message_id = 'place:' || o.id)
     ORDER BY o.created_at LIMIT ${limit}`);
  return result.rows.map(toOrderRow);
}
