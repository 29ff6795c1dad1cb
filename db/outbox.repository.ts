import { sql } from "drizzle-orm";
import type { Executor } from "./client.ts";

export interface OutboxMessage {
  id: string;
  subject: string;
  messageId: string;
  payload: unknown;
}

/** Key of the advisory lock that lets one relay at a time publish, so commands keep their order. */
const RELAY_LOCK = 7302040002;

/**
 * Claims the oldest unsent rows for this transaction. Returns [] when another relay holds the
 * relay lock: commands of a market must reach the stream in the order they were written.
 */
export async function claimUnsentOutbox(tx: Executor, limit: number): Promise<OutboxMessage[]> {
  const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS ok`);
  if (!lock.rows[0]?.ok) return [];
  const result = await tx.execute(sql`
    SELECT id, subject, message_id, payload FROM outbox
     WHERE sent_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  return result.rows.map((r) => ({
    id: String(r.id),
    subject: r.subject as string,
    messageId: r.message_id as string,
    payload: r.payload,
  }));
}

export async function markOutboxSent(tx: Executor, ids: string[]): Promise<void> {
  await tx.execute(sql`
    UPDATE outbox SET sent_at = now(), attempts = attempts + 1
     WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[])`);
}

/**
 * Place commands of orders still PENDING well after they were sent: re-sent with the same
 * message id (the stream drops a copy it already has). Orders older than the stream's
 * duplicate window are left alone; `maxAgeSeconds` must stay below it.
 */
export async function stalePendingCommands(
  db: Executor,
  olderThanSeconds: number,
  maxAgeSeconds: number,
  limit: number,
): Promise<OutboxMessage[]> {
  const result = await db.execute(sql`
    SELECT x.id, x.subject, x.message_id, x.payload FROM orders o
      JOIN outbox x ON x.message_id = 'place:' || o.id
     WHERE o.status = 'PENDING'
       AND o.created_at < now() - make_interval(secs => ${olderThanSeconds})
       AND o.created_at > now() - make_interval(secs => ${maxAgeSeconds})
       AND x.sent_at IS NOT NULL
       AND x.sent_at < now() - make_interval(secs => ${olderThanSeconds})
     ORDER BY x.id LIMIT ${limit}`);
  return result.rows.map((r) => ({
    id: String(r.id),
    subject: r.subject as string,
    messageId: r.message_id as string,
    payload: r.payload,
  }));
}

/** Sent rows are kept a while for inspection, then removed. */
export async function pruneSentOutbox(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ${olderThanSeconds})`);
  return result.rowCount ?? 0;
}
