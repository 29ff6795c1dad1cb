import { listAudit } from "../db/audit.repository.ts";
import { findUserById } from "../db/users.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";

/** An audit entry as admins read it: the actor by id and email, before/after as JSON text. */
export interface AuditEntryView {
  id: string;
  actor: { id: string; email: string } | null;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  at: Date;
}

/**
 * A page of the audit trail, newest first, before entry `before`, optionally of one target.
 * The actor of an action taken outside the API (the user-role script) is null.
 */
export async function auditTrail(
  deps: Pick<Dependencies, "db">,
  query: { target?: string | null; before: bigint | null; limit: number },
): Promise<AuditEntryView[]> {
  const rows = await listAudit(deps.db, {
    target: query.target ?? undefined,
    beforeId: query.before ?? undefined,
    limit: query.limit,
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId))];
  const actors = new Map(
    await Promise.all(actorIds.map(async (id) => [id, await findUserById(deps.db, id)] as const)),
  );
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  return rows.map((row) => {
    const actor = actors.get(row.actorId);
    return {
      id: row.id.toString(),
      actor: actor ? { id: actor.id, email: actor.email } : null,
      action: row.action,
      target: row.target,
      before: json(row.before),
      after: json(row.after),
      at: row.createdAt,
    };
  });
}
