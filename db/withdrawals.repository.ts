import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { wallets, withdrawals, type WalletRow, type WithdrawalRow } from "./schema.ts";

export type WithdrawalStatus = WithdrawalRow["status"];

/** Start of the current UTC day, by the database's clock (the transaction's `now()`). */
const UTC_DAY_START = sql`date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

/**
 * Locks the user's wallet of `asset` (FOR UPDATE) and answers it, or null when the user never
 * held the asset. Every withdrawal request of that user and asset queues here, so the balance
 * and the day's total each one reads include those committed before it.
 */
export async function lockWalletForWithdrawal(
  tx: Executor,
  userId: string,
  asset: string,
): Promise<WalletRow | null> {
  const [row] = await tx
    .select()
    .from(wallets)
    .where(and(eq(wallets.userId, userId), eq(wallets.asset, asset)))
    .for("update");
  return row ?? null;
}

/**
 * The current UTC day's withdrawn amounts per asset (PENDING and COMPLETED; only `asset` when
 * given), and when the day ends, both by the database's clock.
 */
export async function withdrawnToday(
  db: Executor,
  userId: string,
  asset?: string,
): Promise<{ byAsset: Map<string, string>; resetsAt: Date }> {
  const result = await db.execute<{
    resets_at: Date | string;
    asset: string | null;
    total: string;
  }>(
    sql`WITH day AS (SELECT ${UTC_DAY_START} AS start)
        SELECT day.start + interval '1 day' AS resets_at, w.asset, sum(w.amount)::text AS total
          FROM day
          LEFT JOIN ${withdrawals} w
            ON w.user_id = ${userId}
           AND w.status IN ('PENDING', 'COMPLETED')
           AND w.created_at >= day.start
           ${asset ? sql`AND w.asset = ${asset}` : sql``}
         GROUP BY day.start, w.asset`,
  );
  const byAsset = new Map<string, string>();
  for (const row of result.rows) if (row.asset !== null) byAsset.set(row.asset, row.total);
  return { byAsset, resetsAt: new Date(result.rows[0]!.resets_at) };
}

/**
 * Creates the wallets among `keys` that do not exist (at zero) and locks all of them in
 * (user, asset) order, the order settlement locks wallets in, so the two never deadlock.
 */
export async function lockWalletsInOrder(
  tx: Executor,
  keys: readonly { userId: string; asset: string }[],
): Promise<void> {
  await tx
    .insert(wallets)
    .values([...keys])
    .onConflictDoNothing();
  await tx
    .select({ userId: wallets.userId })
    .from(wallets)
    .where(or(...keys.map((k) => and(eq(wallets.userId, k.userId), eq(wallets.asset, k.asset)))))
    .orderBy(wallets.userId, wallets.asset)
    .for("update");
}

export async function insertWithdrawal(
  tx: Executor,
  withdrawal: Pick<WithdrawalRow, "userId" | "asset" | "amount" | "fee" | "address" | "apiKeyId">,
): Promise<WithdrawalRow> {
  const [row] = await tx.insert(withdrawals).values(withdrawal).returning();
  return row!;
}

/**
 * Moves a PENDING withdrawal to COMPLETED or REJECTED, only if it is still PENDING: of two
 * concurrent decisions the second waits for the first's row lock, re-reads the row and matches
 * nothing. Null when it was not PENDING (or does not exist).
 */
export async function decidePendingWithdrawal(
  tx: Executor,
  decision: {
    id: string;
    status: Exclude<WithdrawalStatus, "PENDING">;
    decidedBy: string;
    txid?: string;
    reason?: string;
  },
): Promise<WithdrawalRow | null> {
  const [row] = await tx
    .update(withdrawals)
    .set({
      status: decision.status,
      txid: decision.txid ?? null,
      reason: decision.reason ?? null,
      decidedBy: decision.decidedBy,
      decidedAt: sql`now()`,
    })
    .where(and(eq(withdrawals.id, decision.id), eq(withdrawals.status, "PENDING")))
    .returning();
  return row ?? null;
}

export async function findWithdrawal(db: Executor, id: string): Promise<WithdrawalRow | null> {
  const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, id)).limit(1);
  return row ?? null;
}

/** A page of withdrawals newest first (by seq, before `beforeSeq`): one user's, or all. */
export async function pageWithdrawals(
  db: Executor,
  query: {
    userId?: string;
    status?: WithdrawalStatus | null;
    beforeSeq?: bigint | null;
    limit: number;
  },
): Promise<WithdrawalRow[]> {
  return db
    .select()
    .from(withdrawals)
    .where(
      and(
        query.userId ? eq(withdrawals.userId, query.userId) : undefined,
        query.status ? eq(withdrawals.status, query.status) : undefined,
        query.beforeSeq != null ? lt(withdrawals.seq, query.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(withdrawals.seq))
    .limit(query.limit);
}
