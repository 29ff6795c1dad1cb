import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { Auth } from "./caller.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  badInput,
  isUnavailable,
  rateLimited,
  serviceUnavailable,
  staleCredentials,
  unauthenticated,
} from "../kernel/errors.ts";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  replacePassword,
} from "../db/users.repository.ts";
import { publishRevocation } from "../bus/revocations.ts";
import type { UserRow } from "../db/schema.ts";
import { authenticateApiKey, UUID } from "./api-keys.service.ts";
import type { RequestProof } from "./signed-requests.ts";
import { burnPasswordCheck, hashPassword, PasswordWorkBusy, verifyPassword } from "./passwords.ts";
import { giveBackAttempt, takeAttempt, throttleAddress, type Limit } from "./rate-limit.ts";

const TOKEN_LIFETIME = "24h";
const ALL_PERMISSIONS = new Set(["READ", "TRADE", "WITHDRAW"] as const);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_REFUSED = "this email cannot be used for a new account";

/**
 * Creates an account and signs it in. Bad name, email or password, or a taken email:
 * BAD_USER_INPUT. More than `registrationsPerIpPerHour` from one IP, or the password gate's queue
 * full: RATE_LIMITED with `retryAfterSeconds`. Redis down: SERVICE_UNAVAILABLE.
 */
export async function register(
  deps: Dependencies,
  input: { name: string; email: string; password: string },
  ip: string,
): Promise<{ token: string; user: UserRow }> {
  const name = input.name.trim();
  const email = input.email.trim();
  if (name.length < 1 || name.length > 100) throw badInput("name must be 1–100 characters", "name");
  if (email.length > 255 || !EMAIL.test(email)) throw badInput(EMAIL_REFUSED, "email");
  if (input.password.length < 10 || input.password.length > 128) {
    throw badInput("password must be 10–128 characters", "password");
  }
  // Counted before hashing: the 128 MiB scrypt is what a flood would spend.
  const limit = registrationLimit(deps, ip);
  const wait = await guardRedis(() => takeAttempt(deps.redis, [limit]), "The sign-up limit");
  if (wait !== null) throw rateLimited(wait, "registration");
  const passwordHash = await hashPassword(input.password).catch(async (error: unknown) => {
    // Refused before any work: the attempt does not count.
    if (error instanceof PasswordWorkBusy)
      await giveBackAttempt(deps.redis, [], [limit]).catch(() => {});
    throw error;
  });
  const user = await insertUser(deps.db, { name, email, passwordHash });
  // Worded as for a malformed address, after the same scrypt as a success: a refusal does not
  // say that the address has an account.
  if (!user) throw badInput(EMAIL_REFUSED, "email");
  return { token: await signToken(deps, user), user };
}

function registrationLimit(deps: Dependencies, ip: string): Limit {
  const max = deps.config.registrationsPerIpPerHour;
  const key = `${deps.config.namespace}:register:ip:${throttleAddress(ip)}`;
  return { key, max, windowSeconds: 3_600 };
}

/**
 * Signs in. The attempt is counted atomically before the password is checked, on three 15-minute
 * windows (OWASP): 5 per account and IP pair, 100 per account from anywhere, 30 per IP. A
 * success clears its pair and is taken back from the other two, so only failures stay counted.
 * Wrong credentials: UNAUTHENTICATED; a full window or a full password queue: RATE_LIMITED with
 * `retryAfterSeconds`; Redis down: SERVICE_UNAVAILABLE (refuse rather than open).
 */
export async function login(
  deps: Dependencies,
  input: { email: string; password: string },
  ip: string,
): Promise<{ token: string; user: UserRow }> {
  const email = input.email.trim().toLowerCase();
  const limits = loginLimits(deps.config.namespace, email, ip);
  const wait = await guardRedis(() => takeAttempt(deps.redis, limits));
  if (wait !== null) throw rateLimited(wait, "login");

  let user: UserRow | null;
  try {
    user = await checkPassword(deps, email, input.password);
  } catch (error) {
    // Not an answer about the password (busy, a store down): the attempt does not count.
    await giveBackAttempt(deps.redis, [], limits).catch(() => {});
    throw error;
  }
  if (!user) throw unauthenticated("Wrong email or password");
  const [pair, ...ceilings] = limits;
  await guardRedis(() => giveBackAttempt(deps.redis, [pair!], ceilings));
  return { token: await signToken(deps, user), user };
}

/**
 * The login throttle's windows for `email` (lower-cased) from `ip`: [pair, account, ip]. The
 * email is hashed into the keys, so Redis holds no addresses and a long one makes no long key.
 */
export function loginLimits(namespace: string, email: string, ip: string): Limit[] {
  const account = createHash("sha256").update(email).digest("hex").slice(0, 32);
  const prefix = `${namespace}:login`;
  ip = throttleAddress(ip);
  return [
    { key: `${prefix}:pair:${account}:${ip}`, max: 5, windowSeconds: 900 },
    { key: `${prefix}:account:${account}`, max: 100, windowSeconds: 900 },
    { key: `${prefix}:ip:${ip}`, max: 30, windowSeconds: 900 },
  ];
}

/** The account when the password is right (never a SYSTEM one), else null; one scrypt either way. */
async function checkPassword(
  deps: Dependencies,
  email: string,
  password: string,
): Promise<UserRow | null> {
  const user = await findUserByEmail(deps.db, email);
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : await burnPasswordCheck(password).then(() => false);
  return ok && user && user.role !== "SYSTEM" ? user : null;
}

