import { SignJWT, UnsecuredJWT } from "jose";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MessageType, type Message } from "graphql-ws";
import WebSocket from "ws";
import { busNames } from "../bus/subjects.ts";
import { liveHubOf } from "../subscriptions/hub.ts";
import type {
  ChangePasswordInput,
  PlaceOrderMutationVariables,
  TypedDocumentString,
} from "../client/generated/graphql.ts";
import {
  CHANGE_PASSWORD,
  LOGIN,
  ME,
  PLACE_ORDER_ID,
  REVOKE_API_KEY,
  graphql,
  type RequestArgs,
} from "../client/index.ts";
import {
  codeOf,
  newApiKey,
  newUser,
  sleep,
  startApi,
  until,
  type TestApi,
  type TestUser,
} from "./kit/index.ts";

/**
 * Sockets never outlive their credentials (issue 9): every operation re-checks them, and a
 * revocation, an expiry, a deleted user or a password change closes the socket (4403) on every
 * API process. Also the caps on sockets: operations per socket, sockets per IP, pings.
 */

/** Two API processes whose sweep never runs here: what they do, NATS and their checks did. */
let api: TestApi;
let other: TestApi;
/** An API process with the database sweep at its default (about 1 s). */
let swept: TestApi;
beforeAll(async () => {
  const noSweep = { WS_CREDENTIAL_SWEEP_MS: "600000" };
  [api, other, swept] = await Promise.all([startApi(noSweep), startApi(noSweep), startApi()]);
});
afterAll(async () => {
  await Promise.all([api?.stop(), other?.stop(), swept?.stop()]);
});

interface Closed {
  code: number;
  reason: string;
  at: number;
}

