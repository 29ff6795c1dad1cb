/**
 * Issue 9, "Freezes" and "Errors and logs that say too much": every input shown there, and the
 * same kind of input for every scalar, against a real API.
 *
 * Freezes are measured against an API in a child process (`node --import tsx workers/main.ts api`): a
 * request that blocks an in-process server would block this test's own event loop too, so the
 * test could only hang, never fail. With the server apart, a concurrent `{ __typename }` that is
 * not answered within a generous bound is a failure, and a frozen child is killed and restarted.
 * No assertion is on an absolute small time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { CreateApiKeyMutation, RegisterMutation } from "../client/generated/graphql.ts";
import { CREATE_API_KEY, DEPOSIT, REGISTER, graphql, type GraphQLError } from "../client/index.ts";
import {
  createClient,
  type Client,
  type FormattedExecutionResult,
  type SubscribePayload,
} from "graphql-ws";
import { SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import {
  codeOf,
  fundedUser,
  newApiKey,
  newUser,
  startApi,
  uniqueEmail,
  type GraphQLResponse,
  type TestApi,
  type TestUser,
} from "./kit/index.ts";

const FIRST_LEDGER_CURSOR = graphql(`
  query HostileFirstLedgerCursor {
    ledger(first: 1) {
      pageInfo {
        endCursor
      }
    }
  }
`);
const LEDGER_AFTER = graphql(`
  query HostileLedgerAfter($after: String) {
    ledger(after: $after) {
      edges {
        cursor
      }
    }
  }
`);

const ROOT = resolve(import.meta.dirname, "..");
const JWT_SECRET = "test-secret-test-secret-test-secret-0123";
/** Generous: a hostile request and a concurrent one must both be answered within this. */
const BOUND_MS = 5_000;
/**
 * About 1 MB, sent as a variable: BAD_USER_INPUT, or 413 with a typed code when the server's body
 * limit is lower (api/request-guard.ts: 256 KiB).
 */
const MB = 1_000_000;
/** Over every scalar's bound, in a body under any sane body limit: must be BAD_USER_INPUT. */
const LARGE = 200_000;
/** The issue's shown input: "0.<20,000 zeros>1", written in the document as a literal. */
const LITERAL = 20_000;
const GOOD_PASSWORD = "long enough pw";
const base64url = (text: string) => Buffer.from(text).toString("base64url");
/** Each API of this file has its own Redis/NATS namespace, so throttles of other files don't count. */
const namespace = (tag: string) => `${inject("namespace")}_${tag}`;
/** Registration throttles would refuse the users this file makes for itself. */
const ROOMY = { REGISTRATIONS_PER_IP_HOUR: "100000" };

// ---------------------------------------------------------------------------------------------
// Everything the server writes to stderr in this process (the in-process APIs), for the log checks.
const logged: string[] = [];
const originalWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
  logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
  return (originalWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
};
afterAll(() => {
  process.stderr.write = originalWrite;
});

// ---------------------------------------------------------------------------------------------
// The API in a child process.

interface ApiProcess {
  url: string;
  child: ChildProcess;
  stderr: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((done) => server.close(done));
  return port;
}

async function startApiProcess(): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts", "api"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: inject("databaseUrl"),
      EVENTHUB_NAMESPACE: namespace("hx"),
      JWT_SECRET,
      LOG_LEVEL: "warn",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...ROOMY,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString("utf8"));
    if (stderr.length > 200) stderr.shift();
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited: ${stderr.join("")}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(1_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, stderr };
    if (Date.now() > deadline) throw new Error(`API process did not start: ${stderr.join("")}`);
    await sleep(100);
  }
}

async function stopApiProcess(api: ApiProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  const exited = once(api.child, "exit");
  api.child.kill(signal);
  const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) {
    api.child.kill("SIGKILL");
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests that may never be answered: each has a deadline.

interface RawResponse<TData = Record<string, unknown>> {
  status: number;
  text: string;
  body: GraphQLResponse<TData> | null;
}

/** `TData`: what a well-formed document posted here answers (unknown fields when malformed). */
async function post<TData = Record<string, unknown>>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  signal: AbortSignal = AbortSignal.timeout(BOUND_MS),
): Promise<RawResponse<TData>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal,
  });
  const text = await response.text();
  let parsed: RawResponse<TData>["body"] = null;
  try {
    parsed = { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    parsed = null;
  }
  return { status: response.status, text, body: parsed };
}

const gqlBody = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

/** Why a `{ __typename }` was not answered properly, or null when it was. */
async function pingProblem(url: string): Promise<string | null> {
  try {
    const res = await post(url, gqlBody("{ __typename }"));
    if (res.body?.data?.__typename === "Query") return null;
    return `answered ${res.status} ${res.text.slice(0, 200)}`;
  } catch (error) {
    return `no answer within ${BOUND_MS} ms (${(error as Error).name}: ${(error as Error).message})`;
  }
}

let childFroze = false;

/**
 * Runs a hostile request and, while it is in flight, keeps sending `{ __typename }`: each must be
 * answered within BOUND_MS, and so must the hostile request. Returns the hostile answer.
 */
async function whileServing<T>(url: string, hostile: (signal: AbortSignal) => Promise<T>) {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  const running = hostile(AbortSignal.timeout(BOUND_MS)).then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  do {
    const problem = await pingProblem(url);
    if (problem) {
      childFroze = true;
      throw new Error(
        `while the hostile request was in flight, a concurrent { __typename } got ${problem}`,
      );
    }
    if (!outcome) await sleep(25);
  } while (!outcome);
  await running;
  if (!outcome.ok) {
    childFroze = true;
    const error = outcome.error as Error;
    throw new Error(
      `the hostile request got no answer within ${BOUND_MS} ms: ${error.name}: ${error.message} ${String((error as { cause?: Error | string }).cause ?? "")}`,
    );
  }
  return outcome.value;
}

