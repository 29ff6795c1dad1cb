import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorFormatter } from "../api/server.ts";
import { DEPOSIT, LOGIN, ME, graphql, iterate } from "../client/index.ts";
import { codeOf, firstAnswer, newApiKey, newUser, startApi, type TestApi } from "./kit/index.ts";

const MARKETS = graphql(`
  query ServerMarkets {
    markets {
      symbol
    }
  }
`);
const HEARTBEAT = graphql(`
  subscription ServerHeartbeat($intervalSeconds: Int) {
    heartbeat(intervalSeconds: $intervalSeconds)
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe("probes", () => {
  it("/healthz answers while the process is up; /readyz names each store", async () => {
    const base = api.url.replace("/graphql", "");
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      postgres: true,
      redis: true,
      nats: true,
      markets: expect.arrayContaining([
        expect.objectContaining({ market: "BTC_USDT", settling: true }),
      ]) as unknown,
    });
  });

  it("/readyz is 503 and says which store is down", async () => {
    const broken = await startApi({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      REDIS_URL: "redis://127.0.0.1:1",
    });
    try {
      const ready = await fetch(broken.url.replace("/graphql", "/readyz"));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        ready: false,
        postgres: false,
        redis: false,
        nats: true,
        markets: null, // PostgreSQL does not answer: nothing is known of the markets
      });
    } finally {
      await broken.stop();
    }
  });
});

describe("GraphiQL", () => {
  it("is served by the server itself, with no external script or style", async () => {
    const page = await fetch(api.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="graphiql">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    // Only the server's own files (and an inline empty favicon), nothing from another host.
    expect(assets).toEqual(["data:,", "/graphiql/app.css", "/graphiql/app.js"]);
    const js = await (await fetch(api.url.replace("/graphql", "/graphiql/app.js"))).text();
    expect(js.length).toBeGreaterThan(100_000);
    expect(js).not.toMatch(/unpkg\.com|cdn\.jsdelivr|cdnjs\.cloudflare/);
    expect(js).toContain("graphql-transport-ws");
  });
});

describe("the trading page at /", () => {
  it("is never framed, runs only its own scripts, and answers HEAD like GET", async () => {
    const origin = new URL(api.url).origin;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    // No inline script the policy would have to allow: every script is a file of the page's own.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const head = await fetch(`${origin}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-security-policy")).toBe(csp);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${origin}${script}`, { method: "HEAD" });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("stores down", () => {
  it("PostgreSQL unreachable: authenticated and financial calls are SERVICE_UNAVAILABLE", async () => {
    const user = await newUser(api, "pgdown");
    const down = await startApi({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" });
    try {
      const deposit = await down.gql(DEPOSIT, { asset: "BTC", amount: "1" }, user.bearer);
      expect(codeOf(deposit)).toBe("SERVICE_UNAVAILABLE");
      expect(deposit.status).toBe(503);
      const markets = await down.gql(MARKETS);
      expect(codeOf(markets)).toBe("SERVICE_UNAVAILABLE");
      expect(JSON.stringify(markets)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    } finally {
      await down.stop();
    }
  });

  it("Redis unreachable: login refuses with SERVICE_UNAVAILABLE rather than skip the throttle", async () => {
    const user = await newUser(api, "redisdown");
    const down = await startApi({ REDIS_URL: "redis://127.0.0.1:1" });
    try {
      const res = await down.gql(LOGIN, {
        input: { email: user.email, password: user.password },
      });
      expect(codeOf(res)).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await down.stop();
    }
  });
});

describe("errors", () => {
  it("unexpected errors are masked in every mode, development included, and logged", () => {
    for (const env of ["production", "development"] as const) {
      const lines: string[] = [];
      const format = errorFormatter({
        ...api.deps,
        config: { ...api.deps.config, env },
        log: {
          ...api.deps.log,
          error: (message, fields) =>
            void lines.push(`${message} ${(fields?.error as Error).message}`),
        },
      });
      const boom = new Error("relation secret_table does not exist");
      const out = format(
        {
          message: boom.message,
          extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at /work/x.ts:1"] },
        },
        boom,
      );
      expect(out).toEqual({
        message: "Internal server error",
        path: undefined,
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      expect(lines[0]).toContain("secret_table");
    }
  });
});

describe("subscriptions over graphql-ws on /graphql", () => {
  it("delivers a subscription to a client authenticated by API key", async () => {
    const user = await newUser(api, "ws");
    const key = await newApiKey(api, user, ["READ"]);
    const client = api.ws({ apiKey: key.secret });
    const me = await iterate(client, ME).next();
    expect(me.value?.data).toEqual({ me: { id: user.id } });
    const beats = iterate(client, HEARTBEAT, { intervalSeconds: 1 });
    const first = await beats.next();
    expect(Date.parse(first.value?.data?.heartbeat as string)).toBeGreaterThan(Date.now() - 5_000);
    await beats.return?.();
  });

  it("refuses a socket with a forged key (4403)", async () => {
    const client = api.ws({ apiKey: `ehk_${"A".repeat(12)}_${"B".repeat(43)}` });
    await expect(iterate(client, ME).next()).rejects.toMatchObject({
      code: 4403,
    });
  });

  it("applies the same query limits on the socket", async () => {
    const client = api.ws();
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: markets { symbol }`).join(" ")} }`;
    const result = await firstAnswer(client.iterate({ query: aliases }));
    expect(JSON.stringify(result)).toMatch(/aliases/);
  });

  it("validates subscription arguments", async () => {
    const client = api.ws();
    const result = await firstAnswer(iterate(client, HEARTBEAT, { intervalSeconds: 0 }));
    expect(JSON.stringify(result)).toContain("BAD_USER_INPUT");
  });
});

describe("graceful shutdown", () => {
  it("drains open sockets and in-flight requests, then stops", async () => {
    const server = await startApi();
    const client = server.ws();
    const beats = iterate(client, HEARTBEAT, { intervalSeconds: 1 });
    await beats.next();
    // A login spends ~100 ms in scrypt: it is still running when the stop begins.
    const inflight = server.gql(LOGIN, {
      input: { email: "slow@example.test", password: "x" },
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(codeOf(await inflight)).toBe("UNAUTHENTICATED");
    const next = await beats.next().catch((e: unknown) => ({ closed: e }));
    expect(next).toMatchObject({ done: true });
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
