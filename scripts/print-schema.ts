/**
 * Writes schema.graphql at the repository root: the merged SDL of schema/*.graphql as graphql-js
 * prints it, the same text the API serves at /schema.graphql. `npm run schema:print`;
 * scripts/verify-generated.sh fails when the committed file differs.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { printSchema } from "graphql";
import { loadSchema } from "../resolvers/schema.ts";

const PRINTED_SCHEMA_FILE = resolve(import.meta.dirname, "../schema.graphql");

writeFileSync(PRINTED_SCHEMA_FILE, `${printSchema(loadSchema())}\n`);
console.log(`wrote ${PRINTED_SCHEMA_FILE}`);
