import { jwtVerify, SignJWT } from "jose";
import type { Auth } from "../api/context.ts";
import type { Dependencies } from "../api/dependencies.ts";
import {
  badInput,
  isUnavailable,
  rateLimited,
  serviceUnavailable,
  unauthenticated,
} from "../api/errors.ts";
import { findUserByEmail, findUserById, insertUser } from "../db/users.repository.ts";
import type { UserRow } from "../db/schema.ts";
import { authenticateApiKey } from "./api-keys.service.ts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.ts";
import { countFailure, overLimit, resetLimit, type Limit } from "./rate-limit.ts";

const TOKEN_LIFETIME = "24h";
const ALL_PERMISSIONS = new Set(["READ", "TRADE", "WITHDRAW"] as const);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function register(
  deps: Dependencies,
  input: { name: string; email: string; password: string },
): Promise<{ token: string; user: UserRow }> {
  const name = input.name.trim();
  const email = input.email.trim();
  if (name.length < 1 || name.length > 100) throw badInput("name must be 1–100 characters", "name");
  if (email.length > 255 || !EMAIL.test(email))
    throw badInput("email is not a valid address", "email");
  if (input.password.length < 10 || input.password.length > 128) {
    throw badInput("password must be 10–128 characters", "password");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(deps.db, { name, email, passwordHash });
  if (!user) throw badInput("an account with this email already exists", "email");
  return { token: await signToken(deps, user), user };
}

export async function login(
  deps: Dependencies,
  input: { email: string; password: string },
  ip: string,
): Promise<{ token: string; user: UserRow }> {
  const ns = deps.config.namespace;
  const email = input.email.trim().toLowerCase();
  const accountLimit: Limit = { key: `${ns}:login:account:${email}`, max: 5, windowSeconds: 900 };
  const ipLimit: Limit = { key: `${ns}:login:ip:${ip}`, max: 30, windowSeconds: 900 };
  const limits = [accountLimit, ipLimit];

  const retryAfter = await guardRedis(() => overLimit(deps.redis, limits));
  if (retryAfter !== null) throw rateLimited(retryAfter);

  const user = await findUserByEmail(deps.db, email);
  const ok = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password).then(() => false);
  if (!ok || !user || user.role === "SYSTEM") {
    await guardRedis(() => countFailure(deps.redis, limits));
    throw unauthenticated("Wrong email or password");
  }
  await guardRedis(() => resetLimit(deps.redis, accountLimit.key));
  return { token: await signToken(deps, user), user };
}

/** The throttle is part of the security core: without Redis, login refuses rather than opens. */
async function guardRedis<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error) || (error as Error).message?.includes("writeable")) {
      throw serviceUnavailable("The login throttle (Redis)");
    }
    throw error;
  }
}

export async function signToken(deps: Dependencies, user: UserRow): Promise<string> {
  return new SignJWT({ role: user.role })
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
 * wrong are an error, never silently anonymous.
 */
export async function authenticate(
  deps: Dependencies,
  credentials: { authorization?: string | null; apiKey?: string | null },
): Promise<Auth | null> {
  if (credentials.apiKey) return authenticateApiKey(deps, credentials.apiKey);
  if (!credentials.authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorization.trim());
  if (!match) throw unauthenticated("Authorization must be 'Bearer <token>'");
  let userId: string;
  try {
    const { payload } = await jwtVerify(match[1]!, secretKey(deps), {
      issuer: "eventhub",
      algorithms: ["HS256"],
    });
    userId = payload.sub ?? "";
  } catch {
    throw unauthenticated("The session token is invalid or expired; sign in again");
  }
  const user = await findUserById(deps.db, userId);
  if (!user) throw unauthenticated("The session's account no longer exists");
  return { user, via: "session", permissions: ALL_PERMISSIONS };
}
