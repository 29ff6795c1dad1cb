import { migrate } from "drizzle-orm/node-postgres/migrator";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase, createPool, ensureDatabase, redactUrl } from "./client.ts";
import { applyTimescaleLayer } from "./timescale.ts";

const MIGRATIONS = resolve(import.meta.dirname, "migrations");

/** Creates the database when missing and applies every pending migration. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const pool = createPool(databaseUrl, 2);
  try {
    // Two processes starting together must not both run the migrations.
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(7302040001)");
      await migrate(createDatabase(pool), { migrationsFolder: MIGRATIONS });
      // Outside drizzle's migration transaction: continuous aggregates refuse to run inside one.
      await applyTimescaleLayer(client, (message) => console.warn(message));
    } finally {
      await client.query("SELECT pg_advisory_unlock(7302040001)").catch(() => {});
      client.release();
    }
  } finally {
    await pool.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { loadConfig } = await import("../config/config.ts");
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  console.log(`migrations applied to ${redactUrl(config.databaseUrl)}`);
}
