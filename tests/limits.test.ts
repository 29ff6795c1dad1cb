import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { loginLimits } from "../services/auth.service.ts";
import { passwordGate } from "../services/passwords.ts";
import { GateFull, PriorityGate } from "../services/priority-gate.ts";
import type { PlaceOrderInput } from "../client/generated/graphql.ts";
import {
  CANCEL_ORDER,
  CHANGE_PASSWORD,
  CREATE_API_KEY,
  LOGIN,
  REGISTER,
  graphql,
  httpClient,
  type Transport,
} from "../client/index.ts";
import {
  balances,
  codeOf,
  fundedUser,
  newApiKey,
  newUser,
  startApi,
  uniqueEmail,
  type GraphQLResponse,
  type TestApi,
  sleep,
  startExchange,
  type Exchange,
} from "./kit/index.ts";

const PLACE = graphql(`
  mutation LimitsPlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`);
const BUY: PlaceOrderInput = {
  market: "BTC_USDT",
  side: "BUY",
  type: "LIMIT",
  price: "100",
  amount: "0.1",
};

/**
 * Redis keys are per namespace and every test file signs in from 127.0.0.1: each API here counts
 * in a namespace of its own (still under the run's, so the run's teardown removes it).
 */
const isolated = (tag: string) => `${inject("namespace")}_${tag}${randomBytes(2).toString("hex")}`;

/**
 * GraphQL POSTs sent from `localAddress` (any 127.x.y.z reaches the server on Linux), so the API
 * sees another client IP through the socket, as it would for a client elsewhere.
 */
function clientFrom(api: TestApi, localAddress: string) {
  const transport: Transport = (url, body, extra) =>
    new Promise((resolve, reject) => {
      const headers = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...extra,
      };
      const req = http.request(url, { method: "POST", localAddress, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  return httpClient(api.url, transport);
}

const retryAfter = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.retryAfterSeconds;

describe("login throttle", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ EVENTHUB_NAMESPACE: isolated("login") });
  });
  afterAll(() => api.stop());

  const login = (ip: string, email: string, password: string) =>
    clientFrom(api, ip).request(LOGIN, { input: { email, password } });

  it("30 simultaneous wrong passwords: 5 are checked, 25 refused unchecked", async () => {
    const victim = await newUser(api, "burst");
    const results = await Promise.all(
      Array.from({ length: 30 }, () => login("127.0.0.1", victim.email, "wrong password!")),
    );
    const codes = results.map(codeOf);
    // UNAUTHENTICATED means the password was checked; the throttle counted before checking.
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(5);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(25);
    for (const res of results.filter((r) => codeOf(r) === "RATE_LIMITED")) {
      expect(retryAfter(res)).toBeGreaterThan(0);
      expect(retryAfter(res)).toBeLessThanOrEqual(900);
    }
    // The right password from the attacking pair is refused too: the pair is spent.
    expect(codeOf(await login("127.0.0.1", victim.email, victim.password))).toBe("RATE_LIMITED");
  });

  it("five wrong passwords from one IP do not lock the owner out from another", async () => {
    const victim = await newUser(api, "lockout");
    for (let i = 0; i < 6; i++) await login("127.0.0.2", victim.email, "wrong password!");
    expect(codeOf(await login("127.0.0.2", victim.email, victim.password))).toBe("RATE_LIMITED");
    const owner = await login("127.0.0.3", victim.email, victim.password);
    expect(owner.errors).toBeUndefined();
    expect(owner.data?.login.user.id).toBe(victim.id);
  });

  it("a success clears its pair, not only takes itself back", async () => {
    const user = await newUser(api, "clears");
    for (let i = 0; i < 4; i++) await login("127.0.0.4", user.email, "wrong password!");
    expect((await login("127.0.0.4", user.email, user.password)).errors).toBeUndefined();
    // Had it only been taken back, the pair would hold 4 and refuse the second of these.
    const after = [];
    for (let i = 0; i < 2; i++) after.push(codeOf(await login("127.0.0.4", user.email, "nope!")));
    expect(after).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED"]);
  });

  it("past 100 failures from anywhere, the account refuses every IP until the window ends", async () => {
    const user = await newUser(api, "ceiling");
    const [, account] = loginLimits(api.deps.config.namespace, user.email.toLowerCase(), "-");
    // As if 100 wrong passwords had come from 20 IPs (5 each) in the last minute.
    await api.deps.redis.set(account!.key, "100", "EX", 840);
    const res = await login("127.0.0.5", user.email, user.password);
    expect(codeOf(res)).toBe("RATE_LIMITED");
    expect(retryAfter(res)).toBeGreaterThan(800);
    expect(retryAfter(res)).toBeLessThanOrEqual(840);
    await api.deps.redis.set(account!.key, "99", "EX", 840);
    expect((await login("127.0.0.5", user.email, user.password)).errors).toBeUndefined();
  });
});

