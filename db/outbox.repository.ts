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
 * Takes the relay lock for the caller's transaction; false when another relay holds it. Taken by
 * the outbox batch and by the re-check of stale orders, so only one relay at a time does either.
 */
export async function tryRelayLock(tx: Executor): Promise<boolean> {
  const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS ok`);
  return Boolean(lock.rows[0]?.ok);
}

/**
 * Takes the oldest rows out of the outbox for this transaction: the caller publishes them and
 * commits, or rolls back and they are back. Returns null when another relay holds the relay lock
 * — commands of a market must reach the stream in the order they were written.
 *
 * One round trip: the lock is tried in the same statement, as a one-time filter PostgreSQL
 * evaluates before the scan that picks the rows, so a relay without the lock neither deletes nor
 * locks a row (a row it locked would be skipped by the relay that has the lock, and a later
 * command of the same market could overtake it). The rows are picked once, as an array the
 * delete then looks up by key: written as `id IN (SELECT … FOR UPDATE SKIP LOCKED)`, statistics
 * taken while the outbox was empty made it a nested loop that ran the locking pick again for
 * every row, and a backlog of 7,000–12,000 rows took 8–16 s per round (auto_explain, bench:e2e).
 */
export async function takeOutboxBatch(
  tx: Executor,
  limit: number,
): Promise<OutboxMessage[] | null> {
  // Unnamed on purpose, so planned at every call with the outbox's size then. Named, its generic
  // plan was made while the outbox was empty (a relay polls an empty one every 200 ms, every
  // 20 ms then) and kept until the next ANALYZE: a backlog of 200,000 then took 1–2 s a round
  // (a review of the ninth pass).
  const result = await tx.execute(sql`
    WITH relay_lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS ok),
    taken AS (
      DELETE FROM outbox WHERE id = ANY(ARRAY(
        SELECT id FROM outbox WHERE (SELECT ok FROM relay_lock)
         ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED))
      RETURNING id, subject, message_id, payload)
    SELECT (SELECT ok FROM relay_lock) AS locked, taken.*
      FROM (SELECT) AS one LEFT JOIN taken ON true`);
  if (!result.rows[0]?.locked) return null;
  return result.rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: String(r.id),
      subject: r.subject as string,
      messageId: r.message_id as string,
      payload: r.payload,
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** A PENDING order the relay re-checks, with where its place command went (null: unknown). */
export interface StalePendingOrder {
  order: OrderRow;
  commandSeq: number | null;
  /** Exact `created_at` (text keeps the microseconds), the paging cursor with the id. */
  createdAt: string;
}

/** Where the previous page of stale orders ended. */
export interface StaleCursor {
  createdAt: string;
  id: string;
}

/**
 * Orders still PENDING though their place command left the outbox a while ago, a page at a time
 * in (created_at, id) order after `after` (from the start when null), so every one of them is
 * looked at in turn however many there are; `next` is where the following page starts (null
 * after the last). Orders older than `maxAgeSeconds` — which must stay below the command
 * stream's duplicate window — are left alone.
 *
 * An order whose place command is still in the outbox is not stale, only queued: after the
 * page is read, its orders are looked up in the outbox by message id in a second statement, and
 * those found are skipped (the cursor still moves past them). It was a NOT EXISTS per order on
 * the outbox's message ids, which have no index: planned as a nested loop from statistics of a
 * quiet moment, a backlog of 15,000 rows and as many stale orders ran it for a minute, and the
 * relay published nothing meanwhile.
 * (Bounding the page by the oldest queued row instead, as tried first, let one row held in the
 * outbox hold back the re-send of every younger order: found by a hostile review.)
 */
export async function findStalePendingOrders(
  db: Executor,
  options: {
    olderThanSeconds: number;
    maxAgeSeconds: number;
    limit: number;
    after: StaleCursor | null;
  },
): Promise<{ stale: StalePendingOrder[]; next: StaleCursor | null }> {
  const { olderThanSeconds, maxAgeSeconds, limit, after } = options;
  const cursor = after
    ? sql`AND (o.created_at, o.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const page = await db.execute(sql`
    SELECT o.*, o.created_at::text AS created_at_exact FROM orders o
     WHERE o.status = 'PENDING'
       AND o.created_at < now() - make_interval(secs => ${olderThanSeconds})
       AND o.created_at > now() - make_interval(secs => ${maxAgeSeconds})
       ${cursor}
     ORDER BY o.created_at, o.id LIMIT ${limit}`);
  const last = page.rows.at(-1);
  const next =
    page.rows.length < limit || !last
      ? null
      : { createdAt: last.created_at_exact as string, id: String(last.id) };
  if (page.rows.length === 0) return { stale: [], next };
  const messageIds = page.rows.map((r) => `place:${String(r.id)}`);
  const queued = await db.execute(sql`
    SELECT message_id FROM outbox WHERE message_id = ANY(${sql.param(messageIds)}::text[])`);
  const inOutbox = new Set(queued.rows.map((r) => r.message_id as string));
  const stale = page.rows
    .filter((r) => !inOutbox.has(`place:${String(r.id)}`))
    .map((r) => ({
      order: toOrderRow(r),
      commandSeq: r.command_seq == null ? null : Number(r.command_seq),
      createdAt: r.created_at_exact as string,
    }));
  return { stale, next };
}

/**
 * Records where the place commands of orders landed in the command stream (from the PubAcks),
 * one statement for the whole batch. Only PENDING orders need it (the relay re-checks nothing
 * else), and a row another transaction holds — settlement applying the order's first events
 * right now — is skipped rather than waited for: the relay never queues behind settlement nor
 * deadlocks with it, and an order left without a sequence is at worst re-sent once (the stream
 * drops the copy and its PubAck names the sequence, recorded then). The rows are locked once, as
 * an array (see takeOutboxBatch: as `IN (SELECT … FOR UPDATE SKIP LOCKED)` it was planned as a
 * nested loop locking again per row, 4.3 s for 2,000 orders, while settlement waited for them).
 */
export async function recordCommandSeqs(
  tx: Executor,
  placed: readonly { orderId: string; seq: number }[],
): Promise<void> {
  if (placed.length === 0) return;
  const ids = placed.map((p) => p.orderId);
  await tx.execute(sql`
    UPDATE orders o SET command_seq = v.seq
      FROM unnest(${sql.param(ids)}::uuid[], ${sql.param(placed.map((p) => String(p.seq)))}::int8[])
           AS v(id, seq)
     WHERE o.id = v.id AND o.status = 'PENDING' AND o.command_seq IS DISTINCT FROM v.seq
       AND o.id = ANY(ARRAY(SELECT id FROM orders WHERE id = ANY(${sql.param(ids)}::uuid[])
                               AND status = 'PENDING' FOR UPDATE SKIP LOCKED))`);
}

/**
 * How many commands wait in the outbox (counted up to 1,000,000, so a huge backlog costs a
 * bounded scan) and the age of the oldest (by the primary key's order), for /metrics.
 */
export async function countOutbox(
  db: Executor,
): Promise<{ messages: number; oldestAgeSeconds: number }> {
  const result = await db.execute(sql`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT 1000000) o)::int AS messages,
           coalesce((SELECT extract(epoch FROM now() - created_at)
                       FROM outbox ORDER BY id LIMIT 1), 0)::float8 AS oldest`);
  const row = result.rows[0] as { messages: number; oldest: number } | undefined;
  return { messages: row?.messages ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
}