/** A graphql-transport-ws client of one socket, so a test knows which socket a message used. */
class RawSocket {
  static readonly all = new Set<RawSocket>();
  readonly closed: Promise<Closed>;
  private readonly inbox: Message[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    RawSocket.all.add(this);
    ws.on("error", () => {});
    ws.on("message", (data) => {
      // binaryType "nodebuffer" (the default): every message arrives as one Buffer.
      this.inbox.push(JSON.parse((data as Buffer).toString("utf8")) as Message);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        resolve({ code, reason: String(reason), at: Date.now() });
        this.wake();
      }),
    );
  }

  /** Opens a socket and sends connection_init; `acked()` tells whether the server accepted. */
  static async open(
    target: TestApi,
    params?: Record<string, unknown>,
    options: WebSocket.ClientOptions = {},
  ): Promise<RawSocket> {
    const ws = new WebSocket(target.url.replace("http", "ws"), "graphql-transport-ws", options);
    const socket = new RawSocket(ws);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    ws.send(JSON.stringify({ type: "connection_init", payload: params ?? {} }));
    return socket;
  }

  async acked(): Promise<boolean> {
    return (await this.take((m) => m.type === MessageType.ConnectionAck)) !== null;
  }

  subscribe<TData, TVariables>(
    id: string,
    document: TypedDocumentString<TData, TVariables>,
    ...[variables]: RequestArgs<TVariables>
  ): void {
    const payload = { query: document.toString(), variables };
    this.ws.send(JSON.stringify({ id, type: "subscribe", payload }));
  }

  complete(id: string): void {
    this.ws.send(JSON.stringify({ id, type: "complete" }));
  }

  /** The next message (next, error or complete) of operation `id`, or null once closed. */
  result(id: string): Promise<Message | null> {
    return this.take((m) => "id" in m && m.id === id);
  }

  close(): void {
    this.ws.close();
  }

  private async take(match: (message: Message) => boolean): Promise<Message | null> {
    for (;;) {
      const i = this.inbox.findIndex(match);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (this.ws.readyState === WebSocket.CLOSED) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

afterEach(() => {
  for (const socket of RawSocket.all) socket.ws.terminate();
  RawSocket.all.clear();
});

/** The data of a `next` message, typed as `document` answers it; undefined for anything else. */
const dataOf = <TData, TVariables>(
  message: Message | null,
  _document: TypedDocumentString<TData, TVariables>,
) => (message?.type === MessageType.Next ? (message.payload.data as TData) : undefined);
/** The errors of an `error` message; undefined for anything else. */
const errorsOf = (message: Message | null) =>
  message?.type === MessageType.Error ? message.payload : undefined;

const MY_WALLETS = graphql(`
  subscription SocketMyWallets {
    myWallets {
      asset
      available
    }
  }
`);
const MY_ORDERS = graphql(`
  subscription SocketMyOrders {
    myOrders {
      id
      status
    }
  }
`);
const HEARTBEAT = graphql(`
  subscription SocketHeartbeat {
    heartbeat
  }
`);
const REVOKE = REVOKE_API_KEY;
const BUY: PlaceOrderMutationVariables = {
  input: { market: "ETH_USDT", side: "BUY", type: "LIMIT", price: "100", amount: "0.01" },
};

/** Core NATS subscriptions the API's connection holds on a subject (its internal list). */
function natsSubscriptions(target: TestApi, subject: string): number {
  const nc = target.deps.liveNats() as unknown as {
    protocol: { subscriptions: { all(): { getSubject(): string }[] } };
  };
  return nc.protocol.subscriptions.all().filter((s) => s.getSubject() === subject).length;
}

/**
 * Streams reading a subject on the API process: listeners of its hub, which holds one NATS
 * subscription per subject however many streams read it (checked here too).
 */
function liveStreams(target: TestApi, subject: string): number {
  const listeners = liveHubOf(target.deps).listenerCount(subject);
  expect(natsSubscriptions(target, subject)).toBe(listeners > 0 ? 1 : 0);
  return listeners;
}

/**
 * A socket streaming myWallets and myOrders, once the API has subscribed both to the user's
 * subject. `streams()` counts the streams reading that subject (all the user's sockets).
 */
async function streamingSocket(target: TestApi, user: TestUser, params: Record<string, unknown>) {
  const socket = await RawSocket.open(target, params);
  expect(await socket.acked()).toBe(true);
  const subject = busNames(target.deps.config.namespace).userSubject(user.id);
  const before = liveStreams(target, subject);
  socket.subscribe("wallets", MY_WALLETS);
  socket.subscribe("orders", MY_ORDERS);
  await until(() => liveStreams(target, subject) === before + 2, 2_000);
  return { socket, streams: () => liveStreams(target, subject) };
}

async function ordersOf(userId: string): Promise<number> {
  const { rows } = await api.deps.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orders WHERE user_id = $1`,
    [userId],
  );
  return rows[0]!.n;
}

function sessionToken(
  claims: Record<string, unknown>,
  options: { subject?: string; expiresAt?: number; secret?: string } = {},
): Promise<string> {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setIssuer("eventhub");
  if (options.subject !== undefined) jwt = jwt.setSubject(options.subject);
  if (options.expiresAt !== undefined) jwt = jwt.setExpirationTime(options.expiresAt);
  const secret = options.secret ?? api.deps.config.jwtSecret;
  return jwt.sign(new TextEncoder().encode(secret));
}

describe("a socket's credentials are checked for every operation and revoked everywhere", () => {
  it("revoking an API key on another API process closes its socket within a second (4403)", async () => {
    const user = await newUser(api, "ws-revoke");
    const key = await newApiKey(api, user, ["TRADE"]);
    const { socket, streams } = await streamingSocket(api, user, { apiKey: key.secret });
    socket.subscribe("me", ME);
    expect(dataOf(await socket.result("me"), ME)?.me?.id).toBe(user.id);

    const revokedAt = Date.now(); // before the request: the bound includes its round trip
    const revoked = await other.gql(REVOKE, { id: key.id }, user.bearer);
    expect(revoked.errors).toBeUndefined();
    const closed = await socket.closed;
    expect(closed).toMatchObject({
      code: 4403,
      reason: "The API key has been revoked: drop it and reconnect (public data needs none)",
    });
    expect(closed.at - revokedAt).toBeLessThan(1_000);
    await until(() => streams() === 0, 1_000); // myWallets and myOrders ended with the socket

    // Neither a new socket nor HTTP takes the key any more, on either process.
    const again = await RawSocket.open(api, { apiKey: key.secret });
    expect(await again.acked()).toBe(false);
    expect(await again.closed).toMatchObject({
      code: 4403,
      reason: "The API key has been revoked: drop it and reconnect (public data needs none)",
    });
    const http = await api.gql(PLACE_ORDER_ID, BUY, key.header);
    expect(http.status).toBe(401);
    expect(codeOf(http)).toBe("UNAUTHENTICATED");
  });

  it("placeOrder sent on the socket right after the key's revocation is refused", async () => {
    const user = await newUser(api, "ws-revoke-order");
    const key = await newApiKey(api, user, ["TRADE"]);
    const { socket } = await streamingSocket(api, user, { apiKey: key.secret });
    await api.gql(REVOKE, { id: key.id }, user.bearer);
    socket.subscribe("order", PLACE_ORDER_ID, BUY);
    const order = await socket.result("order");
    // Refused by the operation's own check, or the socket was closed before it arrived.
    if (order) expect(errorsOf(order)?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await socket.closed).toMatchObject({ code: 4403 });
    expect(await ordersOf(user.id)).toBe(0);
  });

  it("every API process drops a revoked key from its cache at once", async () => {
    const user = await newUser(api, "ws-cache");
    const key = await newApiKey(api, user, ["TRADE"]);
    // Both processes cache the key's row (2 s) on use.
    expect((await api.gql(ME, {}, key.header)).data?.me?.id).toBe(user.id);
    expect((await other.gql(ME, {}, key.header)).data?.me?.id).toBe(user.id);
    await other.gql(REVOKE, { id: key.id }, user.bearer);
    for (const target of [api, other]) {
      const res = await target.gql(ME, {}, key.header);
      expect(res.status).toBe(401);
    }
  });

  it("a session token closes its socket when it expires, and is refused from then on", async () => {
    const user = await newUser(api, "ws-expiry");
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await sessionToken({ role: "USER", sv: 0 }, { subject: user.id, expiresAt });
    const { socket, streams } = await streamingSocket(api, user, {
      authorization: `Bearer ${token}`,
    });
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/expired: drop it and reconnect/);
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt * 1000 - 50);
    expect(closed.at).toBeLessThan(expiresAt * 1000 + 1_000);
    await until(() => streams() === 0, 1_000);
    const res = await api.gql(ME, {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe("UNAUTHENTICATED");
  });

  it("a user deleted by SQL loses its session and API-key sockets within the sweep", async () => {
    const user = await newUser(api, "ws-deleted");
    const key = await newApiKey(api, user, ["READ"]);
    const bySession = await streamingSocket(swept, user, {
      authorization: user.bearer.authorization,
    });
    const byKey = await streamingSocket(swept, user, { apiKey: key.secret });
    await api.deps.pool.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    const deletedAt = Date.now();
    for (const { socket, streams } of [bySession, byKey]) {
      const closed = await socket.closed;
      expect(closed).toMatchObject({
        code: 4403,
        reason:
          "The account no longer exists: drop it and reconnect (public data needs none), or sign in again",
      });
      expect(closed.at - deletedAt).toBeLessThan(2_500); // one sweep (~1 s) and its query
      await until(() => streams() === 0, 1_000);
    }
  });

  it("an API key revoked by SQL closes its socket within the sweep", async () => {
    const user = await newUser(api, "ws-sql-revoke");
    const key = await newApiKey(api, user, ["READ"]);
    const { socket } = await streamingSocket(swept, user, { apiKey: key.secret });
    await api.deps.pool.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
    const revokedAt = Date.now();
    const closed = await socket.closed;
    expect(closed).toMatchObject({
      code: 4403,
      reason: "The API key has been revoked: drop it and reconnect (public data needs none)",
    });
    expect(closed.at - revokedAt).toBeLessThan(2_500);
  });

  it("sessions voided in the database refuse the very next operation on the socket", async () => {
    const user = await newUser(api, "ws-next-op");
    const { socket } = await streamingSocket(api, user, {
      authorization: user.bearer.authorization,
    });
    await api.deps.pool.query(
      `UPDATE users SET session_version = session_version + 1 WHERE id = $1`,
      [user.id],
    );
    // No message told this process and its sweep is off: only the operation's check can refuse.
    socket.subscribe("order", PLACE_ORDER_ID, BUY);
    const order = await socket.result("order");
    expect(order).toMatchObject({ type: "error" });
    expect(errorsOf(order)?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await socket.closed).toMatchObject({ code: 4403 });
    expect((await socket.closed).reason).toMatch(/password change: drop it and reconnect/);
    expect(await ordersOf(user.id)).toBe(0);
  });
});

describe("changePassword", () => {
  it("ends every session on every process and returns a fresh token", async () => {
    const user = await newUser(api, "ws-password");
    const key = await newApiKey(api, user, ["READ"]);
    const here = await streamingSocket(api, user, { authorization: user.bearer.authorization });
    const there = await streamingSocket(other, user, { authorization: user.bearer.authorization });
    const newPassword = `${user.password}-new`;

    const res = await other.gql(
      CHANGE_PASSWORD,
      { input: { currentPassword: user.password, newPassword } },
      user.bearer,
    );
    expect(res.errors).toBeUndefined();
    const changedAt = Date.now();
    for (const { socket, streams } of [here, there]) {
      const closed = await socket.closed;
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/password change: drop it and reconnect/);
      expect(closed.at - changedAt).toBeLessThan(1_000);
      await until(() => streams() === 0, 1_000);
    }

    const old = await api.gql(ME, {}, user.bearer);
    expect(old.status).toBe(401);
    expect(codeOf(old)).toBe("UNAUTHENTICATED");
    const fresh = { authorization: `Bearer ${res.data!.changePassword.token}` };
    expect((await api.gql(ME, {}, fresh)).data?.me?.id).toBe(user.id);
    const socket = await RawSocket.open(other, fresh);
    expect(await socket.acked()).toBe(true);
    // API keys are not sessions: they keep working.
    expect((await api.gql(ME, {}, key.header)).data?.me?.id).toBe(user.id);
    const login = await api.gql(LOGIN, { input: { email: user.email, password: newPassword } });
    expect(login.errors).toBeUndefined();
  });

  it("needs the current password, a session and a new password of 10–128 characters", async () => {
    const user = await newUser(api, "pw-rules");
    const key = await newApiKey(api, user, ["TRADE", "WITHDRAW"]);
    const change = (input: ChangePasswordInput, headers: Record<string, string>) =>
      api.gql(CHANGE_PASSWORD, { input }, headers);

    const wrong = await change(
      { currentPassword: "not-it-at-all", newPassword: "x".repeat(12) },
      user.bearer,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "currentPassword",
    });
    const short = await change(
      { currentPassword: user.password, newPassword: "short" },
      user.bearer,
    );
    expect(short.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "newPassword",
    });
    const long = await change(
      { currentPassword: user.password, newPassword: "x".repeat(129) },
      user.bearer,
    );
    expect(codeOf(long)).toBe("BAD_USER_INPUT");
    const viaKey = await change(
      { currentPassword: user.password, newPassword: "x".repeat(12) },
      key.header,
    );
    expect(codeOf(viaKey)).toBe("FORBIDDEN");
    const anonymous = await change(
      { currentPassword: user.password, newPassword: "x".repeat(12) },
      {},
    );
    expect(codeOf(anonymous)).toBe("UNAUTHENTICATED");
    // None of those changed anything: the session still works.
    expect((await api.gql(ME, {}, user.bearer)).data?.me?.id).toBe(user.id);
  });
});

describe("session tokens that are not ours get 401 UNAUTHENTICATED, never 500", () => {
  it("refuses a bad subject, another secret, alg none, no expiry and plain garbage", async () => {
    const user = await newUser(api, "bad-tokens");
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const tokens: Record<string, string> = {
      "sub not a UUID": await sessionToken(
        { sv: 0 },
        { subject: "not-a-uuid", expiresAt: inAnHour },
      ),
      "sub a SQL fragment": await sessionToken(
        {},
        { subject: "1' OR '1'='1", expiresAt: inAnHour },
      ),
      "sub missing": await sessionToken({ sv: 0 }, { expiresAt: inAnHour }),
      "sub a number": await sessionToken({ sub: 42 }, { expiresAt: inAnHour }),
      "sub an unknown UUID": await sessionToken({}, { subject: randomUUID(), expiresAt: inAnHour }),
      "another secret": await sessionToken(
        { sv: 0 },
        { subject: user.id, expiresAt: inAnHour, secret: "another-secret-another-secret-0123456" },
      ),
      "alg none": new UnsecuredJWT({ sv: 0 })
        .setSubject(user.id)
        .setIssuer("eventhub")
        .setExpirationTime(inAnHour)
        .encode(),
      "no expiry": await sessionToken({ sv: 0 }, { subject: user.id }),
      expired: await sessionToken({ sv: 0 }, { subject: user.id, expiresAt: inAnHour - 7200 }),
      "a version that is not a number": await sessionToken(
        { sv: "0" },
        { subject: user.id, expiresAt: inAnHour },
      ),
      "an old version": await sessionToken({ sv: -1 }, { subject: user.id, expiresAt: inAnHour }),
      garbage: "not.a.token",
      huge: "a".repeat(8_000),
    };
    for (const [what, token] of Object.entries(tokens)) {
      const res = await api.gql(ME, {}, { authorization: `Bearer ${token}` });
      expect({ what, status: res.status, code: codeOf(res) }).toEqual({
        what,
        status: 401,
        code: "UNAUTHENTICATED",
      });
      const socket = await RawSocket.open(api, { authorization: `Bearer ${token}` });
      expect(await socket.acked()).toBe(false);
      expect({ what, code: (await socket.closed).code }).toEqual({ what, code: 4403 });
    }
    // The user's real token still works: nothing above was a server error.
    expect((await api.gql(ME, {}, user.bearer)).data?.me?.id).toBe(user.id);
  });
});

describe("socket caps", () => {
  let capped: TestApi;
  beforeAll(async () => {
    capped = await startApi({
      WS_MAX_OPERATIONS_PER_SOCKET: "2",
      WS_MAX_SOCKETS_PER_IP: "3",
      WS_PING_INTERVAL_MS: "200",
      WS_MAX_MESSAGES_PER_SECOND: "20",
    });
  });
  afterAll(() => capped?.stop());

  it("refuses an operation beyond the socket's cap with TOO_MANY_OPERATIONS", async () => {
    const socket = await RawSocket.open(capped);
    expect(await socket.acked()).toBe(true);
    socket.subscribe("a", HEARTBEAT);
    socket.subscribe("b", HEARTBEAT);
    expect((await socket.result("a"))?.type).toBe("next");
    expect((await socket.result("b"))?.type).toBe("next");
    socket.subscribe("c", HEARTBEAT);
    const refused = await socket.result("c");
    expect(refused?.type).toBe("error");
    expect(errorsOf(refused)?.[0]?.extensions).toEqual({ code: "TOO_MANY_OPERATIONS", limit: 2 });
    // Completing one makes room again; the socket itself stays open.
    socket.complete("a");
    await sleep(50);
    socket.subscribe("d", HEARTBEAT);
    expect((await socket.result("d"))?.type).toBe("next");
    socket.close();
    await socket.closed;
  });

  it("closes a socket beyond the IP's cap with 4429 and a reason", async () => {
    const open = await Promise.all([1, 2, 3].map(() => RawSocket.open(capped)));
    for (const socket of open) expect(await socket.acked()).toBe(true);
    const extra = await RawSocket.open(capped);
    expect(await extra.closed).toMatchObject({
      code: 4429,
      reason: "Too many sockets from this address (at most 3)",
    });
    open[0]!.close();
    await open[0]!.closed;
    await until(async () => {
      const retry = await RawSocket.open(capped);
      const acked = await retry.acked();
      retry.close();
      await retry.closed;
      return acked;
    }, 2_000);
    for (const socket of open) socket.close();
    await Promise.all(open.map((s) => s.closed));
  });

  it("closes a socket that floods messages with 4429 (one socket must not cost more than many)", async () => {
    const socket = await RawSocket.open(capped);
    expect(await socket.acked()).toBe(true);
    // 20 a second, bursts of 40: a thousand frames at once are far past it.
    for (let i = 0; i < 1_000; i++) socket.complete(`x${i}`);
    expect(await socket.closed).toMatchObject({
      code: 4429,
      reason: "Too many messages (at most 20 a second)",
    });
    const next = await RawSocket.open(capped);
    expect(await next.acked()).toBe(true);
    next.close();
    await next.closed;
  });

  it("pings sockets and cuts a peer that does not answer", async () => {
    const silent = await RawSocket.open(capped, {}, { autoPong: false });
    const polite = await RawSocket.open(capped);
    expect(await silent.acked()).toBe(true);
    expect(await polite.acked()).toBe(true);
    let pings = 0;
    polite.ws.on("ping", () => pings++);
    const cut = await silent.closed;
    expect(cut.code).toBe(1006); // terminated, no close frame
    await sleep(500);
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(polite.ws.readyState).toBe(WebSocket.OPEN);
    polite.close();
    await polite.closed;
  });
});
