import { execFile } from "node:child_process";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { graphql } from "../client/index.ts";
import { codeOf, newApiKey, newUser, startApi, type TestApi, type TestUser } from "./kit/index.ts";

/**
 * Signed API keys (issue 15): a key made with an Ed25519 public key works only on requests signed
 * with its private key, over timestamp, receive window, method, target and body, within the
 * window, each signature once. Unsigned keys are untouched.
 */

const CREATE_SIGNED_KEY = graphql(`
  mutation CreateSignedKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        signed
        publicKey
      }
    }
  }
`);

const LIST_KEYS = graphql(`
  query SignedKeys {
    apiKeys {
      id
      signed
      publicKey
    }
  }
`);

let api: TestApi;
let user: TestUser;
let privateKey: KeyObject;
let rawPublicKey: string;
let secret: string;

beforeAll(async () => {
  api = await startApi();
  user = await newUser(api, "signer");
  const pair = generateKeyPairSync("ed25519");
  privateKey = pair.privateKey;
  rawPublicKey = pair.publicKey
    .export({ format: "der", type: "spki" })
    .subarray(12)
    .toString("base64");
  const res = await api.gql(
    CREATE_SIGNED_KEY,
    { input: { name: "signed bot", permissions: ["TRADE"], publicKey: rawPublicKey } },
    user.bearer,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.createApiKey.apiKey).toMatchObject({ signed: true, publicKey: rawPublicKey });
  secret = res.data!.createApiKey.secret;
});
afterAll(async () => {
  await api?.stop();
});

interface Signed {
  timestamp?: number;
  recvWindow?: number;
  /** Sent in place of the body that was signed. */
  sentBody?: string;
  /** Headers sent beside (or instead of) the signature's. */
  extraHeaders?: Record<string, string>;
}

/** The message of services/signed-requests.ts, signed with `key`. */
function signature(key: KeyObject, timestamp: number, recvWindow: number, rest: string): string {
  return sign(null, Buffer.from(`${timestamp}\n${recvWindow}\n${rest}`), key).toString("base64");
}

/** Signs a POST of `body` as the docs say, sends it, and answers status, headers and JSON. */
function signedHeaders(body: string, options: Signed = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Date.now();
  const recvWindow = options.recvWindow ?? 5000;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-api-key": secret,
    "x-timestamp": String(timestamp),
    "x-signature": signature(privateKey, timestamp, recvWindow, `POST\n/graphql\n${body}`),
  };
  if (options.recvWindow !== undefined) headers["x-recv-window"] = String(recvWindow);
  return { ...headers, ...options.extraHeaders };
}

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(api.url, { method: "POST", headers, body });
  const json = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, ...json };
}

const reasonOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.reason;

const ME_BODY = () => JSON.stringify({ query: `{ me { id } } # ${Math.random()}` });
const WALLETS = JSON.stringify({ query: "{ wallets { asset available } }" });

