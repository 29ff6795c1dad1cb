import type pg from "pg";
import { poll } from "./wait.ts";

/**
 * Makes `database` safe to copy with CREATE DATABASE … TEMPLATE: blocks new connections to it
 * (`ALTER DATABASE … WITH ALLOW_CONNECTIONS false`) and ends those it still has — TimescaleDB's
 * background workers (its job scheduler stays connected to every database that allows
 * connections, and CREATE DATABASE waits only 5 s for the source to be free). Waits until none
 * is left (throws after `timeoutMs`). DROP DATABASE … WITH (FORCE) still drops it. `admin` is a
 * connection to another database (e.g. `postgres`).
 */
export async function closeForCopying(
  admin: pg.Client,
  database: string,
  timeoutMs = 20_000,
): Promise<void> {
  await admin.query(
    `ALTER DATABASE "${database.replaceAll('"', '""')}" WITH ALLOW_CONNECTIONS false`,
  );
  await poll(
    () =>
      admin.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      ),
    (r) => r.rows[0]!.n === 0,
    { timeoutMs, intervalMs: 50, failure: () => `${database} still has connections` },
  );
}
