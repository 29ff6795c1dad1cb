import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { printSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSchema } from "../resolvers/schema.ts";
import { startApi, type TestApi } from "./kit/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe("the published schema", () => {
  it("/schema.graphql serves the committed schema.graphql, which is the printed SDL", async () => {
    const committed = readFileSync(resolve(import.meta.dirname, "../schema.graphql"), "utf8");
    // npm run schema:print after an SDL change; scripts/verify-generated.sh fails CI otherwise.
    expect(committed).toBe(`${printSchema(loadSchema())}\n`);
    const res = await fetch(api.url.replace(/\/graphql$/, "/schema.graphql"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(committed);
  });
});
