import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { assets, ledgerEntries, wallets, type LedgerEntryRow, type WalletRow } from "./schema.ts";

export type LedgerReason = LedgerEntryRow["reason"];

/** One row per listed asset: the user's wallet, or zeros for an asset never held. */
export async function listWalletsOfUser(db: Executor, userId: string): Promise<WalletRow[]> {
  const rows = await db
    .select({
      asset: assets.symbol,
      available: sql<string>`coalesce(${wallets.available}, 0)`,
      locked: sql<string>`coalesce(${wallets.locked}, 0)`,
      updatedAt: sql<Date>`coalesce(${wallets.updatedAt}, 'epoch'::timestamptz)`.mapWith(
        (v: string | Date) => new Date(v),
      ),
    })
    .from(assets)
    .leftJoin(wallets, and(eq(wallets.asset, assets.symbol), eq(wallets.userId, userId)))
    .orderBy(assets.symbol);
  return rows.map((r) => ({ ...r, userId }));
}

/**
 * Adds signed deltas to a wallet (creating it at zero first) and writes the ledger row in the
 * same statement's transaction. The CHECK constraints refuse any result below zero.
 */
export async function changeBalance(tx: Executor, change: BalanceChange): Promise<WalletRow> {
  const [wallet] = await tx
    .insert(wallets)
    .values({
      userId: change.userId,
      asset: change.asset,
      available: change.availableDelta,
      locked: change.lockedDelta,
    })
    .onConflictDoUpdate({
      target: [wallets.userId, wallets.asset],
      set: {
        available: sql`${wallets.available} + ${change.availableDelta}::numeric`,
        locked: sql`${wallets.locked} + ${change.lockedDelta}::numeric`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  await recordChange(tx, change, wallet!);
  return wallet!;
}

/** A signed change of one wallet's balances and why, as its ledger row records it. */
export interface BalanceChange {
  userId: string;
  asset: string;
  availableDelta: string;
  lockedDelta: string;
  reason: LedgerReason;
  reference: string;
}

/**
 * Adds signed deltas to a wallet that exists and writes the ledger row, in the caller's
 * transaction; null when there is no such wallet. For changes that take from a balance, which
 * `changeBalance` cannot make: its upsert's proposed row holds the negative delta itself and
 * fails the CHECK before the conflict is seen. The CHECKs refuse any result below zero.
 */
export async function changeExistingBalance(
  tx: Executor,
  change: BalanceChange,
): Promise<WalletRow | null> {
  const [wallet] = await tx
    .update(wallets)
    .set({
      available: sql`${wallets.available} + ${change.availableDelta}::numeric`,
      locked: sql`${wallets.locked} + ${change.lockedDelta}::numeric`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(wallets.userId, change.userId), eq(wallets.asset, change.asset)))
    .returning();
  if (!wallet) return null;
  await recordChange(tx, change, wallet);
  return wallet;
}

async function recordChange(tx: Executor, change: BalanceChange, after: WalletRow): Promise<void> {
  await tx.insert(ledgerEntries).values({
    userId: change.userId,
    asset: change.asset,
    reason: change.reason,
    availableDelta: change.availableDelta,
    lockedDelta: change.lockedDelta,
    availableAfter: after.available,
    lockedAfter: after.locked,
    reference: change.reference,
  });
}

/** A page of the user's ledger, newest first, strictly before the `beforeId` cursor. */
export async function pageLedgerOfUser(
  db: Executor,
  query: { userId: string; asset?: string | null; beforeId?: bigint | null; limit: number },
): Promise<LedgerEntryRow[]> {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.userId, query.userId),
        query.asset ? eq(ledgerEntries.asset, query.asset) : undefined,
        query.beforeId != null ? lt(ledgerEntries.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.id))
    .limit(query.limit);
}
