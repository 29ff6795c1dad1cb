import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { apiKeys, users, type ApiKeyRow, type UserRow } from "./schema.ts";

export async function insertApiKey(
  db: Executor,
  key: Pick<ApiKeyRow, "userId" | "name" | "prefix" | "secretHash" | "permissions">,
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning();
  return row!;
}

export async function listApiKeysOfUser(db: Executor, userId: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes the key if it is the user's; a key already revoked keeps its first revocation time. */
export async function revokeApiKeyOfUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<ApiKeyRow | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning();
  return row ?? null;
}

export async function findApiKeyWithUserByPrefix(
  db: Executor,
  prefix: string,
): Promise<{ key: ApiKeyRow; user: UserRow } | null> {
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.prefix, prefix))
    .limit(1);
  return row ?? null;
}

/** Records use at most once a minute per key, so reads do not each cost a write. */
export async function touchApiKey(db: Executor, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
