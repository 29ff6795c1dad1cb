import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { users, type UserRow } from "./schema.ts";

export async function insertUser(
  db: Executor,
  user: { name: string; email: string; passwordHash: string },
): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/**
 * Sets a new password hash and raises the session version (voiding every session token), only
 * if the stored hash is still `fromHash`: of two concurrent changes, one wins. Null otherwise.
 */
export async function replacePassword(
  db: Executor,
  userId: string,
  change: { fromHash: string; toHash: string },
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ passwordHash: change.toHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.passwordHash, change.fromHash)))
    .returning();
  return row ?? null;
}

/**
 * Sets the user's verification level under a lock on the row; answers the level it had and the
 * row as it is now, or null when there is no such user.
 */
export async function updateVerificationLevel(
  tx: Executor,
  userId: string,
  level: number,
): Promise<{ before: number; user: UserRow } | null> {
  const [current] = await tx
    .select({ level: users.verificationLevel })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!current) return null;
  const [user] = await tx
    .update(users)
    .set({ verificationLevel: level })
    .where(eq(users.id, userId))
    .returning();
  return { before: current.level, user: user! };
}

/** The user's row, locked until the caller's transaction ends (email in any letter case). */
export async function lockUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .for("update")
    .limit(1);
  return row ?? null;
}

export async function updateUserRole(
  db: Executor,
  userId: string,
  role: UserRow["role"],
): Promise<UserRow> {
  const [row] = await db.update(users).set({ role }).where(eq(users.id, userId)).returning();
  if (!row) throw new Error(`user ${userId} vanished while locked`);
  return row;
}