/** Codes of a GraphQL answer, or a description of why it is not one. */
function codes(res: RawResponse): (string | undefined)[] {
  expect(res.body, `not a GraphQL JSON answer: ${res.status} ${res.text.slice(0, 300)}`).not.toBe(
    null,
  );
  return (res.body!.errors ?? []).map((e) => e.extensions?.code);
}

/** Short text of an answer for failure messages. */
const show = (res: RawResponse | GraphQLResponse) =>
  "text" in res
    ? `${res.status} ${res.text.slice(0, 300)}`
    : `${res.status} ${JSON.stringify(res).slice(0, 300)}`;

// ---------------------------------------------------------------------------------------------
// graphql-ws: the first thing a subscription gets.

type WsOutcome =
  | { kind: "next"; result: FormattedExecutionResult<Record<string, unknown>, unknown> }
  | { kind: "error"; errors: NonNullable<GraphQLResponse["errors"]> }
  | { kind: "closed"; code: number; reason: string }
  | { kind: "complete" };

function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

function wsFirst(
  client: Client,
  payload: SubscribePayload,
  signal: AbortSignal = AbortSignal.timeout(BOUND_MS),
): Promise<WsOutcome> {
  return new Promise((done, fail) => {
    let settled = false;
    const finish = (outcome: WsOutcome | Error) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      if (outcome instanceof Error) fail(outcome);
      else done(outcome);
    };
    const unsubscribe = client.subscribe(payload, {
      next: (result) => finish({ kind: "next", result }),
      error: (error: unknown) => {
        if (Array.isArray(error)) finish({ kind: "error", errors: error as GraphQLError[] });
        else if (error && typeof error === "object" && "code" in error)
          finish({
            kind: "closed",
            code: Number(error.code),
            reason: String((error as { reason?: string }).reason ?? ""),
          });
        else finish(error instanceof Error ? error : new Error(String(error)));
      },
      complete: () => finish({ kind: "complete" }),
    });
    signal.addEventListener("abort", () =>
      finish(new Error(`no graphql-ws answer within ${BOUND_MS} ms`)),
    );
  });
}

function wsCodes(outcome: WsOutcome): (string | undefined)[] {
  if (outcome.kind === "error") return outcome.errors.map((e) => e.extensions?.code);
  if (outcome.kind === "next")
    return (outcome.result.errors ?? []).map((e) => e.extensions?.code as string | undefined);
  return [`(${outcome.kind}${outcome.kind === "closed" ? ` ${outcome.code}` : ""})`];
}

type Who = "anonymous" | "session" | "apiKey";

/** A funded user with a session and an API key (TRADE) on a server at `url`. */
async function usersOn(url: string) {
  const email = uniqueEmail("hostile");
  const registered = await post<RegisterMutation>(
    url,
    gqlBody(REGISTER.toString(), { input: { name: "hostile", email, password: GOOD_PASSWORD } }),
    {},
    AbortSignal.timeout(30_000),
  );
  const token = registered.body?.data?.register?.token;
  if (!token) throw new Error(`register failed: ${show(registered)}`);
  const session = { authorization: `Bearer ${token}` };
  const key = await post<CreateApiKeyMutation>(
    url,
    gqlBody(CREATE_API_KEY.toString(), { input: { name: "hostile", permissions: ["TRADE"] } }),
    session,
  );
  const secret = key.body?.data?.createApiKey?.secret;
  if (!secret) throw new Error(`createApiKey failed: ${show(key)}`);
  for (const [asset, amount] of [
    ["USDT", "100000"],
    ["BTC", "10"],
  ]) {
    await post(url, gqlBody(DEPOSIT.toString(), { asset, amount }), session);
  }
  return { session, apiKey: { "x-api-key": secret } };
}

interface OverLongCase {
  kind: "Decimal" | "ID" | "cursor" | "DateTime" | "String";
  label: string;
  who: Who;
  operation: "query" | "mutation";
  /** Variable type of the value. */
  type: string;
  /** The field with `arg` (a literal or `$v`) where the value goes. */
  selection: (arg: string) => string;
  /** A value of about `length` characters. */
  value: (length: number) => string;
}

const order = (fields: string) =>
  `placeOrder(input: { market: "BTC_USDT", side: BUY, type: LIMIT, ${fields} }) { id }`;
const registerWith = (fields: Record<string, string>) => {
  const input = {
    name: `"hostile"`,
    email: `"${uniqueEmail("long")}"`,
    password: `"${GOOD_PASSWORD}"`,
  };
  Object.assign(input, fields);
  return `register(input: { name: ${input.name}, email: ${input.email}, password: ${input.password} }) { token }`;
};
const repeat = (text: string) => (length: number) => text.repeat(Math.ceil(length / text.length));

