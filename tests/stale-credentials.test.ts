import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, iterate } from "../client/index.ts";
import { codeOf, startApi, type TestApi } from "./kit/index.ts";

const MARKETS = graphql(`
  query StaleMarkets {
    markets {
      symbol
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

/** A token of ours in every way but its expiry, an hour ago. */
async function expiredToken(): Promise<string> {
  return new SignJWT({ sv: 0 })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(randomUUID())
    .setIssuer("eventhub")
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(new TextEncoder().encode(api.deps.config.jwtSecret));
}

const DROP_IT = /drop it and reconnect \(public data needs none\)/;

describe("credentials that stopped working", () => {
  it("over HTTP: 401 UNAUTHENTICATED with reason TOKEN_INVALID and what to do", async () => {
    for (const token of [await expiredToken(), "not-a-jwt"]) {
      const res = await api.gql(MARKETS, {}, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe("UNAUTHENTICATED");
      expect(res.errors?.[0]?.extensions?.reason).toBe("TOKEN_INVALID");
      expect(res.errors?.[0]?.message).toMatch(DROP_IT);
    }
    // Without the token, the same public query answers.
    const anonymous = await api.gql(MARKETS);
    expect(anonymous.errors).toBeUndefined();
    expect(Array.isArray(anonymous.data?.markets)).toBe(true);
  });

  it("over HTTP: an unknown API key has reason API_KEY_INVALID", async () => {
    const res = await api.gql(
      MARKETS,
      {},
      { "x-api-key": `ehk_${"A".repeat(12)}_${"B".repeat(43)}` },
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.reason).toBe("API_KEY_INVALID");
    expect(res.errors?.[0]?.message).toMatch(DROP_IT);
  });

  it("over graphql-ws: connection_init with an expired token closes 4403 with the same advice", async () => {
    const stale = api.ws({ authorization: `Bearer ${await expiredToken()}` });
    const closed = (await iterate(stale, MARKETS)
      .next()
      .then(
        () => null,
        (event: unknown) => event,
      )) as { code: number; reason: string } | null;
    expect(closed?.code).toBe(4403);
    expect(closed?.reason).toMatch(/invalid or expired/);
    expect(closed?.reason).toMatch(DROP_IT);
    // The whole advice fits a close frame's reason (123 bytes), nothing cut.
    expect(closed?.reason).toMatch(/or sign in again$/);
    expect(Buffer.byteLength(closed!.reason)).toBeLessThanOrEqual(123);
    // Reconnecting without the token: public data flows.
    const fresh = api.ws();
    const markets = await iterate(fresh, MARKETS).next();
    expect(Array.isArray(markets.value?.data?.markets)).toBe(true);
  });
});
