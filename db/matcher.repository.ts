import { eq, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { matcherSnapshots } from "./schema.ts";

export interface StoredSnapshot {
  commandSequence: number;
  bookSequence: number;
  state: unknown;
}

export async function loadMatcherSnapshot(
  db: Executor,
  market: string,
): Promise<StoredSnapshot | null> {
  const [row] = await db.select().from(matcherSnapshots).where(eq(matcherSnapshots.market, market));
  if (!row) return null;
  return {
    commandSequence: Number(row.commandSequence),
    bookSequence: Number(row.bookSequence),
    state: row.state,
  };
}

/** Keeps the newest snapshot: an older one (from a matcher that lost its lease) never overwrites. */
export async function saveMatcherSnapshot(
  db: Executor,
  market: string,
  snapshot: StoredSnapshot,
): Promise<void> {
  await db
    .insert(matcherSnapshots)
    .values({
      market,
      commandSequence: BigInt(snapshot.commandSequence),
      bookSequence: BigInt(snapshot.bookSequence),
      state: snapshot.state,
    })
    .onConflictDoUpdate({
      target: matcherSnapshots.market,
      set: {
        commandSequence: sql`excluded.command_sequence`,
        bookSequence: sql`excluded.book_sequence`,
        state: sql`excluded.state`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${matcherSnapshots.commandSequence} < excluded.command_sequence`,
    });
}