const OVER_LONG: OverLongCase[] = [
  {
    kind: "Decimal",
    label: "placeOrder price",
    who: "session",
    operation: "mutation",
    type: "Decimal!",
    selection: (v) => order(`price: ${v}, amount: "0.001"`),
    value: (n) => `1.${"0".repeat(n)}`,
  },
  {
    kind: "Decimal",
    label: "placeOrder amount",
    who: "apiKey",
    operation: "mutation",
    type: "Decimal!",
    selection: (v) => order(`price: "100", amount: ${v}`),
    value: (n) => `${"0".repeat(n)}1`,
  },
  {
    kind: "ID",
    label: "order(id:)",
    who: "apiKey",
    operation: "query",
    type: "ID!",
    selection: (v) => `order(id: ${v}) { id }`,
    value: (n) => `${randomUUID()}${"0".repeat(n)}`,
  },
  {
    kind: "ID",
    label: "cancelOrder(id:)",
    who: "session",
    operation: "mutation",
    type: "ID!",
    selection: (v) => `cancelOrder(id: ${v}) { id }`,
    value: repeat("f"),
  },
  {
    kind: "ID",
    label: "revokeApiKey(id:)",
    who: "session",
    operation: "mutation",
    type: "ID!",
    selection: (v) => `revokeApiKey(id: ${v}) { id }`,
    value: repeat("a"),
  },
  ...(
    [
      ["orders", "order", "edges { cursor }"],
      ["ledger", "ledger", "edges { cursor }"],
      ["myTrades", "trade", "edges { cursor }"],
    ] as const
  ).map(([field, kind, selection]): OverLongCase => ({
    kind: "cursor",
    label: `${field}(after:)`,
    who: "session",
    operation: "query",
    type: "String",
    selection: (v) => `${field}(after: ${v}) { ${selection} }`,
    value: (n) => base64url(`${kind}:${"9".repeat(Math.ceil((n * 3) / 4))}`),
  })),
  ...(["from", "to"] as const).map((arg): OverLongCase => ({
    kind: "DateTime",
    label: `candles(${arg}:)`,
    who: "anonymous",
    operation: "query",
    type: "DateTime",
    selection: (v) => `candles(market: "BTC_USDT", interval: M1, ${arg}: ${v}) { stale }`,
    value: (n) => `2026-01-01T00:00:00.${"0".repeat(n)}Z`,
  })),
  {
    kind: "String",
    label: "register name",
    who: "anonymous",
    operation: "mutation",
    type: "String!",
    selection: (v) => registerWith({ name: v }),
    value: repeat("n"),
  },
  {
    kind: "String",
    label: "register email",
    who: "anonymous",
    operation: "mutation",
    type: "String!",
    selection: (v) => registerWith({ email: v }),
    value: (n) => `${"e".repeat(n)}@example.test`,
  },
  {
    kind: "String",
    label: "register password",
    who: "anonymous",
    operation: "mutation",
    type: "String!",
    selection: (v) => registerWith({ password: v }),
    value: repeat("p"),
  },
  {
    kind: "String",
    label: "login email",
    who: "anonymous",
    operation: "mutation",
    type: "String!",
    selection: (v) => `login(input: { email: ${v}, password: "${GOOD_PASSWORD}" }) { token }`,
    value: (n) => `${"e".repeat(n)}@example.test`,
  },
  {
    kind: "String",
    label: "login password",
    who: "anonymous",
    operation: "mutation",
    type: "String!",
    selection: (v) => `login(input: { email: "${uniqueEmail("long")}", password: ${v} }) { token }`,
    value: repeat("p"),
  },
  {
    kind: "String",
    label: "createApiKey name",
    who: "session",
    operation: "mutation",
    type: "String!",
    selection: (v) => `createApiKey(input: { name: ${v}, permissions: [READ] }) { secret }`,
    value: repeat("k"),
  },
  {
    kind: "String",
    label: "placeOrder clientOrderId",
    who: "session",
    operation: "mutation",
    type: "String",
    selection: (v) => order(`price: "100", amount: "0.1", clientOrderId: ${v}`),
    value: repeat("c"),
  },
  {
    kind: "String",
    label: "placeOrder market",
    who: "apiKey",
    operation: "mutation",
    type: "String!",
    selection: (v) =>
      `placeOrder(input: { market: ${v}, side: BUY, type: LIMIT, price: "100", amount: "0.1" }) { id }`,
    value: (n) => `BTC_USDT${"X".repeat(n)}`,
  },
  {
    kind: "String",
    label: "deposit asset",
    who: "session",
    operation: "mutation",
    type: "String!",
    selection: (v) => `deposit(input: { asset: ${v}, amount: "1" }) { available }`,
    value: (n) => `USDT${"T".repeat(n)}`,
  },
  ...(
    [
      ["candles", `interval: M1`, "stale", "anonymous"],
      ["ticker", "", "market", "anonymous"],
      ["trades", "", "id", "anonymous"],
      ["orderBook", "", "sequence", "anonymous"],
      ["orders", "", "edges { cursor }", "apiKey"],
      ["myTrades", "", "edges { cursor }", "apiKey"],
    ] as const
  ).map(([field, more, selection, who]): OverLongCase => ({
    kind: "String",
    label: `${field}(market:)`,
    who,
    operation: "query",
    type: field === "orders" || field === "myTrades" ? "String" : "String!",
    selection: (v) => `${field}(market: ${v}${more ? `, ${more}` : ""}) { ${selection} }`,
    value: (n) => `BTC_USDT${"X".repeat(n)}`,
  })),
  {
    kind: "String",
    label: "ledger(asset:)",
    who: "apiKey",
    operation: "query",
    type: "String",
    selection: (v) => `ledger(asset: ${v}) { edges { cursor } }`,
    value: (n) => `USDT${"T".repeat(n)}`,
  },
];

// =============================================================================================
// Freezes

