import { connect } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabase, createPool } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { buildWebIfStale } from "../web/build.ts";
import { closeForCopying } from "./kit/template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServer: string;
    templateDatabase: string;
    namespace: string;
  }
}

const SERVER = process.env.TEST_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";

/**
 * A fresh database and key/stream namespace per test run, so runs never collide: a migrated,
 * seeded template that tests clone (CREATE DATABASE … TEMPLATE) when they need a whole exchange
 * of their own, closed to connections once seeded, and one clone shared by the API-only tests.
 * TEST_DATABASE_SERVER points the run at another PostgreSQL (e.g. a TimescaleDB one).
 */
export default async function setup(project: TestProject) {
  // Once here, not in each of the many APIs the test files start at once (web/build.ts).
  await buildWebIfStale();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const prefix = `eventhub_test_${runId}`;
  const template = `${prefix}_tpl`;
  await migrateDatabase(`${SERVER}/${template}`);
  const pool = createPool(`${SERVER}/${template}`, 1);
  await seedDemoMarkets(createDatabase(pool));
  await pool.end();

  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  // No connections from here on (TimescaleDB's workers would otherwise race every copy); the
  // teardown's DROP … WITH (FORCE) drops it all the same.
  await closeForCopying(admin, template);
  await admin.query(`CREATE DATABASE "${prefix}" TEMPLATE "${template}"`);
  await admin.end();

  const namespace = `test_${runId}`;
  project.provide("databaseUrl", `${SERVER}/${prefix}`);
  project.provide("databaseServer", SERVER);
  project.provide("templateDatabase", template);
  project.provide("namespace", namespace);

  return async () => {
    const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${prefix}%`,
    ]);
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();

    const nc = await connect({ servers: process.env.NATS_URL ?? "127.0.0.1:4222" });
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      const name = stream.config.name;
      if (name.startsWith(namespace) || name.startsWith(`KV_${namespace}`))
        await jsm.streams.delete(name);
    }
    await nc.close();

    const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${namespace}*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    await redis.quit();
  };
}
