import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type pg from "pg";
import type { Executor } from "./client.ts";
import { apiKeyDailyNotional, apiKeys, type ApiKeyRow } from "./schema.ts";

/** The UTC day a placement counts toward, in PostgreSQL's clock (one clock for every process). */
const TODAY = sql`(now() AT TIME ZONE 'UTC')::date`;

/** The guardrail columns of an API key, as stored. */
export type GuardrailColumns = Pick<
  ApiKeyRow,
  "maxOrderNotional" | "maxDailyNotional" | "allowedMarkets" | "dryRun"
>;

/**
 * Sets the key's guardrails if the key is `userId`'s (any user's when `userId` is null: an
 * admin) and not revoked. Returns the row before and after the change, or null when there is no
 * such key (a revoked key counts as none: it can never be used again).
 */
export async function updateApiKeyGuardrails(
  db: Executor,
  id: string,
  userId: string | null,
  guardrails: GuardrailColumns,
): Promise<{ before: ApiKeyRow; after: ApiKeyRow } | null> {
  const owned = userId === null ? undefined : eq(apiKeys.userId, userId);
  const [before] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt), owned))
    .for("update");
  if (!before) return null;
  const [after] = await db.update(apiKeys).set(guardrails).where(eq(apiKeys.id, id)).returning();
  return { before, after: after! };
}

/** Notional (USDT) placed with each key today (UTC); keys that placed nothing are absent. */
export async function dailyNotionalUsed(
  db: Executor,
  apiKeyIds: readonly string[],
): Promise<Map<string, string>> {
  if (apiKeyIds.length === 0) return new Map();
  const rows = await db
    .select({ id: apiKeyDailyNotional.apiKeyId, used: apiKeyDailyNotional.used })
    .from(apiKeyDailyNotional)
    .where(
      and(
        inArray(apiKeyDailyNotional.apiKeyId, [...apiKeyIds]),
        eq(apiKeyDailyNotional.day, TODAY),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.used]));
}

/** What a placement under a daily limit did: the placement's own answer, or refused by the limit. */
export type DailyPlacement<T> = { placed: T } | { overDailyLimit: { used: string } };

/**
 * Runs `place` (one statement on the given connection) in a transaction that first raises the
 * key's notional for today by `notional`, only if that stays within `limit`: a conditional
 * UPDATE, whose row lock makes concurrent placements of the key wait and then see the new total,
 * so the limit is never passed. Over the limit: rolled back, `place` not run. `kept(result)`
 * false (the placement refused the order): rolled back, so a refused order changes nothing.
 */
export async function placeWithinDailyNotional<T>(
  pool: pg.Pool,
  reservation: { apiKeyId: string; notional: string; limit: string },
  place: (connection: pg.PoolClient) => Promise<T>,
  kept: (result: T) => boolean,
): Promise<DailyPlacement<T>> {
  const connection = await pool.connect();
  try {
    await connection.query("BEGIN");
    const { apiKeyId, notional, limit } = reservation;
    await connection.query({
      name: "ensure_api_key_daily_notional",
      text: `INSERT INTO api_key_daily_notional (api_key_id, day)
             VALUES ($1, (now() AT TIME ZONE 'UTC')::date) ON CONFLICT DO NOTHING`,
      values: [apiKeyId],
    });
    const raised = await connection.query<{ used: string }>({
      name: "raise_api_key_daily_notional",
      text: `UPDATE api_key_daily_notional SET used = used + $2::numeric
              WHERE api_key_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date
                AND used + $2::numeric <= $3::numeric
             RETURNING used`,
      values: [apiKeyId, notional, limit],
    });
    if (raised.rowCount === 0) {
      const { rows } = await connection.query<{ used: string }>({
        name: "read_api_key_daily_notional",
        text: `SELECT used FROM api_key_daily_notional
                WHERE api_key_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
        values: [apiKeyId],
      });
      await connection.query("ROLLBACK");
      return { overDailyLimit: { used: rows[0]?.used ?? "0" } };
    }
    const result = await place(connection);
    await connection.query(kept(result) ? "COMMIT" : "ROLLBACK");
    return { placed: result };
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}