describe("freezes: a hostile request is refused while other requests are served", () => {
  let server: ApiProcess;
  let session: Record<string, string>;
  let apiKey: Record<string, string>;

  beforeAll(async () => {
    server = await startApiProcess();
    const headers = await usersOn(server.url);
    session = headers.session;
    apiKey = headers.apiKey;
  }, 120_000);
  afterEach(async () => {
    if (!childFroze && !(await pingProblem(server.url))) return;
    // A frozen server stays frozen (for hours, for some inputs): the next test gets a fresh one.
    childFroze = false;
    await stopApiProcess(server, "SIGKILL");
    server = await startApiProcess();
  }, 120_000);
  afterAll(async () => {
    if (server) await stopApiProcess(server);
  });

  const headersFor = (who: Who) =>
    who === "session" ? session : who === "apiKey" ? apiKey : ({} as Record<string, string>);

  describe("over-long scalars are BAD_USER_INPUT, refused before they are parsed", () => {
    /** Refused with BAD_USER_INPUT; or, when the body is over the server's limit, 413 and a typed code. */
    const expectRefused = (res: RawResponse, what: string, bodyLimitAllowed: boolean) => {
      if (bodyLimitAllowed && res.status === 413) {
        const code = res.body?.errors?.[0]?.extensions?.code;
        expect(code, `${what}: ${show(res)}`).toBeTypeOf("string");
        expect(code, `${what}: ${show(res)}`).not.toBe("INTERNAL_SERVER_ERROR");
        return;
      }
      expect(codes(res), `${what}: ${show(res)}`).toEqual(["BAD_USER_INPUT"]);
    };

    it.each([
      ["20,000", "anonymous", LITERAL, "literal"],
      ["20,000", "session", LITERAL, "literal"],
      ["20,000", "anonymous", LITERAL, "variable"],
      ["20,000", "session", LITERAL, "variable"],
      ["200,000", "anonymous", LARGE, "variable"],
      ["200,000", "session", LARGE, "variable"],
      ["1,000,000", "anonymous", MB, "variable"],
      ["1,000,000", "session", MB, "variable"],
    ] as const)(
      "deposit(asset: USDT, amount: 0.<%s zeros>1), %s, as a %s",
      async (_zeros, who, zeros, form) => {
        const amount = `0.${"0".repeat(zeros)}1`;
        const res = await whileServing(server.url, (signal) =>
          post(
            server.url,
            form === "literal"
              ? gqlBody(
                  `mutation { deposit(input: { asset: "USDT", amount: "${amount}" }) { available } }`,
                )
              : gqlBody(
                  `mutation($m: Decimal!) { deposit(input: { asset: "USDT", amount: $m }) { available } }`,
                  { m: amount },
                ),
            headersFor(who),
            signal,
          ),
        );
        expectRefused(res, form, zeros === MB);
      },
    );

    it.each(OVER_LONG.map((c) => [`${c.kind}: ${c.label}`, c] as const))("%s", async (_name, c) => {
      for (const [form, length] of [
        ["literal", LITERAL],
        ["variable", LARGE],
        ["variable", MB],
      ] as const) {
        const value = c.value(length);
        const argument = form === "literal" ? JSON.stringify(value) : "$v";
        const header = form === "literal" ? "" : `($v: ${c.type})`;
        const query = `${c.operation}${header} { ${c.selection(argument)} }`;
        const res = await whileServing(server.url, (signal) =>
          post(
            server.url,
            gqlBody(query, form === "variable" ? { v: value } : undefined),
            headersFor(c.who),
            signal,
          ),
        );
        expectRefused(res, `${form} of ${value.length} characters`, length === MB);
      }
    });
  });

  describe("the fragment bomb (30 levels of ...F ...F) is QUERY_TOO_COMPLEX", () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i < levels - 1
        ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`
        : `fragment F${i} on Query { __typename }`,
    ).join("\n");
    const bomb = `query { ...F0 }\n${fragments}`;

    it("over HTTP", async () => {
      expect(bomb.length).toBeLessThan(2_000);
      const res = await whileServing(server.url, (signal) =>
        post(server.url, gqlBody(bomb), {}, signal),
      );
      expect(res.body?.data ?? null, show(res)).toBeNull();
      expect(codes(res), show(res)).toContain("QUERY_TOO_COMPLEX");
    });

    it("over graphql-ws", async () => {
      const client = wsClient(server.url);
      try {
        const outcome = await whileServing(server.url, (signal) =>
          wsFirst(client, { query: bomb }, signal),
        );
        expect(wsCodes(outcome), JSON.stringify(outcome).slice(0, 300)).toContain(
          "QUERY_TOO_COMPLEX",
        );
      } finally {
        await client.dispose();
      }
    });
  });

  it("22 aliased copies of __schema are QUERY_TOO_COMPLEX, and a repeated introspection is served", async () => {
    const copies = Array.from(
      { length: 22 },
      (_, i) =>
        `s${i}: __schema { types { name fields { name args { type { ofType { name } } } } } }`,
    );
    const res = await whileServing(server.url, (signal) =>
      post(server.url, gqlBody(`{ ${copies.join(" ")} }`), {}, signal),
    );
    expect(res.body?.errors?.[0]?.extensions?.code, show(res)).toBe("QUERY_TOO_COMPLEX");
    const once = await post(server.url, gqlBody(`{ ${copies[0]} }`));
    const again = await post(server.url, gqlBody(`{ ${copies[0]} }`));
    const s0 = once.body?.data?.s0 as { types?: unknown[] } | undefined;
    expect(s0?.types?.length, show(once)).toBeGreaterThan(10);
    expect(again.text).toBe(once.text);
  });

  describe("request size", () => {
    it("a body over 1 MiB gets HTTP 413 with a JSON body carrying a typed code", async () => {
      const body = gqlBody("{ __typename }", { padding: "x".repeat(1_500_000) });
      let res: RawResponse;
      try {
        res = await whileServing(server.url, (signal) => post(server.url, body, {}, signal));
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        throw new Error(
          `no HTTP answer (the connection was dropped?): ${(error as Error).message} ${String((cause as Error | string | undefined) ?? "")}`,
        );
      }
      expect(res.status, show(res)).toBe(413);
      const code = res.body?.errors?.[0]?.extensions?.code;
      expect(code, `413 body: ${res.text.slice(0, 300)}`).toBeTypeOf("string");
      expect(code).not.toBe("INTERNAL_SERVER_ERROR");
    });

    it.each([
      ["1 MB", "whitespace around { __typename }", `{ __typename ${" ".repeat(MB)} }`],
      ["1 MB", "90,000 repeated __typename fields", `{${" __typename".repeat(90_000)} }`],
      // Under the body limit (256 KiB) but over any sane query length: the query-length check.
      ["200 KB", "whitespace around { __typename }", `{ __typename ${" ".repeat(LARGE)} }`],
      ["200 KB", "18,000 repeated __typename fields", `{${" __typename".repeat(18_000)} }`],
      ["200 KB", "a comment", `# ${"x".repeat(LARGE)}\n{ __typename }`],
    ])(
      "a query string of %s (%s) in a body under 1 MiB is refused with a typed code",
      async (_size, _what, query) => {
        const body = gqlBody(query);
        expect(body.length).toBeLessThan(1 << 20);
        const res = await whileServing(server.url, (signal) => post(server.url, body, {}, signal));
        expect(res.body, show(res)).not.toBeNull();
        expect(res.body!.data ?? null, show(res)).toBeNull();
        const code = res.body!.errors?.[0]?.extensions?.code;
        expect(code, show(res)).toBeTypeOf("string");
        expect(code, show(res)).not.toBe("INTERNAL_SERVER_ERROR");
      },
    );

    it("a body nesting 100,000 levels deep is BAD_USER_INPUT before JSON.parse reads it", async () => {
      const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
      const body = `{"query":"{ __typename }","variables":{"deep":${deep}}}`;
      const res = await whileServing(server.url, (signal) => post(server.url, body, {}, signal));
      expect(res.status, show(res)).toBe(400);
      expect(res.body?.errors?.[0]?.extensions?.code, show(res)).toBe("BAD_USER_INPUT");
    });

    it("a websocket message nesting 100,000 levels deep closes the socket (1008)", async () => {
      const socket = new WebSocket(server.url.replace("http", "ws"), "graphql-transport-ws");
      await new Promise((resolve, reject) => {
        socket.once("open", resolve);
        socket.once("error", reject);
      });
      const closed = new Promise<number>((resolve) => socket.once("close", resolve));
      socket.send(
        `{"type":"connection_init","payload":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      );
      expect(await closed).toBe(1008);
      expect(await pingProblem(server.url)).toBeFalsy();
    });
  });
});

// =============================================================================================
// Errors that must be BAD_USER_INPUT (or UNAUTHENTICATED), not INTERNAL_SERVER_ERROR

describe("bad input is a typed client error, never INTERNAL_SERVER_ERROR", () => {
  let api: TestApi;
  let user: TestUser;
  let key: Record<string, string>;
  beforeAll(async () => {
    api = await startApi({ EVENTHUB_NAMESPACE: namespace("he"), ...ROOMY });
    user = await fundedUser(api, "hostile-errors", { USDT: "100000", BTC: "10" });
    key = (await newApiKey(api, user, ["TRADE"])).header;
  }, 60_000);
  afterAll(() => api?.stop());

  const headersFor = (who: Who) =>
    who === "session" ? user.bearer : who === "apiKey" ? key : ({} as Record<string, string>);

  async function expectCode(
    query: string,
    variables: Record<string, unknown> | undefined,
    who: Who,
    code: string,
  ) {
    const res = await api.gql(query, variables, headersFor(who));
    expect(
      res.errors?.map((e) => e.extensions?.code),
      `${query} ${JSON.stringify(variables)}: ${show(res)}`,
    ).toEqual([code]);
    expect(res.status, show(res)).toBeLessThan(500);
    // …and the server keeps serving.
    expect((await api.gql(`{ __typename }`)).data?.__typename).toBe("Query");
  }

  describe("a NUL byte in a string that reaches PostgreSQL", () => {
    const NUL = "\u0000";
    const placeOrder = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`;
    const limitOrder = {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      amount: "0.1",
    };
    it.each([
      [
        "register name",
        `mutation($i: RegisterInput!) { register(input: $i) { token } }`,
        () => ({
          i: { name: `nul${NUL}name`, email: uniqueEmail("nul"), password: GOOD_PASSWORD },
        }),
        "anonymous",
      ],
      [
        "register email",
        `mutation($i: RegisterInput!) { register(input: $i) { token } }`,
        () => ({
          i: { name: "nul", email: `nul${NUL}${uniqueEmail("nul")}`, password: GOOD_PASSWORD },
        }),
        "anonymous",
      ],
      [
        "login email",
        `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        () => ({ i: { email: `nul${NUL}${uniqueEmail("nul")}`, password: GOOD_PASSWORD } }),
        "anonymous",
      ],
      [
        "createApiKey name",
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
        () => ({ i: { name: `key${NUL}`, permissions: ["READ"] } }),
        "session",
      ],
      [
        "placeOrder clientOrderId",
        placeOrder,
        () => ({ i: { ...limitOrder, clientOrderId: `c${NUL}1` } }),
        "apiKey",
      ],
      [
        "placeOrder market",
        placeOrder,
        () => ({ i: { ...limitOrder, market: `BTC_${NUL}USDT` } }),
        "apiKey",
      ],
      [
        "deposit asset",
        `mutation($a: String!) { deposit(input: { asset: $a, amount: "1" }) { available } }`,
        () => ({ a: `US${NUL}DT` }),
        "session",
      ],
      [
        "candles market",
        `query($m: String!) { candles(market: $m, interval: M1) { stale } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "anonymous",
      ],
      [
        "ticker market",
        `query($m: String!) { ticker(market: $m) { market } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "anonymous",
      ],
      [
        "trades market",
        `query($m: String!) { trades(market: $m) { id } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "anonymous",
      ],
      [
        "orderBook market",
        `query($m: String!) { orderBook(market: $m) { sequence } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "anonymous",
      ],
      [
        "orders market",
        `query($m: String) { orders(market: $m) { edges { cursor } } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "apiKey",
      ],
      [
        "myTrades market",
        `query($m: String) { myTrades(market: $m) { edges { cursor } } }`,
        () => ({ m: `BTC${NUL}_USDT` }),
        "apiKey",
      ],
      [
        "ledger asset",
        `query($a: String) { ledger(asset: $a) { edges { cursor } } }`,
        () => ({ a: `US${NUL}DT` }),
        "apiKey",
      ],
    ] as const)("%s", async (_what, query, variables, who) => {
      await expectCode(query, variables(), who, "BAD_USER_INPUT");
    });
  });

  describe("DateTime", () => {
    const candles = `query($from: DateTime, $to: DateTime) {
      candles(market: "BTC_USDT", interval: M1, from: $from, to: $to) { stale } }`;
    it.each([
      ["year 0", "0000-01-01T00:00:00Z"],
      ["30 February (must not be read as 2 March)", "2026-02-30T00:00:00Z"],
      ["29 February of a common year", "2026-02-29T00:00:00Z"],
      ["31 April", "2026-04-31T00:00:00Z"],
      ["month 13", "2026-13-01T00:00:00Z"],
      ["hour 24", "2026-01-01T24:00:00Z"],
      ["no zone", "2026-01-01T00:00:00"],
      ["a date alone", "2026-01-01"],
      ["an extended year", "+275760-09-13T00:00:00.000Z"],
      ["a negative year", "-000001-01-01T00:00:00Z"],
      ["a five-digit year", "10000-01-01T00:00:00Z"],
      ["a zone out of range", "2026-01-01T00:00:00+99:00"],
      ["words Date.parse accepts", "Thu, 01 Jan 2026 00:00:00 GMT"],
    ])("%s (%s) is refused as a variable and as a literal", async (_what, value) => {
      for (const arg of ["from", "to"] as const) {
        await expectCode(candles, { [arg]: value }, "anonymous", "BAD_USER_INPUT");
        await expectCode(
          `{ candles(market: "BTC_USDT", interval: M1, ${arg}: ${JSON.stringify(value)}) { stale } }`,
          undefined,
          "anonymous",
          "BAD_USER_INPUT",
        );
      }
    });

    it("real instants with a zone are still accepted", async () => {
      for (const value of [
        "2024-02-29T00:00:00Z",
        "2026-01-01T00:00:00.123Z",
        "2026-01-01T02:00:00+02:00",
      ]) {
        const res = await api.gql(candles, { from: value });
        expect(res.errors, `${value}: ${show(res)}`).toBeUndefined();
      }
    });
  });

  describe("a Decimal with anything around its digits is refused, and nothing changes", () => {
    const placeOrder = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`;
    const deposit = `mutation($i: DepositInput!) { deposit(input: $i) { available } }`;
    const wallets = `{ wallets { asset available locked } }`;
    const myOrders = `{ orders(first: 100) { edges { node { id } } } }`;
    const padded = [" 0.1", "0.1 ", "\t0.1", "0.1\n", "\u00a00.1", "0.1\ufeff", "+0.1"];
    it.each(padded.map((text) => [JSON.stringify(text), text]))(
      "%s as a price, an amount and a deposit, by variable and by literal",
      async (_shown, text) => {
        const before = [await api.gql(wallets, {}, user.bearer), await api.gql(myOrders, {}, key)];
        const limit = {
          market: "BTC_USDT",
          side: "BUY",
          type: "LIMIT",
          price: "100",
          amount: "0.1",
        };
        for (const field of ["price", "amount"] as const) {
          await expectCode(
            placeOrder,
            { i: { ...limit, [field]: text } },
            "apiKey",
            "BAD_USER_INPUT",
          );
          const literal = { ...limit, [field]: text } as Record<string, string>;
          await expectCode(
            `mutation { placeOrder(input: { market: "BTC_USDT", side: BUY, type: LIMIT,
              price: ${JSON.stringify(literal.price)}, amount: ${JSON.stringify(literal.amount)} }) { id } }`,
            undefined,
            "apiKey",
            "BAD_USER_INPUT",
          );
        }
        await expectCode(
          deposit,
          { i: { asset: "USDT", amount: text } },
          "session",
          "BAD_USER_INPUT",
        );
        const after = [await api.gql(wallets, {}, user.bearer), await api.gql(myOrders, {}, key)];
        expect(after.map((r) => r.data)).toEqual(before.map((r) => r.data));
        expect(before[0]!.data).toBeTruthy();
      },
    );
  });

  describe("paging cursors", () => {
    it.each([
      ["orders", "b3JkZXI6OTIyMzM3MjAzNjg1NDc3NTgwOA", "order:2^63, the issue's input"],
      ["orders", base64url("order:9999999999999999999"), "19 digits above 2^63"],
      ["ledger", base64url("ledger:9223372036854775808"), "ledger:2^63"],
      ["myTrades", base64url("trade:9223372036854775808"), "trade:2^63"],
      ["orders", base64url("order:-1"), "a negative position"],
      ["orders", base64url("order:"), "an empty position"],
      ["orders", base64url("order:1e3"), "an exponent"],
      ["orders", base64url("order:1\u0000"), "a NUL byte"],
      ["ledger", base64url("order:1"), "another list's cursor"],
      ["myTrades", "!!!not base64!!!", "not base64"],
      ["ledger", "", "empty"],
    ])("%s(after: %s) — %s", async (field, cursor) => {
      await expectCode(
        `query($after: String) { ${field}(after: $after) { edges { cursor } } }`,
        { after: cursor },
        "apiKey",
        "BAD_USER_INPUT",
      );
    });

    it("a cursor from the list itself is still accepted", async () => {
      const res = await api.gql(FIRST_LEDGER_CURSOR, undefined, key);
      const after = res.data?.ledger.pageInfo.endCursor;
      expect(after, show(res)).toBeTypeOf("string");
      const next = await api.gql(LEDGER_AFTER, { after }, key);
      expect(next.errors, show(next)).toBeUndefined();
    });
  });

  describe("a session token whose subject is not a UUID is HTTP 401 UNAUTHENTICATED", () => {
    const sign = (subject: string | undefined) => {
      let jwt = new SignJWT({ role: "USER" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("eventhub")
        .setIssuedAt()
        .setExpirationTime("1h");
      if (subject !== undefined) jwt = jwt.setSubject(subject);
      return jwt.sign(new TextEncoder().encode(JWT_SECRET));
    };
    it.each([
      ["not-a-uuid", "not-a-uuid"],
      ["empty", ""],
      ["a NUL byte", "\u0000"],
      ["a UUID with trailing text", `${randomUUID()}x`],
      ["missing", undefined],
    ])("subject %s", async (_what, subject) => {
      const token = await sign(subject);
      for (const query of [`{ me { id } }`, `{ wallets { asset } }`]) {
        const res = await api.gql(query, undefined, { authorization: `Bearer ${token}` });
        expect(res.status, show(res)).toBe(401);
        expect(codeOf(res), show(res)).toBe("UNAUTHENTICATED");
      }
    });
  });

  describe("a bad variable over graphql-ws is BAD_USER_INPUT", () => {
    let client: Client;
    beforeAll(() => {
      client = api.ws({ authorization: user.bearer.authorization });
    });

    it.each([
      ["wrong type", `subscription($m: String!) { trades(market: $m) { id } }`, { m: 5 }],
      ["missing required", `subscription($m: String!) { trades(market: $m) { id } }`, {}],
      [
        "null for non-null",
        `subscription($m: String!) { orderBook(market: $m) { lastSequence } }`,
        { m: null },
      ],
      [
        "an object for a string",
        `subscription($m: String!) { trades(market: $m) { id } }`,
        { m: { a: 1 } },
      ],
      [
        "over-long",
        `subscription($m: String!) { orderBook(market: $m) { lastSequence } }`,
        { m: "X".repeat(LARGE) },
      ],
      ["a NUL byte", `subscription($m: String!) { trades(market: $m) { id } }`, { m: "BTC\u0000" }],
      [
        "an unknown enum value",
        `subscription($i: CandleInterval!) { candles(market: "BTC_USDT", interval: $i) { close } }`,
        { i: "M7" },
      ],
      [
        "an Int beyond 32 bits",
        `subscription($s: Int) { heartbeat(intervalSeconds: $s) }`,
        { s: 2 ** 40 },
      ],
      [
        "a string for an Int",
        `subscription($s: Int) { heartbeat(intervalSeconds: $s) }`,
        { s: "1" },
      ],
      ["a query with an object for an ID", `query($id: ID!) { order(id: $id) { id } }`, { id: {} }],
      [
        "a mutation with a JSON number for a Decimal",
        `mutation($i: DepositInput!) { deposit(input: $i) { available } }`,
        { i: { asset: "USDT", amount: 0.1 } },
      ],
      [
        "a mutation with an unknown input field",
        `mutation($i: DepositInput!) { deposit(input: $i) { available } }`,
        { i: { asset: "USDT", amount: "1", extra: true } },
      ],
    ])("%s", async (_what, query, variables) => {
      const outcome = await wsFirst(client, { query, variables });
      expect(wsCodes(outcome), JSON.stringify(outcome).slice(0, 400)).toEqual(["BAD_USER_INPUT"]);
    });

    it("the same socket still serves a good subscription", async () => {
      const outcome = await wsFirst(client, {
        query: `subscription($s: Int) { heartbeat(intervalSeconds: $s) }`,
        variables: { s: 1 },
      });
      expect(outcome.kind, JSON.stringify(outcome)).toBe("next");
    });
  });
});

// =============================================================================================
// Nothing secret or personal in a response or a log line

describe("in development mode, no response or log line holds a secret, an email, SQL or a path", () => {
  let dev: TestApi;
  let user: TestUser;
  const responses: string[] = [];
  const emails: string[] = [];
  beforeAll(async () => {
    dev = await startApi({
      NODE_ENV: "development",
      LOG_LEVEL: "debug",
      EVENTHUB_NAMESPACE: namespace("hl"),
      ...ROOMY,
    });
    user = await newUser(dev, "leak");
    emails.push(user.email);
    await newApiKey(dev, user, ["READ", "TRADE"]);
  }, 60_000);
  afterAll(() => dev?.stop());

  async function provoke(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) {
    const res = await dev.gql(query, variables, headers);
    responses.push(JSON.stringify(res));
    return res;
  }

  it("internal and database errors are provoked (NUL bytes, bad cursors, dates, tokens, constraints)", async () => {
    const register = `mutation($i: RegisterInput!) { register(input: $i) { token } }`;
    const fresh = () => {
      const email = uniqueEmail("leak");
      emails.push(email);
      return email;
    };
    await provoke(register, { i: { name: "a\u0000b", email: fresh(), password: GOOD_PASSWORD } });
    await provoke(register, {
      i: { name: "leak", email: `x\u0000${fresh()}`, password: GOOD_PASSWORD },
    });
    // The email taken, in the same and in another letter case (a unique-index conflict).
    await provoke(register, { i: { name: "leak", email: user.email, password: GOOD_PASSWORD } });
    await provoke(register, {
      i: { name: "leak", email: user.email.toUpperCase(), password: GOOD_PASSWORD },
    });
    await provoke(`mutation($i: LoginInput!) { login(input: $i) { token } }`, {
      i: { email: `${user.email}\u0000`, password: user.password },
    });
    await provoke(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { name: "k\u0000", permissions: ["READ"] } },
      user.bearer,
    );
    await provoke(
      `mutation($a: String!) { deposit(input: { asset: $a, amount: "1" }) { available } }`,
      { a: "US\u0000DT" },
      user.bearer,
    );
    await provoke(
      `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`,
      {
        i: { market: "BTC\u0000USDT", side: "BUY", type: "LIMIT", price: "100", amount: "0.1" },
      },
      user.bearer,
    );
    for (const [field, cursor] of [
      ["orders", "b3JkZXI6OTIyMzM3MjAzNjg1NDc3NTgwOA"],
      ["ledger", base64url("ledger:9223372036854775808")],
      ["myTrades", base64url("trade:9223372036854775808")],
    ]) {
      await provoke(`{ ${field}(after: "${cursor}") { edges { cursor } } }`, {}, user.bearer);
    }
    await provoke(
      `{ candles(market: "BTC_USDT", interval: M1, from: "0000-01-01T00:00:00Z") { stale } }`,
    );
    await provoke(`{ ticker(market: "BTC\\u0000") { market } }`);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("not-a-uuid")
      .setIssuer("eventhub")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(JWT_SECRET));
    await provoke(`{ me { id } }`, {}, { authorization: `Bearer ${token}` });
    // Unique-index races: the same fresh email twice at once, the same clientOrderId twice at once.
    const racing = fresh();
    await Promise.all(
      [1, 2].map(() =>
        provoke(register, { i: { name: "leak", email: racing, password: GOOD_PASSWORD } }),
      ),
    );
    const clientOrderId = `leak-${randomBytes(4).toString("hex")}`;
    await provoke(
      `mutation { deposit(input: { asset: "USDT", amount: "1000" }) { available } }`,
      {},
      user.bearer,
    );
    await Promise.all(
      [1, 2, 3].map(() =>
        provoke(
          `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`,
          {
            i: {
              market: "BTC_USDT",
              side: "BUY",
              type: "LIMIT",
              price: "100",
              amount: "0.1",
              clientOrderId,
            },
          },
          user.bearer,
        ),
      ),
    );
    // A bad variable over the websocket.
    const client = dev.ws({ authorization: user.bearer.authorization });
    const outcome = await wsFirst(client, {
      query: `subscription($m: String!) { trades(market: $m) { id } }`,
      variables: { m: 5 },
    });
    responses.push(JSON.stringify(outcome));
    expect(responses.length).toBeGreaterThan(10);
  });

  it("no response holds a password hash, a key hash, an email, SQL or an absolute path", async () => {
    const { rows } = await dev.deps.pool.query<{ secret_hash: string }>(
      `SELECT k.secret_hash FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.email = $1`,
      [user.email],
    );
    const keyHashes = rows.map((r) => r.secret_hash);
    expect(keyHashes.length).toBeGreaterThan(0);
    const problems = responses.flatMap((text) =>
      leaks(text, keyHashes, emails, true).map((p) => `${p} in ${text.slice(0, 300)}`),
    );
    expect(problems).toEqual([]);
  });

  it("no log line holds a password hash, a key hash, an email or SQL", async () => {
    const { rows } = await dev.deps.pool.query<{ secret_hash: string }>(
      `SELECT k.secret_hash FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.email = $1`,
      [user.email],
    );
    const keyHashes = rows.map((r) => r.secret_hash);
    // Stack traces (with paths) are allowed in the operator's log; secrets and personal data not.
    const lines = logged.join("").split("\n");
    const problems = lines.flatMap((line) =>
      leaks(line, keyHashes, emails, false).map((p) => `${p} in log line ${line.slice(0, 400)}`),
    );
    expect(problems).toEqual([]);
  });
});

/** What a text gives away: hashes, emails, SQL and (when asked) absolute paths. */
function leaks(text: string, keyHashes: string[], emails: string[], paths: boolean): string[] {
  const found: string[] = [];
  // JSON escapes: "scrypt$" stays as is; an email with a NUL byte is escaped, its tag is not.
  if (text.includes("scrypt$")) found.push("a scrypt password hash");
  for (const hash of keyHashes) if (text.includes(hash)) found.push("an API-key hash");
  if (/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i.test(text)) found.push("a 64-hex hash");
  for (const email of emails) {
    // uniqueEmail's random part, found whatever case or escaping the rest of the address got.
    const tag = /[0-9a-f]{12}(?=@)/.exec(email)?.[0] ?? email;
    if (text.toLowerCase().includes(tag)) found.push(`the email ${JSON.stringify(email)}`);
  }
  if (/insert into/i.test(text)) found.push("SQL (insert into)");
  if (/select\s[^]*?\sfrom\s/i.test(text)) found.push("SQL (select … from)");
  if (/params:/i.test(text)) found.push("SQL parameters (params:)");
  if (/failed query:/i.test(text)) found.push("SQL (Failed query: <text>)");
  if (paths) {
    if (text.includes(ROOT) || text.includes("/work/")) found.push("an absolute path");
    if (text.includes("node_modules")) found.push("a node_modules path");
    if (text.includes("file://")) found.push("a file:// URL");
  }
  return found;
}

// =============================================================================================
// register does not tell whether an email has an account

describe("register does not reveal whether an email has an account", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ EVENTHUB_NAMESPACE: namespace("hr"), ...ROOMY });
  });
  afterAll(() => api?.stop());

  /**
   * What is asserted: registering an email that has an account is refused exactly as a fresh
   * address that cannot be used (a malformed one) is — same HTTP status, code, message and
   * extensions — and the message says nothing of an existing account. So a refusal tells a
   * caller "this address cannot be used", never "this address has an account".
   */
  it("a taken email is refused exactly like an unusable fresh one", async () => {
    const existing = await newUser(api, "exists");
    const register = (email: string) =>
      api.gql(`mutation($i: RegisterInput!) { register(input: $i) { token } }`, {
        i: { name: "probe", email, password: GOOD_PASSWORD },
      });
    const strip = (res: GraphQLResponse) => ({
      status: res.status,
      data: res.data ?? null,
      errors: res.errors?.map(({ message, extensions }) => ({ message, extensions })),
    });
    const taken = strip(await register(existing.email));
    const takenOtherCase = strip(await register(existing.email.toUpperCase()));
    const unusable = strip(await register(`not-an-email-${randomBytes(4).toString("hex")}`));
    expect({ taken, takenOtherCase }, "a taken email vs a malformed fresh one").toEqual({
      taken: unusable,
      takenOtherCase: unusable,
    });
    expect(taken.errors?.length, JSON.stringify(taken)).toBe(1);
    expect(taken.errors![0]!.message).not.toMatch(
      /exist|already|taken|in use|registered|has an account/i,
    );
  });
});

// A sanity check that the key-hash detector is meaningful.
it("the 64-hex detector finds a SHA-256", () => {
  const hash = createHash("sha256").update("x").digest("hex");
  expect(leaks(`{"h":"${hash}"}`, [], [], false)).toContain("a 64-hex hash");
});