describe("registrations per IP", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      EVENTHUB_NAMESPACE: isolated("signup"),
      REGISTRATIONS_PER_IP_HOUR: "3",
    });
  });
  afterAll(() => api.stop());

  const register = (ip: string) =>
    clientFrom(api, ip).request(REGISTER, {
      input: { name: "flood", email: uniqueEmail("flood"), password: "long enough pw" },
    });

  it("an IP makes at most the limit, even all at once; another IP is not affected", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => register("127.0.1.1")));
    expect(results.filter((r) => r.data?.register.token)).toHaveLength(3);
    const refused = results.filter((r) => codeOf(r) === "RATE_LIMITED");
    expect(refused).toHaveLength(3);
    for (const res of refused) {
      expect(retryAfter(res)).toBeGreaterThan(3_500);
      expect(retryAfter(res)).toBeLessThanOrEqual(3_600);
    }
    expect((await register("127.0.1.2")).data?.register.token).toBeTruthy();
  });

  it("input refused before hashing does not count", async () => {
    const bad = await clientFrom(api, "127.0.1.3").request(REGISTER, {
      input: { name: "x", email: "not-an-email", password: "long enough pw" },
    });
    expect(codeOf(bad)).toBe("BAD_USER_INPUT");
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(codeOf(await register("127.0.1.3")) ?? "ok");
    expect(codes).toEqual(["ok", "ok", "ok", "RATE_LIMITED"]);
  });
});