describe("signed API keys over HTTP", () => {
  it("accepts a signed request once and refuses its replay, which changes nothing", async () => {
    const deposit = JSON.stringify({
      query: 'mutation { deposit(input: { asset: "USDT", amount: "25" }) { available } }',
    });
    const headers = signedHeaders(deposit);
    const first = await post(deposit, headers);
    expect(first.status).toBe(200);
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({ deposit: { available: "25" } });

    const replay = await post(deposit, headers);
    expect(replay.status).toBe(401);
    expect(codeOf(replay as never)).toBe("UNAUTHENTICATED");
    expect(reasonOf(replay)).toBe("REPLAYED");

    const wallets = await post(WALLETS, signedHeaders(WALLETS));
    const usdt = (wallets.data!.wallets as { asset: string; available: string }[]).find(
      (w) => w.asset === "USDT",
    );
    expect(usdt?.available).toBe("25");
  });

  it("refuses a timestamp outside the window, either side, unless a signed wider window covers it", async () => {
    for (const skew of [-6_000, 6_000]) {
      const body = ME_BODY();
      const res = await post(body, signedHeaders(body, { timestamp: Date.now() + skew }));
      expect(res.status).toBe(401);
      expect(reasonOf(res)).toBe("TIMESTAMP_OUTSIDE_WINDOW");
    }
    const body = ME_BODY();
    const widened = signedHeaders(body, { timestamp: Date.now() - 6_000, recvWindow: 10_000 });
    const ok = await post(body, widened);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ me: { id: user.id } });

    // The window is part of the message: widening a captured request's window breaks its signature.
    const stale = ME_BODY();
    const captured = signedHeaders(stale, { timestamp: Date.now() - 6_000 });
    const res = await post(stale, { ...captured, "x-recv-window": "60000" });
    expect(reasonOf(res)).toBe("SIGNATURE_INVALID");
  });

  it("refuses a body swapped under a signature, and a signature by another key", async () => {
    const signedBody = ME_BODY();
    const res = await post(WALLETS, signedHeaders(signedBody));
    expect(res.status).toBe(401);
    expect(reasonOf(res)).toBe("SIGNATURE_INVALID");

    const other = generateKeyPairSync("ed25519").privateKey;
    const timestamp = Date.now();
    const forged = signature(other, timestamp, 5000, `POST\n/graphql\n${WALLETS}`);
    const res2 = await post(WALLETS, {
      ...signedHeaders(WALLETS, { timestamp }),
      "x-signature": forged,
    });
    expect(reasonOf(res2)).toBe("SIGNATURE_INVALID");
    const res3 = await post(WALLETS, { ...signedHeaders(WALLETS), "x-signature": "not base64!" });
    expect(reasonOf(res3)).toBe("SIGNATURE_INVALID");
  });

  it("refuses a signed key without a signature, and the same signature in another base64 spelling", async () => {
    const res = await post(WALLETS, { "content-type": "application/json", "x-api-key": secret });
    expect(res.status).toBe(401);
    expect(codeOf(res as never)).toBe("UNAUTHENTICATED");
    expect(reasonOf(res)).toBe("SIGNATURE_REQUIRED");

    const body = ME_BODY();
    const headers = signedHeaders(body);
    expect((await post(body, headers)).errors).toBeUndefined();
    const urlSafe = headers["x-signature"]!.replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const again = await post(body, { ...headers, "x-signature": urlSafe });
    expect(reasonOf(again)).toBe("REPLAYED");
  });

  it("signs a GET's query string in place of a body", async () => {
    const target = `/graphql?query=${encodeURIComponent("{ me { id } }")}`;
    const timestamp = Date.now();
    const res = await fetch(new URL(target, api.url), {
      headers: {
        "apollo-require-preflight": "1",
        "x-api-key": secret,
        "x-timestamp": String(timestamp),
        "x-signature": signature(privateKey, timestamp, 5000, `GET\n${target}\n`),
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: { id: user.id } } });
  });

  it("leaves unsigned keys as they were, and lists which keys sign", async () => {
    const plain = await newApiKey(api, user, ["READ"]);
    const res = await post(ME_BODY(), { "content-type": "application/json", ...plain.header });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ me: { id: user.id } });
    const listed = await api.gql(LIST_KEYS, {}, user.bearer);
    const byId = new Map(listed.data!.apiKeys.map((k) => [k.id, k]));
    expect(byId.get(plain.id)).toMatchObject({ signed: false, publicKey: null });
    expect([...byId.values()].filter((k) => k.signed)).toEqual([
      expect.objectContaining({ publicKey: rawPublicKey }),
    ]);
  });
});

describe("createApiKey publicKey", () => {
  const create = (publicKey: string) =>
    api.gql(
      CREATE_SIGNED_KEY,
      { input: { name: "k", permissions: ["READ"], publicKey } },
      user.bearer,
    );

  it("takes a PEM public key and stores the raw 32 bytes in base64", async () => {
    const pair = generateKeyPairSync("ed25519");
    const pem = pair.publicKey.export({ format: "pem", type: "spki" }).toString();
    const res = await create(pem);
    const raw = pair.publicKey.export({ format: "der", type: "spki" }).subarray(12);
    expect(res.data?.createApiKey.apiKey.publicKey).toBe(raw.toString("base64"));
  });

  it("refuses anything but an Ed25519 public key with BAD_USER_INPUT on publicKey", async () => {
    const ed = generateKeyPairSync("ed25519");
    const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const bad = [
      "",
      "hello",
      Buffer.alloc(31, 1).toString("base64"),
      Buffer.alloc(33, 1).toString("base64"),
      ec.publicKey.export({ format: "pem", type: "spki" }).toString(),
      ed.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      "-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----",
    ];
    for (const publicKey of bad) {
      const res = await create(publicKey);
      expect(codeOf(res), publicKey).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.field).toBe("publicKey");
    }
  });
});

