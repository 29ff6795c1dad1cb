import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { loadConfig } from "../config/config.ts";
import { startApi, type TestApi } from "./kit/index.ts";

const ALLOWED = "https://app.example.test";
const OTHER = "https://evil.example.test";

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
});
afterAll(() => api.stop());

const preflight = (origin: string) =>
  fetch(api.url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type, authorization",
    },
  });

const markets = (origin: string, contentType = "application/json") =>
  fetch(api.url, {
    method: "POST",
    headers: { origin, "content-type": contentType },
    body: JSON.stringify({ query: "{ markets { symbol } }" }),
  });

/** Whether a websocket upgrade from this Origin (none: no header) is accepted, or its status. */
function upgrade(origin?: string): Promise<"open" | number> {
  const socket = new WebSocket(api.url.replace(/^http/, "ws"), "graphql-transport-ws", {
    headers: origin ? { origin } : {},
  });
  return new Promise((done, fail) => {
    socket.once("open", () => {
      socket.close();
      done("open");
    });
    socket.once("unexpected-response", (_req, res) => {
      done(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", (error) => {
      if (!String(error.message).includes("Unexpected server response")) fail(error);
    });
  });
}

describe("CORS_ORIGINS", () => {
  it("is validated: exact origins only", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://a.test,http://b.test:8080" }).corsOrigins).toEqual(
      new Set(["https://a.test", "http://b.test:8080"]),
    );
    expect(loadConfig({}).corsOrigins).toEqual(new Set());
    for (const bad of ["*", "https://a.test/", "https://a.test/app", "a.test", "ftp://a.test"]) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it("answers an allowed origin's preflight with 204 and the allowed methods and headers", async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    const allowedHeaders = res.headers.get("access-control-allow-headers")!.split(", ");
    expect(allowedHeaders).toEqual(
      expect.arrayContaining([
        "content-type",
        "authorization",
        "x-api-key",
        "apollo-require-preflight",
        "x-apollo-operation-name",
      ]),
    );
    expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it("refuses another origin's preflight with 403 and no CORS header", async () => {
    const res = await preflight(OTHER);
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it("an allowed origin's POST works and carries the CORS headers", async () => {
    const res = await markets(ALLOWED);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toMatch(/Origin/);
    const body = (await res.json()) as { data: { markets: unknown[] } };
    expect(Array.isArray(body.data.markets)).toBe(true);
  });

  it("another origin's POST gets no CORS header (the browser hides the answer)", async () => {
    const res = await markets(OTHER);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("CSRF prevention still refuses a simple text/plain POST, from any origin", async () => {
    for (const origin of [OTHER, ALLOWED]) {
      const res = await markets(origin, "text/plain");
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    }
  });

  it("a websocket upgrade: listed, same-origin and Origin-less clients open; others get 403", async () => {
    const self = api.url.replace(/\/graphql$/, "");
    expect(await upgrade(ALLOWED)).toBe("open");
    expect(await upgrade(self)).toBe("open");
    expect(await upgrade()).toBe("open");
    expect(await upgrade(OTHER)).toBe(403);
  });
});

describe("without CORS_ORIGINS", () => {
  it("no CORS header is sent and sockets from any origin open (as before)", async () => {
    const plain = await startApi();
    try {
      const res = await fetch(plain.url, {
        method: "POST",
        headers: { origin: ALLOWED, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      const socket = new WebSocket(plain.url.replace(/^http/, "ws"), "graphql-transport-ws", {
        headers: { origin: OTHER },
      });
      await new Promise((done, fail) => {
        socket.once("open", done);
        socket.once("error", fail);
      });
      socket.close();
    } finally {
      await plain.stop();
    }
  });
});
