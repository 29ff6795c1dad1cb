import type { SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction or the database itself: every query function takes the one it runs in. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

const dialect = new PgDialect();

/**
 * Runs `query` as a named (prepared) statement on the executor's connection: each pooled
 * connection parses and plans it once and then only binds and runs it, where `execute` has
 * PostgreSQL parse, analyze and plan it at every call (market data's three hot statements:
 * docs/PERFORMANCE.md, ninth pass). For statements run many times a second whose text never
 * varies (every value a parameter): node-postgres refuses a name reused with other text. After
 * five calls PostgreSQL may keep one generic plan until the table is next analyzed (autovacuum,
 * or the bench's ANALYZE after its warm-up), so only for statements whose best plan does not
 * change with the table's size. Not for a table whose statistics usually say empty while it can
 * suddenly fill, as the outbox does (takeOutboxBatch).
 */
export async function executeNamed<T extends Record<string, unknown>>(
  executor: Executor,
  name: string,
  query: SQL,
): Promise<pg.QueryResult<T>> {
  // Every executor is a drizzle database or transaction; `_.session` (typed public, though
  // drizzle means it for its own use) is the connection it runs on.
  const { session } = (executor as unknown as Pick<Database, "_">)._;
  const prepared = session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return (await prepared.execute()) as pg.QueryResult<T>;
}

// numeric stays a string (exact); int8 too, read where needed as BigInt.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

/**
 * A pool of at most `max` connections. `applicationName` names them in `pg_stat_activity` and the
 * server's log (the components use `eventhub-<component>`, as their NATS connections do); a URL's
 * own `application_name` wins.
 */
export function createPool(databaseUrl: string, max = 10, applicationName?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    ...(applicationName ? { application_name: applicationName } : {}),
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  // A client losing its server (a restart, pg_terminate_backend, a network cut) must not crash
  // the process: idle ones report to the pool, checked-out ones (held by a transaction between
  // queries) to themselves — without a listener that 'error' event would be thrown. The query
  // in flight, or the next one, fails and the pool replaces the client.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * drizzle over the pool, with one change: `transaction` checks a client out itself. drizzle's own
 * sends BEGIN outside its try, so when a pooled client's connection has died (a restart,
 * pg_terminate_backend) the failed BEGIN never releases it: each such failure leaks a client
 * until the pool is empty and the process stalls for good. Here a client that failed in any way
 * is destroyed, not returned, and the pool opens a fresh one.
 */
export function createDatabase(pool: pg.Pool): Database {
  const db = drizzle(pool, { schema });
  // One drizzle per pooled connection, made on its first transaction: making one reads the whole
  // schema's relations again, which cost 3 % of market data's and the relay's CPU when it was
  // done per transaction. A destroyed connection's drizzle goes with it.
  const perClient = new WeakMap<pg.PoolClient, Database>();
  db.transaction = async (work, config) => {
    const client = await pool.connect();
    let failed = true;
    try {
      let clientDb = perClient.get(client);
      if (!clientDb) perClient.set(client, (clientDb = drizzle(client, { schema })));
      const result = await clientDb.transaction(work, config);
      failed = false;
      return result;
    } finally {
      client.release(failed);
    }
  };
  return db;
}

/** A pooled connection inside a transaction `inTransaction` opened. */
export type TransactionClient = pg.PoolClient;

/**
 * Runs `work` in one transaction on a connection of its own: committed if it returns, else rolled
 * back. For statements drizzle does not write (COPY, arrays through `unnest`); drizzle's own
 * `db.transaction` does the same for its queries.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: TransactionClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dead: destroyed below, not pooled again.
    broken = await client.query("ROLLBACK").then(
      () => false,
      () => true,
    );
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Creates the database named in `databaseUrl` if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  } catch (error) {
    // Another process creating it at the same moment is fine.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/** The URL with its password hidden, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<invalid url>";
  }
}

/**
 * What to warn about in PostgreSQL's `autovacuum` setting (`SHOW autovacuum`: "on" or "off"),
 * or null. Without autovacuum no table is analyzed, and a connection keeps the plan it made for a
 * prepared statement until the table is: a plan made while `orders` was nearly empty (settlement
 * updating orders by id through a sequential scan, say) stays while the table grows, and so does
 * its cost. Dead rows pile up too. docs/PERFORMANCE.md, "PostgreSQL settings".
 */
export function autovacuumAdvice(setting: string): string | null {
  if (setting === "on") return null;
  return `PostgreSQL autovacuum is ${setting}: tables are never analyzed, so cached plans keep the sizes the tables had when first planned (a sequential scan whose cost grows with orders), and dead rows pile up; turn it on, or run ANALYZE and VACUUM on a schedule (docs/PERFORMANCE.md)`;
}

/** Logs autovacuumAdvice for the server `pool` reaches, if any; quiet when it cannot ask. */
export async function warnAboutAutovacuum(
  pool: pg.Pool,
  log: { warn(message: string): void },
): Promise<void> {
  const setting = await pool
    .query<{ autovacuum: string }>("SHOW autovacuum")
    .then((r) => r.rows[0]?.autovacuum ?? "on")
    .catch(() => "on");
  const advice = autovacuumAdvice(setting);
  if (advice) log.warn(advice);
}