describe("password hashing gate", () => {
  it("gives a freed slot to urgent work first and refuses past a full queue", async () => {
    const gate = new PriorityGate(1, { urgent: 2, background: 2 });
    const started: string[] = [];
    let releaseFirst!: () => void;
    const first = gate.run("background", () => new Promise<void>((r) => (releaseFirst = r)));
    const queued = [
      gate.run("background", async () => void started.push("register 1")),
      gate.run("background", async () => void started.push("register 2")),
      gate.run("urgent", async () => void started.push("login")),
    ];
    await expect(gate.run("background", async () => {})).rejects.toBeInstanceOf(GateFull);
    expect(gate.load()).toEqual({ running: 1, waiting: 3 });
    releaseFirst();
    await Promise.all([first, ...queued]);
    expect(started).toEqual(["login", "register 1", "register 2"]);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("a login is answered while a registration flood still waits; past the queue: RATE_LIMITED", async () => {
    const api = await startApi({ EVENTHUB_NAMESPACE: isolated("gate") });
    try {
      const user = await newUser(api, "gate");
      const capacity = passwordGate.slots + passwordGate.queueLimits.background;
      const flood = Array.from({ length: capacity + 6 }, (_, i) =>
        api.gql(REGISTER, {
          input: { name: `flood${i}`, email: uniqueEmail("flood"), password: "long enough pw" },
        }),
      );
      let registered = 0;
      for (const request of flood) void request.then((r) => r.data && registered++);
      // Log in once the flood fills the gate's queue, so the login has to get past it.
      while (passwordGate.load().waiting < passwordGate.queueLimits.background) {
        await sleep(2);
      }
      const res = await api.gql(LOGIN, { input: { email: user.email, password: user.password } });
      const registeredBeforeLogin = registered;
      expect(res.data?.login.user.id).toBe(user.id);
      // Served first: in arrival order it would have come after every queued registration.
      expect(registeredBeforeLogin).toBeLessThan(capacity / 2);
      const results = await Promise.all(flood);
      const busy = results.filter((r) => codeOf(r) === "RATE_LIMITED");
      expect(busy.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.data?.register.token).length + busy.length).toBe(flood.length);
      for (const r of busy) expect(retryAfter(r)).toBeGreaterThanOrEqual(1);
    } finally {
      await api.stop();
    }
  }, 90_000); // 19 scrypts of 128 MiB on two shared cores
});

describe("password change", () => {
  it("a stolen session cannot guess the password: the 6th attempt in 15 minutes is RATE_LIMITED", async () => {
    const api = await startApi({ EVENTHUB_NAMESPACE: isolated("pwchange") });
    try {
      const user = await newUser(api, "pwchange");
      const guess = (n: number) =>
        api.gql(
          CHANGE_PASSWORD,
          { input: { currentPassword: `guess-${n}-wrong`, newPassword: "a-new-password-1" } },
          user.bearer,
        );
      const codes = [];
      for (let n = 0; n < 6; n++) codes.push(codeOf(await guess(n)));
      expect(codes).toEqual([...Array<string>(5).fill("BAD_USER_INPUT"), "RATE_LIMITED"]);
      // Even the right password now waits: nothing is checked past the limit.
      const right = await api.gql(
        CHANGE_PASSWORD,
        { input: { currentPassword: user.password, newPassword: "a-new-password-1" } },
        user.bearer,
      );
      expect(codeOf(right)).toBe("RATE_LIMITED");
      expect(right.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await api.stop();
    }
  });
});

describe("API keys per account", () => {
  it("60 concurrent createApiKey calls leave exactly 50 active keys", async () => {
    const api = await startApi({ EVENTHUB_NAMESPACE: isolated("keys-cap") });
    try {
      const user = await newUser(api, "keys-cap");
      const made = await Promise.all(
        Array.from({ length: 60 }, (_, n) =>
          api.gql(CREATE_API_KEY, { input: { name: `k${n}`, permissions: ["READ"] } }, user.bearer),
        ),
      );
      expect(made.filter((r) => r.data?.createApiKey)).toHaveLength(50);
      expect(made.filter((r) => codeOf(r) === "BAD_USER_INPUT")).toHaveLength(10);
      const { rows } = await api.deps.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      expect(rows[0]!.n).toBe(50);
    } finally {
      await api.stop();
    }
  });
});

describe("order rate of an account", () => {
  it("its keys share a ceiling of 4 keys' worth: more keys buy no more rate", async () => {
    const api = await startApi({
      EVENTHUB_NAMESPACE: isolated("account-rate"),
      ORDER_RATE_PER_SECOND: "1",
      ORDER_BURST: "5",
    });
    try {
      const trader = await fundedUser(api, "many-keys", { USDT: "1000" });
      const keys = await Promise.all(
        Array.from({ length: 6 }, () => newApiKey(api, trader, ["TRADE"])),
      );
      // 6 keys × a burst of 5 would be 30; the account's bucket holds 4 × 5 = 20 and refills
      // 4 a second while the burst is being answered.
      const started = Date.now();
      const burst = await Promise.all(
        keys.flatMap((key) =>
          Array.from({ length: 5 }, () => api.gql(PLACE, { input: BUY }, key.header)),
        ),
      );
      const refilled = Math.ceil(((Date.now() - started) / 1000) * 4);
      const placed = burst.filter((r) => r.data?.placeOrder).length;
      expect(placed).toBeGreaterThanOrEqual(20);
      expect(placed).toBeLessThanOrEqual(Math.min(29, 20 + refilled));
      expect(burst.filter((r) => codeOf(r) === "RATE_LIMITED")).toHaveLength(30 - placed);
    } finally {
      await api.stop();
    }
  });
});

describe("order rate", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      EVENTHUB_NAMESPACE: isolated("rate"),
      ORDER_RATE_PER_SECOND: "2",
      ORDER_BURST: "5",
    });
  });
  afterAll(() => api.stop());

  it("a burst past the bucket is RATE_LIMITED with a fractional wait; an API key has its own bucket", async () => {
    const trader = await fundedUser(api, "rate", { USDT: "1000" });
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => api.gql(PLACE, { input: BUY }, trader.bearer)),
    );
    expect(burst.filter((r) => r.data?.placeOrder)).toHaveLength(5);
    const limited = burst.filter((r) => codeOf(r) === "RATE_LIMITED");
    expect(limited).toHaveLength(3);
    const wait = limited[0]!.errors![0]!.extensions!;
    expect(wait.scope).toBe("orders");
    // 2 tokens a second: the next one is at most 500 ms away.
    expect(wait.retryAfterSeconds).toBeGreaterThan(0);
    expect(wait.retryAfterSeconds).toBeLessThanOrEqual(0.5);
    expect(wait.retryAfterMs).toBe(Math.round((wait.retryAfterSeconds as number) * 1000));
    expect(await balances(api, trader.bearer)).toMatchObject({ USDT: { locked: "50" } });

    const key = await newApiKey(api, trader, ["TRADE"]);
    expect((await api.gql(PLACE, { input: BUY }, key.header)).data?.placeOrder).toBeTruthy();

    // The hint is true: after it, the session places again.
    await sleep((wait.retryAfterMs as number) + 50);
    expect((await api.gql(PLACE, { input: BUY }, trader.bearer)).data?.placeOrder).toBeTruthy();
  });

  it("cancels have a bucket of their own: out of placement tokens, a caller still cancels", async () => {
    const trader = await fundedUser(api, "cancel-rate", { USDT: "1000" });
    const placed = await Promise.all(
      Array.from({ length: 8 }, () => api.gql(PLACE, { input: BUY }, trader.bearer)),
    );
    const ids = placed.flatMap((r) => (r.data?.placeOrder ? [r.data.placeOrder.id] : []));
    expect(ids).toHaveLength(5);
    const cancels = await Promise.all(
      [...ids, ...ids].map((id) => api.gql(CANCEL_ORDER, { id }, trader.bearer)),
    );
    // Five tokens of the cancel bucket: the first five cancels go through, the rest wait.
    expect(cancels.filter((r) => r.data?.cancelOrder)).toHaveLength(5);
    expect(cancels.filter((r) => codeOf(r) === "RATE_LIMITED")).toHaveLength(5);
  });
});

