import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN, ME, graphql } from "../client/index.ts";
import { newApiKey, newUser, startApi, type TestApi } from "./kit/index.ts";

/** Every readable field of a user and their keys. */
const EVERYTHING = graphql(`
  query SecurityEverything {
    me {
      id
      name
      email
      role
      verificationLevel
      createdAt
    }
    wallets {
      asset
      available
      locked
      updatedAt
    }
    ledger {
      edges {
        cursor
        node {
          id
          reference
        }
      }
    }
  }
`);
const KEYS = graphql(`
  query SecurityKeys {
    apiKeys {
      id
      name
      prefix
      permissions
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);
const FIELDS = graphql(`
  query SecurityFields {
    __schema {
      types {
        name
        fields {
          name
        }
      }
    }
  }
`);

let api: TestApi;
const logged: string[] = [];
const originalWrite = process.stderr.write.bind(process.stderr);
beforeAll(async () => {
  // Capture everything the server logs, at the most verbose level.
  process.stderr.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (originalWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
  };
  api = await startApi({ LOG_LEVEL: "debug" });
});
afterAll(async () => {
  await api.stop();
  process.stderr.write = originalWrite;
});

describe("secrets stay secret", () => {
  it("password and key hashes are stored, never returned or logged", async () => {
    const user = await newUser(api, "secret");
    const key = await newApiKey(api, user, ["READ", "TRADE"]);
    const { rows } = await api.deps.pool.query<{ password_hash: string; secret_hash: string }>(
      `SELECT u.password_hash, k.secret_hash, k.prefix FROM users u JOIN api_keys k ON k.user_id = u.id WHERE u.id = $1`,
      [user.id],
    );
    const { password_hash: passwordHash, secret_hash: secretHash } = rows[0]!;
    expect(passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(passwordHash).not.toContain(user.password);
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(key.secret);

    // Every readable field of the user and their keys, through a key and a session.
    const bodies = [
      JSON.stringify(await api.gql(EVERYTHING, {}, key.header)),
      JSON.stringify(await api.gql(EVERYTHING, {}, user.bearer)),
      JSON.stringify(await api.gql(KEYS, {}, user.bearer)),
    ];
    // A failed login and a forged key are logged at most as events, never with what was typed.
    await api.gql(LOGIN, { input: { email: user.email, password: "the-wrong-password" } });
    await api.gql(ME, {}, { "x-api-key": key.secret.slice(0, -2) + "zz" });

    for (const text of [...bodies, logged.join("")]) {
      expect(text).not.toContain(passwordHash);
      expect(text).not.toContain(secretHash);
      expect(text).not.toContain(user.password);
      expect(text).not.toContain("the-wrong-password");
    }
    expect(logged.join("")).not.toContain(key.secret);
    expect(bodies[2]).not.toContain(key.secret);
  });

  it("the schema has no field that could expose a hash or a secret except the one-time payload", async () => {
    const res = await api.gql(FIELDS);
    const fields = res.data!.__schema.types.flatMap((t) =>
      (t.fields ?? []).map((f) => `${t.name}.${f.name}`),
    );
    // changePassword takes passwords and returns a session token, as login does.
    expect(fields.filter((f) => /hash|secret|password/i.test(f)).sort()).toEqual([
      "CreateApiKeyPayload.secret",
      "Mutation.changePassword",
    ]);
  });

  it("the log redacts secret-looking fields at any depth", async () => {
    const { redact } = await import("../kernel/log.ts");
    expect(
      redact({ input: { email: "a@b.c", password: "p" }, apiKey: "k", nested: [{ token: "t" }] }),
    ).toEqual({
      input: { email: "a@b.c", password: "[redacted]" },
      apiKey: "[redacted]",
      nested: [{ token: "[redacted]" }],
    });
  });
});
