import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, newApiKey, newUser, startApi, type TestApi, type TestUser } from "./kit.ts";

let api: TestApi;
let user: TestUser;
let tradeKey: Record<string, string>;
beforeAll(async () => {
  api = await startApi();
  user = await newUser(api, "errors");
  tradeKey = (await newApiKey(api, user, ["TRADE"])).header;
  await api.gql(
    `mutation { deposit(input: { asset: "BTC", amount: "1" }) { asset } }`,
    {},
    tradeKey,
  );
});
afterAll(() => api.stop());

const DEPOSIT = `mutation($asset: String!, $amount: Decimal!) {
  deposit(input: { asset: $asset, amount: $amount }) { available }
}`;

async function btcBalance(headers: Record<string, string>) {
  const res = await api.gql(`{ wallets { asset available } }`, {}, headers);
  return res.data?.wallets.find((w: { asset: string }) => w.asset === "BTC").available;
}

describe("bad input is BAD_USER_INPUT and changes nothing", () => {
  it.each([
    ["negative", "-1"],
    ["zero", "0"],
    ["over-precise for BTC (8 places)", "0.000000001"],
    ["non-numeric", "lots"],
    ["exponent", "1e3"],
    ["empty", ""],
    ["larger than numeric(38,18)", "123456789012345678901"],
  ])("deposit amount %s", async (_what, amount) => {
    const res = await api.gql(DEPOSIT, { asset: "BTC", amount }, tradeKey);
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect(await btcBalance(tradeKey)).toBe("1");
  });

  it("a JSON number as a Decimal is refused (floats are inexact)", async () => {
    const res = await api.gql(DEPOSIT, { asset: "BTC", amount: 0.1 }, tradeKey);
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/string/);
    expect(await btcBalance(tradeKey)).toBe("1");
  });

  it("a Decimal literal that is not a string is refused", async () => {
    const res = await api.gql(
      `mutation { deposit(input: { asset: "BTC", amount: 5 }) { available } }`,
      {},
      tradeKey,
    );
    expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]).toContain(codeOf(res));
    expect(await btcBalance(tradeKey)).toBe("1");
  });

  it("an unknown asset", async () => {
    const res = await api.gql(DEPOSIT, { asset: "DOGE", amount: "1" }, tradeKey);
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
  });

  it("a wallet holds at most 10^15: a deposit past it is refused whole", async () => {
    const rich = await newUser(api, "rich");
    const max = "1000000000000000";
    expect(
      codeOf(await api.gql(DEPOSIT, { asset: "ETH", amount: "99999999999999999999" }, rich.bearer)),
    ).toBe("BAD_USER_INPUT");
    expect(
      (await api.gql(DEPOSIT, { asset: "ETH", amount: max }, rich.bearer)).errors,
    ).toBeUndefined();
    const res = await api.gql(DEPOSIT, { asset: "ETH", amount: "0.00000001" }, rich.bearer);
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    const wallets = await api.gql(
      `{ wallets { asset available } ledger(asset: "ETH") { edges { node { id } } } }`,
      {},
      rich.bearer,
    );
    expect(wallets.data?.wallets.find((w: { asset: string }) => w.asset === "ETH").available).toBe(
      max,
    );
    expect(wallets.data?.ledger.edges).toHaveLength(1);
  });

  it("register: a taken email in another letter case, a short password, a bad email", async () => {
    const register = (input: object) =>
      api.gql(`mutation($i: RegisterInput!) { register(input: $i) { token } }`, { i: input });
    expect(
      codeOf(
        await register({ name: "x", email: user.email.toUpperCase(), password: "long enough pw" }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(codeOf(await register({ name: "x", email: "short@pw.test", password: "short" }))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      codeOf(await register({ name: "x", email: "not-an-email", password: "long enough pw" })),
    ).toBe("BAD_USER_INPUT");
    expect(
      codeOf(await register({ name: "", email: "empty@name.test", password: "long enough pw" })),
    ).toBe("BAD_USER_INPUT");
  });

  it("createApiKey without permissions or name", async () => {
    const create = (input: object) =>
      api.gql(
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
        { i: input },
        user.bearer,
      );
    expect(codeOf(await create({ name: "k", permissions: [] }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await create({ name: " ", permissions: ["READ"] }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await create({ name: "k", permissions: ["ADMIN"] }))).toBe("BAD_USER_INPUT");
  });

  it("revoking a key that is not the caller's", async () => {
    const other = await newUser(api, "other");
    const key = await newApiKey(api, other, ["READ"]);
    const res = await api.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: key.id },
      user.bearer,
    );
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect((await api.gql(`{ me { id } }`, {}, key.header)).data?.me.id).toBe(other.id);
    const notUuid = await api.gql(`mutation { revokeApiKey(id: "nope") { id } }`, {}, user.bearer);
    expect(codeOf(notUuid)).toBe("BAD_USER_INPUT");
  });

  it("connections refuse first outside 1–100 and foreign cursors", async () => {
    expect(codeOf(await api.gql(`{ ledger(first: 101) { edges { cursor } } }`, {}, tradeKey))).toBe(
      "BAD_USER_INPUT",
    );
    expect(codeOf(await api.gql(`{ ledger(first: 0) { edges { cursor } } }`, {}, tradeKey))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      codeOf(await api.gql(`{ ledger(after: "garbage") { edges { cursor } } }`, {}, tradeKey)),
    ).toBe("BAD_USER_INPUT");
  });
});

describe("credentials and permissions", () => {
  it("a forged API key is UNAUTHENTICATED", async () => {
    const forged = `ehk_${"A".repeat(12)}_${"B".repeat(43)}`;
    const res = await api.gql(`{ me { id } }`, {}, { "x-api-key": forged });
    expect(codeOf(res)).toBe("UNAUTHENTICATED");
    expect(res.status).toBe(401);
  });

  it("a real prefix with a wrong secret is UNAUTHENTICATED", async () => {
    const key = await newApiKey(api, user, ["READ"]);
    const tampered = key.secret.slice(0, -1) + (key.secret.endsWith("A") ? "B" : "A");
    expect(codeOf(await api.gql(`{ me { id } }`, {}, { "x-api-key": tampered }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(codeOf(await api.gql(`{ me { id } }`, {}, { "x-api-key": "garbage" }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("a forged or malformed session token is UNAUTHENTICATED", async () => {
    const [h, p] = user.token.split(".");
    const forged = `${h}.${p}.${"x".repeat(43)}`;
    expect(codeOf(await api.gql(`{ me { id } }`, {}, { authorization: `Bearer ${forged}` }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(codeOf(await api.gql(`{ me { id } }`, {}, { authorization: "Basic abc" }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("no credentials: me is null, private fields are UNAUTHENTICATED", async () => {
    expect((await api.gql(`{ me { id } }`)).data?.me).toBeNull();
    expect(codeOf(await api.gql(`{ wallets { asset } }`))).toBe("UNAUTHENTICATED");
    expect(codeOf(await api.gql(DEPOSIT, { asset: "BTC", amount: "1" }))).toBe("UNAUTHENTICATED");
  });

  it("a READ key cannot deposit or manage keys (FORBIDDEN) but can read", async () => {
    const read = await newApiKey(api, user, ["READ"]);
    expect(codeOf(await api.gql(DEPOSIT, { asset: "BTC", amount: "1" }, read.header))).toBe(
      "FORBIDDEN",
    );
    expect(
      codeOf(
        await api.gql(
          `mutation { createApiKey(input: { name: "x", permissions: [TRADE] }) { secret } }`,
          {},
          read.header,
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(codeOf(await api.gql(`{ apiKeys { id } }`, {}, read.header))).toBe("FORBIDDEN");
    expect(await btcBalance(read.header)).toBe("1");
  });

  it("wrong password is UNAUTHENTICATED, then RATE_LIMITED per account", async () => {
    const victim = await newUser(api, "victim");
    const attempt = (password: string) =>
      api.gql(`mutation($i: LoginInput!) { login(input: $i) { token } }`, {
        i: { email: victim.email, password },
      });
    for (let i = 0; i < 5; i++)
      expect(codeOf(await attempt("wrong password!"))).toBe("UNAUTHENTICATED");
    const limited = await attempt(victim.password);
    expect(codeOf(limited)).toBe("RATE_LIMITED");
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("login failures are throttled per IP across accounts", async () => {
    // Its own namespace: failed logins of other test files (same IP) must not count here.
    const isolated = await startApi({
      EVENTHUB_NAMESPACE: `${api.deps.config.namespace}_ip${process.pid}`,
    });
    try {
      const attempt = (email: string) =>
        isolated.gql(`mutation($i: LoginInput!) { login(input: $i) { token } }`, {
          i: { email, password: "wrong password!" },
        });
      const codes = [];
      for (let i = 0; i < 31; i++) codes.push(codeOf(await attempt(`nobody-${i}@example.test`)));
      expect(codes.slice(0, 30).every((c) => c === "UNAUTHENTICATED")).toBe(true);
      expect(codes[30]).toBe("RATE_LIMITED");
    } finally {
      await isolated.deps.redis.del(`${isolated.deps.config.namespace}:login:ip:127.0.0.1`);
      await isolated.stop();
    }
  }, 90_000); // 31 scrypts in a row, on a machine that may be busy

  it("the fee account (SYSTEM) cannot log in", async () => {
    const res = await api.gql(
      `mutation { login(input: { email: "fees@eventhub.internal", password: "!" }) { token } }`,
    );
    expect(codeOf(res)).toBe("UNAUTHENTICATED");
  });
});

describe("abuse limits", () => {
  it("too deep, too many aliases or too costly is refused before running", async () => {
    const deep = `{ __schema { types { ${"fields { type { ".repeat(6)}name${" } }".repeat(6)} } } }`;
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: markets { symbol }`).join(" ")} }`;
    const costly = `{ ${Array.from({ length: 25 }, (_, i) => `l${i}: ledger(first: 100) { edges { node { id asset reason availableDelta lockedDelta availableAfter lockedAfter } } }`).join(" ")} }`;
    for (const query of [deep, aliases, costly]) {
      const res = await api.gql(query, {}, tradeKey);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => `${e.extensions?.code} ${e.message}`).join()).toContain(
        "QUERY_TOO_COMPLEX",
      );
    }
  });

  it("the standard introspection query (GraphiQL, codegen) passes; a deep type chain does not", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const introspection = await api.gql(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }),
    );
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data?.__schema.queryType.name).toBe("Query");
    const chain = `{ __schema { types { ${"fields { type { ".repeat(6)}name${" } }".repeat(6)} } } }`;
    const res = await api.gql(chain);
    expect(res.errors?.map((e) => e.extensions?.code)).toContain("QUERY_TOO_COMPLEX");
  });

  it("batched HTTP requests are refused", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        { query: "{ markets { symbol } }" },
        { query: "{ markets { symbol } }" },
      ]),
    });
    expect(response.status).toBe(400);
  });

  it("a body that is not JSON is a 400", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(response.status).toBe(400);
  });
});

describe("the demo faucet", () => {
  it("when off, only an ADMIN may deposit", async () => {
    const closed = await startApi({ DEMO_FAUCET: "false" });
    try {
      const someone = await newUser(closed, "nofaucet");
      const res = await closed.gql(DEPOSIT, { asset: "BTC", amount: "1" }, someone.bearer);
      expect(codeOf(res)).toBe("FORBIDDEN");
      await closed.deps.pool.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [someone.id]);
      const asAdmin = await closed.gql(DEPOSIT, { asset: "BTC", amount: "1" }, someone.bearer);
      expect(asAdmin.data?.deposit.available).toBe("1");
    } finally {
      await closed.stop();
    }
  });
});
