import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { resolvers } from "./index.ts";

const SCHEMA_DIR = resolve(import.meta.dirname, "../schema");

/** EventHub's executable schema: every SDL file of schema/, with the resolvers of this folder. */
export function loadSchema(): GraphQLSchema {
  const typeDefs = readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(resolve(SCHEMA_DIR, file), "utf8"));
  return makeExecutableSchema({ typeDefs, resolvers });
}
