import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { graphql } from "../client/index.ts";
import {
  codeOf,
  fundedUser,
  newApiKey,
  newUser,
  startApi,
  type TestApi,
  type TestUser,
} from "./kit/index.ts";

/**
 * Request weight (issue 15): every operation costs a weight, counted per API key, per user and
 * per address; the usage rides on every answer, and past a limit the answer is RATE_LIMITED with
 * when to retry. Limits here are tiny and the namespace is this file's own, so the counts are exact.
 */

const RATE_LIMITS = graphql(`
  query RateLimits {
    rateLimits {
      scope
      used
      limit
      resetSeconds
    }
  }
`);

const KEY_LIMIT = 10;
const USER_LIMIT = 16;
const ORIGIN = "https://app.weights.test";
let api: TestApi;
let user: TestUser;

beforeAll(async () => {
  api = await startApi({
    EVENTHUB_NAMESPACE: `${inject("namespace")}_weights${randomBytes(2).toString("hex")}`,
    RATE_LIMIT_KEY_WEIGHT_PER_MINUTE: String(KEY_LIMIT),
    RATE_LIMIT_USER_WEIGHT_PER_MINUTE: String(USER_LIMIT),
    RATE_LIMIT_IP_WEIGHT_PER_MINUTE: "1000",
    CORS_ORIGINS: ORIGIN,
    ORDER_RATE_PER_SECOND: "1",
    ORDER_BURST: "2",
  });
  user = await newUser(api, "weights");
});
afterAll(async () => {
  await api?.stop();
});

/** Posts a document and answers status, the usage headers and the JSON body. */
async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { extensions?: Record<string, unknown> }[];
  };
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    used: Number(header("x-ratelimit-used-weight")),
    limit: Number(header("x-ratelimit-limit")),
    reset: Number(header("x-ratelimit-reset")),
    scope: header("x-ratelimit-scope"),
    retryAfter: header("retry-after"),
    exposed: header("access-control-expose-headers"),
    ...body,
  };
}

describe("request weight", () => {
  it("puts the usage on every answer, rising by each operation's weight", async () => {
    const anonymous = await post('{ ticker(market: "BTC_USDT") { last } }', { origin: ORIGIN });
    expect(anonymous).toMatchObject({ status: 200, scope: "IP", limit: 1000 });
    expect(anonymous.exposed).toMatch(/x-ratelimit-used-weight/);
    const before = anonymous.used;
    const next = await post('{ orderBook(market: "BTC_USDT", depth: 100) { sequence } }');
    expect(next.used).toBe(before + 5);
    expect(next.reset).toBeGreaterThan(0);
    expect(next.reset).toBeLessThanOrEqual(60);
  });

  it("refuses past a key's limit with RATE_LIMITED, 429 and Retry-After, and counts keys apart", async () => {
    const [a, b] = [await newApiKey(api, user, ["READ"]), await newApiKey(api, user, ["READ"])];
    const seen: number[] = [];
    for (let i = 0; i < KEY_LIMIT; i++) {
      const res = await post("{ me { id } }", a.header);
      expect(res.status).toBe(200);
      expect(res.scope).toBe("KEY");
      seen.push(res.used);
    }
    expect(seen).toEqual(Array.from({ length: KEY_LIMIT }, (_, i) => i + 1));

    const refused = await post("{ me { id } }", a.header);
    expect(refused.status).toBe(429);
    expect(codeOf(refused as never)).toBe("RATE_LIMITED");
    const extensions = refused.errors![0]!.extensions!;
    expect(extensions).toMatchObject({
      scope: "requestWeight",
      weightScope: "KEY",
      limit: KEY_LIMIT,
    });
    expect(extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.retryAfter).toBe(String(extensions.retryAfterSeconds));
    expect(refused).toMatchObject({ used: KEY_LIMIT, limit: KEY_LIMIT, scope: "KEY" });

    // The other key of the same user has its own count: its first request is its first weight.
    const other = await api.gql(RATE_LIMITS, {}, b.header);
    expect(other.errors).toBeUndefined();
    const usage = new Map(other.data!.rateLimits.map((u) => [u.scope, u]));
    expect(usage.get("KEY")).toMatchObject({ used: 1, limit: KEY_LIMIT });
    // Its user's count holds both keys' requests and the session's (key creation).
    const userUsed = usage.get("USER")!.used;
    expect(userUsed).toBeGreaterThanOrEqual(KEY_LIMIT + 1);
    expect(usage.get("USER")!.limit).toBe(USER_LIMIT);

    // The user's limit caps both keys together: key b runs out before its own limit.
    let last = await post("{ me { id } }", b.header);
    for (let spent = userUsed; last.status === 200; spent++) {
      expect(spent).toBeLessThan(USER_LIMIT);
      last = await post("{ me { id } }", b.header);
    }
    expect(last.status).toBe(429);
    expect(last.errors![0]!.extensions).toMatchObject({ weightScope: "USER", limit: USER_LIMIT });
    expect(last).toMatchObject({ scope: "USER", used: USER_LIMIT });
    // Refused requests are not counted.
    const again = await post("{ me { id } }", b.header);
    expect(again).toMatchObject({ status: 429, scope: "USER", used: USER_LIMIT });
  });

  it("costs one Redis round trip: weight and order tokens in one script, refused as before", async () => {
    const trader = await fundedUser(api, "weights-orders", { USDT: "1000" });
    const key = await newApiKey(api, trader, ["TRADE"]);
    const redis = api.deps.redis;
    const original = redis.sendCommand.bind(redis);
    const sent: string[] = [];
    redis.sendCommand = (command: { name: string }, ...rest: unknown[]) => {
      sent.push(command.name);
      return (original as (...args: unknown[]) => unknown)(command, ...rest);
    };
    const place = `mutation { placeOrder(input: { market: "BTC_USDT", side: BUY, type: LIMIT, price: "100", amount: "0.1" }) { id } }`;
    try {
      const read = await post("{ me { id } }", key.header);
      expect(read.status).toBe(200);
      expect(sent).toEqual(["evalsha"]);
      sent.length = 0;
      const placed = await post(place, key.header);
      expect(placed.errors).toBeUndefined();
      // The order token came with the weight: no second script (the placement's own reads aside).
      expect(sent.filter((name) => name === "evalsha" || name === "eval")).toHaveLength(1);
    } finally {
      redis.sendCommand = original;
    }
    // The bucket (burst 2, 1 a second) still holds: of three orders at once, one at least is refused.
    const burst = await Promise.all([1, 2, 3].map(() => post(place, key.header)));
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", scope: "orders" });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(2);
  });

  it("charges socket operations too and answers their usage through rateLimits", async () => {
    const fresh = await newUser(api, "weights-ws");
    const key = await newApiKey(api, fresh, ["READ"]);
    const socket = api.ws({ apiKey: key.secret });
    const read = () =>
      new Promise<{ scope: string; used: number }[]>((done, fail) => {
        socket.subscribe(
          { query: RATE_LIMITS.toString() },
          {
            next: (r) =>
              r.errors
                ? fail(new Error(JSON.stringify(r.errors)))
                : done((r.data as { rateLimits: { scope: string; used: number }[] }).rateLimits),
            error: fail,
            complete: () => {},
          },
        );
      });
    const first = await read();
    const second = await read();
    const keyUsed = (u: { scope: string; used: number }[]) =>
      u.find((x) => x.scope === "KEY")!.used;
    expect(keyUsed(first)).toBe(1);
    expect(keyUsed(second)).toBe(2);
  });
});