/** The throttles are part of the security core: without Redis they refuse rather than open. */
async function guardRedis<T>(run: () => Promise<T>, what = "The login throttle"): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error) || (error as Error).message?.includes("writeable")) {
      throw serviceUnavailable(`${what} (Redis)`);
    }
    throw error;
  }
}

/**
 * A session token (HS256 JWT, 24 h): `sub` the user id, `sv` the user's session version, which a
 * password change raises so that every older token is refused.
 */
export async function signToken(deps: Dependencies, user: UserRow): Promise<string> {
  return new SignJWT({ role: user.role, sv: user.sessionVersion })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuedAt()
    .setIssuer("eventhub")
    .setExpirationTime(TOKEN_LIFETIME)
    .sign(secretKey(deps));
}

function secretKey(deps: Dependencies): Uint8Array {
  return new TextEncoder().encode(deps.config.jwtSecret);
}

/**
 * Who is calling: a Bearer token, an X-API-Key, or nobody. Credentials that are present but
 * wrong are an error, never silently anonymous. `ip` is the client's address
 * (api/client-address.ts), checked against an API key's IP allow-list; `proof` is what a signed
 * API key is checked with (services/signed-requests.ts).
 */
export async function authenticate(
  deps: Dependencies,
  credentials: { authorization?: string | null; apiKey?: string | null },
  ip: string,
  proof: RequestProof,
): Promise<Auth | null> {
  if (credentials.apiKey) return authenticateApiKey(deps, credentials.apiKey, ip, proof);
  if (!credentials.authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorization.trim());
  if (!match) throw staleCredentials("Authorization must be 'Bearer <token>'", "TOKEN_INVALID");
  const claims = await verifySessionToken(deps, match[1]!);
  if (!claims) throw staleCredentials("The session token is invalid or expired", "TOKEN_INVALID");
  const user = await findUserById(deps.db, claims.userId);
  if (!user) throw staleCredentials("The session's account no longer exists", "TOKEN_REVOKED");
  if (user.sessionVersion !== claims.sessionVersion) {
    throw staleCredentials("The session was ended by a password change", "TOKEN_REVOKED");
  }
  return {
    user,
    via: "session",
    permissions: ALL_PERMISSIONS,
    sessionExpiresAt: claims.expiresAt,
  };
}

const MAX_TOKEN_LENGTH = 4_096;

/**
 * The claims of a genuine, unexpired session token of ours, or null for anything else: another
 * secret or algorithm, no expiry, a subject that is not a UUID, a version that is not a count.
 * `expiresAt` is in ms since the epoch.
 */
async function verifySessionToken(
  deps: Dependencies,
  token: string,
): Promise<{ userId: string; sessionVersion: number; expiresAt: number } | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const { payload } = await jwtVerify(token, secretKey(deps), {
      issuer: "eventhub",
      algorithms: ["HS256"],
      requiredClaims: ["sub", "exp"],
    });
    // Tokens signed before session versions existed carry none: version 0.
    const sessionVersion = payload.sv ?? 0;
    if (typeof payload.sub !== "string" || !UUID.test(payload.sub)) return null;
    if (typeof sessionVersion !== "number" || !Number.isSafeInteger(sessionVersion)) return null;
    return { userId: payload.sub, sessionVersion, expiresAt: payload.exp! * 1000 };
  } catch {
    return null;
  }
}

/**
 * Sets a new password (10–128 characters) once the current one is checked, and ends every other
 * session of the user: the session version rises, older tokens get 401 UNAUTHENTICATED and
 * sockets holding them close (4403). Returns a fresh token. Wrong current password:
 * BAD_USER_INPUT on `currentPassword`; a concurrent change won first: UNAUTHENTICATED; more than
 * 5 attempts in 15 minutes, or the password queue full: RATE_LIMITED with `retryAfterSeconds`.
 */
export async function changePassword(
  deps: Dependencies,
  user: UserRow,
  input: { currentPassword: string; newPassword: string },
): Promise<{ token: string; user: UserRow }> {
  if (input.newPassword.length < 10 || input.newPassword.length > 128) {
    throw badInput("password must be 10–128 characters", "newPassword");
  }
  // A stolen session must not become a way to guess the password: 5 tries per 15 minutes.
  const limit: Limit = {
    key: `${deps.config.namespace}:password-change:${user.id}`,
    max: 5,
    windowSeconds: 900,
  };
  const wait = await guardRedis(() => takeAttempt(deps.redis, [limit]), "The password throttle");
  if (wait !== null) throw rateLimited(wait, "passwordChange");
  // No stored password is longer than 128 characters: a longer one is wrong without hashing it.
  const currentOk =
    input.currentPassword.length <= 128 &&
    (await verifyPassword(input.currentPassword, user.passwordHash));
  if (!currentOk) throw badInput("the current password is wrong", "currentPassword");
  const toHash = await hashPassword(input.newPassword);
  const updated = await replacePassword(deps.db, user.id, { fromHash: user.passwordHash, toHash });
  if (!updated) throw unauthenticated("The session was ended by a password change; sign in again");
  publishRevocation(deps, {
    kind: "sessions",
    userId: user.id,
    sessionVersion: updated.sessionVersion,
  });
  return { token: await signToken(deps, updated), user: updated };
}
