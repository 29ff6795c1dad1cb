import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabase, createPool } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    namespace: string;
  }
}

const SERVER = process.env.TEST_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";

/** A fresh database and key/stream namespace per test run, so runs never collide. */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const name = `eventhub_test_${runId}`;
  const databaseUrl = `${SERVER}/${name}`;
  await migrateDatabase(databaseUrl);
  const pool = createPool(databaseUrl, 1);
  await seedDemoMarkets(createDatabase(pool));
  await pool.end();
  project.provide("databaseUrl", databaseUrl);
  project.provide("namespace", `test_${runId}`);

  return async () => {
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}