describe("Redis unreachable", () => {
  it("orders go on unthrottled (placement never needed Redis); sign-ups refuse", async () => {
    const api = await startApi();
    const down = await startApi({ REDIS_URL: "redis://127.0.0.1:1" });
    try {
      const trader = await fundedUser(api, "no-redis", { USDT: "100" });
      const placed = await down.gql(PLACE, { input: BUY }, trader.bearer);
      expect(placed.data?.placeOrder.status).toBe("PENDING");
      const signUp = await down.gql(REGISTER, {
        input: { name: "x", email: uniqueEmail("no-redis"), password: "long enough pw" },
      });
      expect(codeOf(signUp)).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await Promise.all([api.stop(), down.stop()]);
    }
  });
});

describe("open orders per user and market", () => {
  let ex: Exchange;
  beforeAll(async () => {
    ex = await startExchange({ overrides: { MAX_OPEN_ORDERS_PER_MARKET: "5" } });
  });
  afterEach(() => ex.checkInvariants());
  afterAll(() => ex.stop());

  const place = (headers: Record<string, string>, input: PlaceOrderInput = BUY) =>
    ex.gql(PLACE, { input }, headers);
  const openOrders = async (userId: string) => {
    const { rows } = await ex.deps.pool.query<{ market: string; n: number }>(
      `SELECT market, count(*)::int AS n FROM orders
        WHERE user_id = $1 AND status IN ('PENDING', 'OPEN', 'PARTIALLY_FILLED') GROUP BY 1`,
      [userId],
    );
    return Object.fromEntries(rows.map((r) => [r.market, r.n]));
  };

  it("the order past the cap is refused with the cap and market, changing nothing", async () => {
    const trader = await fundedUser(ex, "cap", { USDT: "1000" });
    for (let i = 0; i < 5; i++) expect((await place(trader.bearer)).data?.placeOrder).toBeTruthy();
    const before = await balances(ex, trader.bearer);

    const refused = await place(trader.bearer);
    expect(codeOf(refused)).toBe("TOO_MANY_OPEN_ORDERS");
    expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: 5, market: "BTC_USDT" });
    expect(await balances(ex, trader.bearer)).toEqual(before);
    expect(await openOrders(trader.id)).toEqual({ BTC_USDT: 5 });

    // The cap is per market; and a finished order frees its place.
    const eth = { ...BUY, market: "ETH_USDT" };
    expect((await place(trader.bearer, eth)).data?.placeOrder).toBeTruthy();
    const { rows } = await ex.deps.pool.query<{ id: string }>(
      `SELECT id FROM orders WHERE user_id = $1 AND market = 'BTC_USDT' LIMIT 1`,
      [trader.id],
    );
    await ex.gql(CANCEL_ORDER, { id: rows[0]!.id }, trader.bearer);
    await ex.waitUntilSettled();
    expect((await place(trader.bearer)).data?.placeOrder).toBeTruthy();
    expect(await openOrders(trader.id)).toEqual({ BTC_USDT: 5, ETH_USDT: 1 });
  });

  it("a concurrent burst around the cap never passes it", async () => {
    const trader = await fundedUser(ex, "cap-burst", { USDT: "1000" });
    for (let i = 0; i < 3; i++) await place(trader.bearer);
    const key = await newApiKey(ex, trader, ["TRADE"]);
    await ex.waitUntilSettled();
    // Hold the wallet so that every placement let through to PostgreSQL has counted the open
    // orders and waits on it: the burst truly overlaps there, not only in Node.
    const blocker = new pg.Client({ connectionString: ex.config.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(
        `SELECT 1 FROM wallets WHERE user_id = $1 AND asset = 'USDT' FOR UPDATE`,
        [trader.id],
      );
      // Through the session and a key at once: the cap is the user's, whatever the credential.
      const burst = Promise.all(
        Array.from({ length: 12 }, (_, i) => place(i % 2 ? key.header : trader.bearer)),
      );
      await waitForLockWaiters(blocker);
      await blocker.query("COMMIT");
      const results = await burst;
      expect(results.filter((r) => r.data?.placeOrder)).toHaveLength(2);
      expect(results.filter((r) => codeOf(r) === "TOO_MANY_OPEN_ORDERS")).toHaveLength(10);
    } finally {
      await blocker.end();
    }
    expect(await openOrders(trader.id)).toEqual({ BTC_USDT: 5 });
    expect(await balances(ex, trader.bearer)).toMatchObject({
      USDT: { available: "950", locked: "50" },
    });
  });

  /**
   * Until statements wait on a row lock and their number has held for 300 ms (5 s at most: the
   * assertions hold either way, the wait only makes the overlap real).
   */
  async function waitForLockWaiters(client: pg.Client): Promise<void> {
    const deadline = Date.now() + 5_000;
    let seen = 0;
    for (let stable = 0; stable < 6 && Date.now() < deadline;) {
      await sleep(50);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      const waiting = rows[0]!.n;
      stable = waiting > 0 && waiting === seen ? stable + 1 : 0;
      seen = waiting;
    }
  }
});
