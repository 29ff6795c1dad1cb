import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntrospectionQuery } from "graphql";
import type { CreateApiKeyInput, RegisterInput } from "../client/generated/graphql.ts";
import {
  CREATE_API_KEY,
  DEPOSIT,
  LOGIN,
  ME,
  REGISTER,
  REVOKE_API_KEY,
  WALLETS,
  graphql,
} from "../client/index.ts";
import {
  codeOf,
  deposit,
  newApiKey,
  newUser,
  startApi,
  type TestApi,
  type TestUser,
} from "./kit/index.ts";

let api: TestApi;
let user: TestUser;
let tradeKey: Record<string, string>;
beforeAll(async () => {
  api = await startApi();
  user = await newUser(api, "errors");
  tradeKey = (await newApiKey(api, user, ["TRADE"])).header;
  await deposit(api, tradeKey, { BTC: "1" });
});
afterAll(() => api.stop());

const WALLETS_AND_LEDGER = graphql(`
  query ErrorsWalletsAndLedger($asset: String) {
    wallets {
      asset
      available
    }
    ledger(asset: $asset) {
      edges {
        node {
          id
        }
      }
    }
  }
`);
const LEDGER_PAGE = graphql(`
  query ErrorsLedgerPage($first: Int, $after: String) {
    ledger(first: $first, after: $after) {
      edges {
        cursor
      }
    }
  }
`);
const API_KEYS = graphql(`
  query ErrorsApiKeys {
    apiKeys {
      id
    }
  }
`);

async function btcBalance(headers: Record<string, string>) {
  const res = await api.gql(WALLETS, {}, headers);
  return res.data?.wallets.find((w) => w.asset === "BTC")?.available;
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
    // Raw text: the variable is deliberately not what the document declares.
    const res = await api.gql(DEPOSIT.toString(), { asset: "BTC", amount: 0.1 }, tradeKey);
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
    const wallets = await api.gql(WALLETS_AND_LEDGER, { asset: "ETH" }, rich.bearer);
    expect(wallets.data?.wallets.find((w) => w.asset === "ETH")?.available).toBe(max);
    expect(wallets.data?.ledger.edges).toHaveLength(1);
  });

  it("register: a taken email in another letter case, a short password, a bad email", async () => {
    const register = (input: RegisterInput) => api.gql(REGISTER, { input });
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
    const create = (input: CreateApiKeyInput) => api.gql(CREATE_API_KEY, { input }, user.bearer);
    expect(codeOf(await create({ name: "k", permissions: [] }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await create({ name: " ", permissions: ["READ"] }))).toBe("BAD_USER_INPUT");
    // Raw text: ADMIN is no permission, so the typed variables cannot hold it.
    const admin = { input: { name: "k", permissions: ["ADMIN"] } };
    expect(codeOf(await api.gql(CREATE_API_KEY.toString(), admin, user.bearer))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("revoking a key that is not the caller's", async () => {
    const other = await newUser(api, "other");
    const key = await newApiKey(api, other, ["READ"]);
    const res = await api.gql(REVOKE_API_KEY, { id: key.id }, user.bearer);
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect((await api.gql(ME, {}, key.header)).data?.me?.id).toBe(other.id);
    const notUuid = await api.gql(REVOKE_API_KEY, { id: "nope" }, user.bearer);
    expect(codeOf(notUuid)).toBe("BAD_USER_INPUT");
  });

  it("connections refuse first outside 1–100 and foreign cursors", async () => {
    expect(codeOf(await api.gql(LEDGER_PAGE, { first: 101 }, tradeKey))).toBe("BAD_USER_INPUT");
    expect(codeOf(await api.gql(LEDGER_PAGE, { first: 0 }, tradeKey))).toBe("BAD_USER_INPUT");
    expect(codeOf(await api.gql(LEDGER_PAGE, { after: "garbage" }, tradeKey))).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("credentials and permissions", () => {
  it("a forged API key is UNAUTHENTICATED", async () => {
    const forged = `ehk_${"A".repeat(12)}_${"B".repeat(43)}`;
    const res = await api.gql(ME, {}, { "x-api-key": forged });
    expect(codeOf(res)).toBe("UNAUTHENTICATED");
    expect(res.status).toBe(401);
  });

  it("a real prefix with a wrong secret is UNAUTHENTICATED", async () => {
    const key = await newApiKey(api, user, ["READ"]);
    const tampered = key.secret.slice(0, -1) + (key.secret.endsWith("A") ? "B" : "A");
    expect(codeOf(await api.gql(ME, {}, { "x-api-key": tampered }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await api.gql(ME, {}, { "x-api-key": "garbage" }))).toBe("UNAUTHENTICATED");
  });

  it("a forged or malformed session token is UNAUTHENTICATED", async () => {
    const [h, p] = user.token.split(".");
    const forged = `${h}.${p}.${"x".repeat(43)}`;
    expect(codeOf(await api.gql(ME, {}, { authorization: `Bearer ${forged}` }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(codeOf(await api.gql(ME, {}, { authorization: "Basic abc" }))).toBe("UNAUTHENTICATED");
  });

  it("no credentials: me is null, private fields are UNAUTHENTICATED", async () => {
    expect((await api.gql(ME)).data?.me).toBeNull();
    expect(codeOf(await api.gql(WALLETS))).toBe("UNAUTHENTICATED");
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
          CREATE_API_KEY,
          { input: { name: "x", permissions: ["TRADE"] } },
          read.header,
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(codeOf(await api.gql(API_KEYS, {}, read.header))).toBe("FORBIDDEN");
    expect(await btcBalance(read.header)).toBe("1");
  });

  it("wrong password is UNAUTHENTICATED, then RATE_LIMITED per account", async () => {
    const victim = await newUser(api, "victim");
    const attempt = (password: string) =>
      api.gql(LOGIN, { input: { email: victim.email, password } });
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
        isolated.gql(LOGIN, { input: { email, password: "wrong password!" } });
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
    const res = await api.gql(LOGIN, {
      input: { email: "fees@eventhub.internal", password: "!" },
    });
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
    const schema = introspection.data as IntrospectionQuery | null | undefined;
    expect(schema?.__schema.queryType.name).toBe("Query");
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
