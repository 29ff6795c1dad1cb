import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPOSIT, LOGIN, ME, REVOKE_API_KEY, WALLETS, graphql } from "../client/index.ts";
import { codeOf, newApiKey, newUser, startApi, type TestApi } from "./kit/index.ts";

const PROFILE = graphql(`
  query NewcomerProfile {
    me {
      id
      email
      role
      verificationLevel
    }
  }
`);
const LEDGER = graphql(`
  query NewcomerLedger {
    ledger {
      edges {
        node {
          asset
          reason
          availableDelta
          availableAfter
          reference
        }
      }
    }
  }
`);
const API_KEYS = graphql(`
  query NewcomerApiKeys {
    apiKeys {
      id
      prefix
      permissions
      revokedAt
    }
  }
`);
const MARKETS = graphql(`
  query NewcomerMarkets {
    markets {
      symbol
      base
      quote
      tickSize
      lotSize
      minNotional
      makerFee
      takerFee
      status
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe("the newcomer path", () => {
  it("register → createApiKey → deposit → wallets through X-API-Key, in exact decimals", async () => {
    const user = await newUser(api, "newcomer");
    const me = await api.gql(PROFILE, {}, user.bearer);
    expect(me.data?.me).toMatchObject({
      id: user.id,
      email: user.email,
      role: "USER",
      verificationLevel: 0,
    });

    const key = await newApiKey(api, user, ["TRADE"]);
    expect(key.secret).toMatch(/^ehk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);

    const deposit = await api.gql(DEPOSIT, { asset: "USDT", amount: "1000.12345678" }, key.header);
    expect(deposit.errors).toBeUndefined();
    expect(deposit.data?.deposit).toEqual({
      asset: "USDT",
      available: "1000.12345678",
      locked: "0",
    });

    await api.gql(DEPOSIT, { asset: "USDT", amount: "0.00000001" }, key.header);
    const wallets = await api.gql(WALLETS, {}, key.header);
    expect(wallets.data?.wallets).toEqual([
      { asset: "BTC", available: "0", locked: "0" },
      { asset: "ETH", available: "0", locked: "0" },
      { asset: "USDT", available: "1000.12345679", locked: "0" },
    ]);

    const ledger = await api.gql(LEDGER, {}, key.header);
    const entries = ledger.data?.ledger.edges.map((e) => e.node);
    expect(entries).toMatchObject([
      {
        asset: "USDT",
        reason: "DEPOSIT",
        availableDelta: "0.00000001",
        availableAfter: "1000.12345679",
      },
      {
        asset: "USDT",
        reason: "DEPOSIT",
        availableDelta: "1000.12345678",
        availableAfter: "1000.12345678",
      },
    ]);
    expect(entries?.[0]?.reference).toMatch(/^deposit:[0-9a-f-]{36}$/);
  });

  it("login returns a working token; the email matches in any case", async () => {
    const user = await newUser(api, "login");
    const res = await api.gql(LOGIN, {
      input: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(res.data?.login.user.id).toBe(user.id);
    const me = await api.gql(ME, {}, { authorization: `Bearer ${res.data?.login.token}` });
    expect(me.data?.me?.id).toBe(user.id);
  });

  it("lists API keys without secrets and revokes them", async () => {
    const user = await newUser(api, "keys");
    const a = await newApiKey(api, user, ["READ"]);
    const b = await newApiKey(api, user, ["TRADE", "WITHDRAW", "TRADE"]);
    const list = await api.gql(API_KEYS, {}, user.bearer);
    expect(list.data?.apiKeys.map((k) => k.id)).toEqual([b.id, a.id]);
    expect(list.data?.apiKeys[0]?.permissions).toEqual(["TRADE", "WITHDRAW"]);
    expect(a.secret.startsWith(list.data!.apiKeys[1]!.prefix)).toBe(true);

    const revoked = await api.gql(REVOKE_API_KEY, { id: a.id }, user.bearer);
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
    const after = await api.gql(WALLETS, {}, a.header);
    expect(codeOf(after)).toBe("UNAUTHENTICATED");
    expect(after.status).toBe(401);
    const stillWorks = await api.gql(ME, {}, b.header);
    expect(stillWorks.data?.me?.id).toBe(user.id);
  });

  it("lists markets with their filters and fees", async () => {
    const res = await api.gql(MARKETS);
    // Other test files may add markets of their own to the shared database.
    const symbols = res.data!.markets.map((m) => m.symbol);
    expect(symbols).toEqual(expect.arrayContaining(["BTC_USDT", "ETH_BTC", "ETH_USDT"]));
    expect(symbols).toEqual([...symbols].sort());
    expect(res.data?.markets.find((m) => m.symbol === "BTC_USDT")).toEqual({
      symbol: "BTC_USDT",
      base: "BTC",
      quote: "USDT",
      tickSize: "0.01",
      lotSize: "0.00001",
      minNotional: "5",
      makerFee: "0.001",
      takerFee: "0.001",
      status: "TRADING",
    });
  });
});
