import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { subscribeRevocations } from "../bus/revocations.ts";
import type { CredentialsRevokedMessage } from "../bus/subjects.ts";
import { findLiveCredentials, type LiveCredentials } from "../db/credentials.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { forgetApiKey } from "../services/api-keys.service.ts";
import type { Auth } from "../services/caller.ts";
import { staleCredentials } from "../kernel/errors.ts";

/**
 * The close reasons of a socket whose credentials stopped working while open: what happened, then
 * what to do (the same advice as a refused `connection_init` and HTTP's `extensions.reason`).
 */
export const CLOSE_REASONS = {
  apiKeyRevoked: staleCredentials("The API key has been revoked", "API_KEY_INVALID").message,
  sessionExpired: staleCredentials("The session token expired", "TOKEN_INVALID").message,
  passwordChanged: staleCredentials("The session was ended by a password change", "TOKEN_REVOKED")
    .message,
  accountGone: staleCredentials("The account no longer exists", "TOKEN_REVOKED").message,
} as const;

/** How often to look for a new NATS connection to subscribe on. */
const RESUBSCRIBE_CHECK_MS = 1_000;
/** setTimeout's longest delay (about 24.8 days); a later expiry is caught by the sweep. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** An authenticated socket under watch. */
export interface WatchedSocket {
  readonly auth: Auth;
  /** Why the socket's credentials stopped working, or null while they work. */
  readonly revokedReason: string | null;
  /** Marks the credentials dead and closes the socket (once); later calls do nothing. */
  revoke(reason: string): void;
  /** Stops watching (the socket closed). */
  remove(): void;
}

export type CredentialWatch = ReturnType<typeof watchCredentials>;

/**
 * Keeps the credentials of one API process's open sockets honest: a revocation published over
 * NATS closes the sockets holding the credentials at once (and drops a revoked API key from this
 * process's cache); a timer closes a session socket when its token expires; a sweep about every
 * second (`wsCredentialSweepMs`; one SQL statement for all sockets, only when there are any)
 * catches users deleted and keys revoked outside the API. Each API process subscribes once; a
 * new NATS connection (after the old one gave up reconnecting) is subscribed within a second.
 */
export function watchCredentials(deps: Dependencies) {
  const byUser = new Map<string, Set<Entry>>();
  let subscribedTo: NatsConnection | null = null;
  let subscription: Subscription | null = null;
  let sweeping = false;

  const ensureSubscribed = () => {
    const nc = deps.liveNats();
    if (!nc || nc.isClosed() || nc === subscribedTo) return;
    subscription = subscribeRevocations(nc, deps, (message) => {
      if (message.kind === "apiKey") forgetApiKey(message.prefix);
      for (const entry of byUser.get(message.userId) ?? []) {
        const reason = revokedBy(entry.auth, message);
        if (reason) entry.revoke(reason);
      }
    });
    subscribedTo = nc;
  };

  const sweep = async () => {
    if (byUser.size === 0 || sweeping) return;
    sweeping = true;
    try {
      const entries = [...byUser.values()].flatMap((set) => [...set]);
      const apiKeyIds = entries.flatMap((e) => (e.auth.apiKeyId ? [e.auth.apiKeyId] : []));
      const live = await findLiveCredentials(deps.pool, {
        userIds: [...byUser.keys()],
        apiKeyIds: [...new Set(apiKeyIds)],
      });
      for (const entry of entries) {
        const reason = staleReason(entry.auth, live);
        if (reason) entry.revoke(reason);
      }
    } catch (error) {
      // PostgreSQL is down: each operation's own credential check refuses meanwhile.
      deps.log.debug("credential sweep failed", { error: (error as Error).message });
    } finally {
      sweeping = false;
    }
  };

  ensureSubscribed();
  const timers = [
    setInterval(ensureSubscribed, RESUBSCRIBE_CHECK_MS),
    setInterval(() => void sweep(), deps.config.wsCredentialSweepMs),
  ];
  for (const timer of timers) timer.unref();

  return {
    /** Watches a socket authenticated as `auth`; `close` closes it with 4403 and the reason. */
    add(auth: Auth, close: (reason: string) => void): WatchedSocket {
      const entry = new Entry(auth, close, () => {
        const set = byUser.get(auth.user.id);
        set?.delete(entry);
        if (set?.size === 0) byUser.delete(auth.user.id);
      });
      const set = byUser.get(auth.user.id) ?? new Set();
      byUser.set(auth.user.id, set.add(entry));
      return entry;
    },
    /** Sockets currently watched (for tests and metrics). */
    get size() {
      let n = 0;
      for (const set of byUser.values()) n += set.size;
      return n;
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
      subscription?.unsubscribe();
      for (const set of byUser.values()) for (const entry of set) entry.remove();
    },
  };
}

class Entry implements WatchedSocket {
  revokedReason: string | null = null;
  private readonly expiry?: NodeJS.Timeout;

  constructor(
    readonly auth: Auth,
    private readonly close: (reason: string) => void,
    private readonly forget: () => void,
  ) {
    if (auth.sessionExpiresAt !== undefined) {
      const inMs = Math.min(Math.max(auth.sessionExpiresAt - Date.now(), 0), MAX_TIMER_MS);
      this.expiry = setTimeout(() => this.revoke(CLOSE_REASONS.sessionExpired), inMs);
      this.expiry.unref();
    }
  }

  revoke(reason: string): void {
    if (this.revokedReason !== null) return;
    this.revokedReason = reason;
    this.remove();
    this.close(reason);
  }

  remove(): void {
    clearTimeout(this.expiry);
    this.forget();
  }
}

/** Why a revocation message voids these credentials, or null when it is about others. */
function revokedBy(auth: Auth, message: CredentialsRevokedMessage): string | null {
  switch (message.kind) {
    case "apiKey":
      return auth.via === "apiKey" && auth.apiKeyId === message.apiKeyId
        ? CLOSE_REASONS.apiKeyRevoked
        : null;
    case "sessions":
      return auth.via === "session" && auth.user.sessionVersion < message.sessionVersion
        ? CLOSE_REASONS.passwordChanged
        : null;
  }
}

/** Why the database says these credentials no longer work, or null while they do. */
function staleReason(auth: Auth, live: LiveCredentials): string | null {
  const sessionVersion = live.sessionVersions.get(auth.user.id);
  if (sessionVersion === undefined) return CLOSE_REASONS.accountGone;
  if (auth.via === "apiKey") {
    return live.activeApiKeys.has(auth.apiKeyId!) ? null : CLOSE_REASONS.apiKeyRevoked;
  }
  if (auth.sessionExpiresAt !== undefined && auth.sessionExpiresAt <= Date.now()) {
    return CLOSE_REASONS.sessionExpired;
  }
  return sessionVersion === auth.user.sessionVersion ? null : CLOSE_REASONS.passwordChanged;
}