/** Opens a graphql-transport-ws socket and sends connection_init: its ack, or how it closed. */
function connect(
  params: Record<string, unknown>,
): Promise<{ acked: true; socket: WebSocket } | { acked: false; code: number; reason: string }> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(api.url.replace(/^http/, "ws"), "graphql-transport-ws");
    socket.once("open", () =>
      socket.send(JSON.stringify({ type: "connection_init", payload: params })),
    );
    socket.on("message", (data) => {
      if ((JSON.parse((data as Buffer).toString()) as { type: string }).type === "connection_ack") {
        done({ acked: true, socket });
      }
    });
    socket.once("close", (code, reason) => done({ acked: false, code, reason: String(reason) }));
    socket.once("error", fail);
  });
}

/** Runs one query on an acknowledged socket and answers its first payload. */
function query(socket: WebSocket, text: string): Promise<unknown> {
  return new Promise((done) => {
    const id = String(Math.random());
    socket.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString()) as {
        id?: string;
        type: string;
        payload?: unknown;
      };
      if (message.id === id && message.type === "next") done(message.payload);
    });
    socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: text } }));
  });
}

describe("signed API keys over graphql-ws", () => {
  it("accepts a signed connect, runs its operations, and refuses the connect replayed", async () => {
    const timestamp = Date.now();
    const params = {
      apiKey: secret,
      timestamp,
      signature: signature(privateKey, timestamp, 5000, "GRAPHQL_WS\n/graphql\n"),
    };
    const first = await connect(params);
    expect(first.acked).toBe(true);
    if (!first.acked) return;
    // Operations on the socket need no signature of their own: the connect proved the key.
    expect(await query(first.socket, "{ me { id } }")).toEqual({ data: { me: { id: user.id } } });
    expect(await query(first.socket, "{ me { id } }")).toEqual({ data: { me: { id: user.id } } });
    first.socket.close();

    const replay = await connect(params);
    expect(replay).toMatchObject({ acked: false, code: 4403 });
    expect(replay.acked === false && replay.reason).toMatch(/^REPLAYED/);
  });

  it("refuses a connect without a signature, with a stale one, or signed for HTTP", async () => {
    const none = await connect({ apiKey: secret });
    expect(none).toMatchObject({ acked: false, code: 4403 });
    expect(none.acked === false && none.reason).toMatch(/^SIGNATURE_REQUIRED/);

    const stale = Date.now() - 10_000;
    const old = await connect({
      apiKey: secret,
      timestamp: stale,
      signature: signature(privateKey, stale, 5000, "GRAPHQL_WS\n/graphql\n"),
    });
    expect(old.acked === false && old.reason).toMatch(/^TIMESTAMP_OUTSIDE_WINDOW/);

    const now = Date.now();
    const wrong = await connect({
      apiKey: secret,
      timestamp: now,
      signature: signature(privateKey, now, 5000, "POST\n/graphql\n"),
    });
    expect(wrong.acked === false && wrong.reason).toMatch(/^SIGNATURE_INVALID/);
  });
});

describe("the README's example", () => {
  it("runs as written with openssl's key pair and answers 200 with the wallets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventhub-sign-"));
    try {
      // Asynchronously: the API answering the example runs in this very process.
      const run = async (command: string, args: string[], env: Record<string, string> = {}) =>
        (
          await promisify(execFile)(command, args, {
            cwd: dir,
            env: { ...process.env, ...env },
            encoding: "utf8",
          })
        ).stdout;
      const readme = readFileSync(resolve(import.meta.dirname, "../README.md"), "utf8");
      const section = readme.slice(readme.indexOf("## Signed API keys"));
      // The two openssl commands the README gives, run as given.
      const pair = /\(`(openssl genpkey[^`]+)`\)/.exec(section)![1]!;
      await run("bash", ["-c", pair]);
      const code = /```js\n([\s\S]+?)```/.exec(section)![1]!;
      writeFileSync(join(dir, "sign.mjs"), code.replace("http://localhost:4000/graphql", api.url));
      const created = await api.gql(
        CREATE_SIGNED_KEY,
        {
          input: {
            name: "readme",
            permissions: ["READ"],
            publicKey: readFileSync(join(dir, "public.pem"), "utf8"),
          },
        },
        user.bearer,
      );
      expect(created.errors).toBeUndefined();
      const out = await run("node", ["sign.mjs"], {
        EVENTHUB_KEY: created.data!.createApiKey.secret,
      });
      expect(out).toMatch(/^200 \{"data":\{"wallets":\[/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
