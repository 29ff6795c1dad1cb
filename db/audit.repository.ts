import { desc, eq, lt, and, type SQL } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { auditLog, type AuditLogRow } from "./schema.ts";

/** One admin action as recorded: who, what, on which object, the state before and after. */
export interface AuditEntry {
  actorId: string;
  /** The mutation's name, e.g. "createMarket". */
  action: string;
  /** "<kind>:<id>", e.g. "market:BTC_USDT", "withdrawal:<uuid>", "user:<uuid>". */
  target: string;
  /** JSON-safe snapshots (decimals as strings); null when there was nothing before / after. */
  before: unknown;
  after: unknown;
}

/**
 * Records an admin action. Call it in the transaction that makes the change, so the trail holds
 * exactly what happened. Never put secrets or password hashes in before/after.
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** The trail newest first, optionally for one target, before an id (paging). */
export async function listAudit(
  db: Executor,
  options: { target?: string; beforeId?: bigint; limit: number },
): Promise<AuditLogRow[]> {
  const filters: SQL[] = [];
  if (options.target) filters.push(eq(auditLog.target, options.target));
  if (options.beforeId !== undefined) filters.push(lt(auditLog.id, options.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
