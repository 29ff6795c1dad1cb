import { statSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STARTER_DOCUMENT } from "../api/graphiql/starter.ts";
import { startApi, type TestApi } from "./kit/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

const post = (operationName: string) =>
  fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: STARTER_DOCUMENT, operationName }),
  });

describe("GraphiQL's starter document over HTTP", () => {
  it("a query selected from it runs", async () => {
    const res = await post("Markets");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { markets: unknown[] } };
    expect(Array.isArray(body.data?.markets)).toBe(true);
  });

  it("Register runs once; run again it is refused, and Login gets a token for the same account", async () => {
    const first = (await (await post("Register")).json()) as {
      data?: { register: { token: string; user: { id: string } } };
    };
    expect(first.data?.register.token).toBeTruthy();
    const again = (await (await post("Register")).json()) as {
      errors?: { extensions: { code: string } }[];
    };
    expect(again.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    const login = (await (await post("Login")).json()) as {
      data?: { login: { token: string; user: { id: string } } };
    };
    expect(login.data?.login.user.id).toBe(first.data?.register.user.id);
  });

  it("a subscription selected from it is a typed BAD_REQUEST naming graphql-ws", async () => {
    for (const name of ["Book", "MyOrders"]) {
      const res = await post(name);
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe("BAD_REQUEST");
      expect(body.errors[0]!.message).toMatch(/graphql-ws/);
    }
  });

  it("the bundle served is rebuilt from the routing module (newer than every source)", () => {
    const bundle = statSync(resolve(import.meta.dirname, "../.cache/graphiql/app.js")).mtimeMs;
    for (const file of ["app.tsx", "route.ts", "starter.ts"]) {
      const source = statSync(resolve(import.meta.dirname, "../api/graphiql", file)).mtimeMs;
      expect(bundle).toBeGreaterThan(source);
    }
  });
});
