import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type pg from "pg";
import type { Database, Executor } from "./client.ts";
import { apiKeys, type ApiKeyRow, type UserRow } from "./schema.ts";

/**
 * Inserts the key unless the user already holds `maxActive` unrevoked keys (then null). The
 * user's row is locked first, so concurrent creations are counted one after another: a count
 * and an insert in one statement would both read the count from before either insert.
 */
export async function insertApiKeyUnderCap(
  db: Database,
  key: Pick<ApiKeyRow, "userId" | "name" | "prefix" | "secretHash" | "permissions" | "allowedIps"> &
    Partial<Pick<ApiKeyRow, "publicKey">> &
    Partial<Pick<ApiKeyRow, "maxOrderNotional" | "maxDailyNotional" | "allowedMarkets" | "dryRun">>,
  maxActive: number,
): Promise<ApiKeyRow | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM users WHERE id = ${key.userId} FOR UPDATE`);
    const counted = await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, key.userId), isNull(apiKeys.revokedAt)));
    if ((counted[0]?.active ?? 0) >= maxActive) return null;
    const [row] = await tx.insert(apiKeys).values(key).returning();
    return row!;
  });
}

/** Active keys first, then revoked ones; newest first within each; at most `limit`. */
export async function listApiKeysOfUser(
  db: Executor,
  userId: string,
  limit = 100,
): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(sql`${apiKeys.revokedAt} IS NOT NULL`, desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit);
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

/** A row of find_api_key_with_user as pg returns it (timestamps as Date, permissions as text[]). */
interface ApiKeyWithUserRecord {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  permissions: ApiKeyRow["permissions"];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  allowed_ips: string[] | null;
  public_key: string | null;
  max_order_notional: string | null;
  max_daily_notional: string | null;
  allowed_markets: string[] | null;
  dry_run: boolean;
  user_name: string;
  email: string;
  password_hash: string;
  role: UserRow["role"];
  verification_level: number;
  fee_tier: number;
  session_version: number;
  user_created_at: Date;
}

/** Runs on every API-key request: a prepared statement, parsed and planned once per connection. */
export async function findApiKeyWithUserByPrefix(
  pool: pg.Pool,
  prefix: string,
): Promise<{ key: ApiKeyRow; user: UserRow } | null> {
  const { rows } = await pool.query<ApiKeyWithUserRecord>({
    name: "find_api_key_with_user",
    text: `SELECT k.id, k.user_id, k.name, k.prefix, k.secret_hash, k.permissions::text[] AS permissions,
                  k.created_at, k.last_used_at, k.revoked_at,
                  k.allowed_ips, k.public_key, k.max_order_notional, k.max_daily_notional,
                  k.allowed_markets, k.dry_run, u.name AS user_name, u.email, u.password_hash, u.role, u.verification_level, u.fee_tier,
                  u.session_version, u.created_at AS user_created_at
             FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.prefix = $1`,
    values: [prefix],
  });
  const r = rows[0];
  if (!r) return null;
  return {
    key: {
      id: r.id,
      userId: r.user_id,
      name: r.name,
      prefix: r.prefix,
      secretHash: r.secret_hash,
      permissions: r.permissions,
      allowedIps: r.allowed_ips,
      publicKey: r.public_key,
      maxOrderNotional: r.max_order_notional,
      maxDailyNotional: r.max_daily_notional,
      allowedMarkets: r.allowed_markets,
      dryRun: r.dry_run,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    },
    user: {
      id: r.user_id,
      name: r.user_name,
      email: r.email,
      passwordHash: r.password_hash,
      role: r.role,
      verificationLevel: r.verification_level,
      feeTier: r.fee_tier,
      sessionVersion: r.session_version,
      createdAt: r.user_created_at,
    },
  };
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
