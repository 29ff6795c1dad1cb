import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiKeyPermission, Auth } from "./caller.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, DomainError, ErrorCode, staleCredentials } from "../kernel/errors.ts";
import { ipAllowed, parseAllowedIps } from "./ip-allow-list.ts";
import {
  findApiKeyWithUserByPrefix,
  insertApiKeyUnderCap,
  listApiKeysOfUser,
  revokeApiKeyOfUser,
  touchApiKey,
} from "../db/api-keys.repository.ts";
import type { ApiKeyRow } from "../db/schema.ts";
import { publishRevocation } from "../bus/revocations.ts";
import { parsePublicKey, verifySignature, type RequestProof } from "./signed-requests.ts";
import { guardrailsOf, validGuardrails, type GuardrailsInput } from "./guardrails.ts";

/** Keys read `ehk_<12-char public prefix>_<43-char secret>`; only the prefix is stored as is. */
const KEY_FORMAT = /^(ehk_[A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;
const MAX_KEYS_PER_USER = 50;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A new key for the user. `allowedIps` (optional): the addresses and CIDR ranges the key may be
 * used from (ip-allow-list.ts); a key without one works from anywhere but cannot withdraw.
 * `publicKey` (optional): an Ed25519 public key (base64 of 32 bytes, or PEM); the key then signs
 * every request (signed-requests.ts). Stored as base64 of the raw bytes.
 */
export async function createApiKey(
  deps: Dependencies,
  userId: string,
  input: {
    name: string;
    permissions: readonly ApiKeyPermission[];
    allowedIps?: readonly string[] | null;
    publicKey?: string | null;
  } & GuardrailsInput,
): Promise<{ apiKey: ApiKeyRow; secret: string }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badInput("name must be 1–100 characters", "name");
  if (input.permissions.length === 0)
    throw badInput("give the key at least one permission", "permissions");
  const allowedIps = input.allowedIps == null ? null : parseAllowedIps(input.allowedIps);
  const publicKey = input.publicKey == null ? null : parsePublicKey(input.publicKey);
  const prefix = `ehk_${randomBytes(9).toString("base64url")}`;
  const secret = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const apiKey = await insertApiKeyUnderCap(
    deps.db,
    {
      userId,
      name,
      prefix,
      secretHash: sha256(secret),
      permissions: [...new Set(input.permissions)],
      allowedIps,
      publicKey,
      ...(await validGuardrails(deps, input)),
    },
    MAX_KEYS_PER_USER,
  );
  if (!apiKey) {
    throw badInput(`at most ${MAX_KEYS_PER_USER} active API keys per account; revoke one first`);
  }
  return { apiKey, secret };
}

export async function listApiKeys(deps: Dependencies, userId: string): Promise<ApiKeyRow[]> {
  return listApiKeysOfUser(deps.db, userId);
}

export async function revokeApiKey(
  deps: Dependencies,
  userId: string,
  id: string,
): Promise<ApiKeyRow> {
  const key = UUID.test(id) ? await revokeApiKeyOfUser(deps.db, userId, id) : null;
  if (!key)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, "No API key with that id on this account", {
      field: "id",
    });
  forgetApiKey(key.prefix);
  // Other API processes drop their cached copy and close sockets opened with the key.
  publishRevocation(deps, { kind: "apiKey", userId, apiKeyId: key.id, prefix: key.prefix });
  return key;
}

/**
 * The caller a presented key stands for, used from `ip` (api/client-address.ts). Malformed, wrong
 * or revoked: UNAUTHENTICATED; a key with an IP allow-list used from another address: FORBIDDEN
 * (`reason: IP_NOT_ALLOWED`), whatever the operation. A signed key (one with a public key) must
 * also pass `proof` (signed-requests.ts): else UNAUTHENTICATED with the signature's `reason`.
 */
export async function authenticateApiKey(
  deps: Dependencies,
  presented: string,
  ip: string,
  proof: RequestProof,
): Promise<Auth> {
  const match = KEY_FORMAT.exec(presented.trim());
  if (!match) throw staleCredentials("The API key is malformed", "API_KEY_INVALID");
  const found = await findKey(deps, match[1]!);
  const expected = Buffer.from(found?.key.secretHash ?? sha256("no such key"), "hex");
  const actual = Buffer.from(sha256(presented.trim()), "hex");
  if (!found || !timingSafeEqual(expected, actual))
    throw staleCredentials("The API key is not valid", "API_KEY_INVALID");
  if (found.key.revokedAt)
    throw staleCredentials("The API key has been revoked", "API_KEY_INVALID");
  const allowedIps = found.key.allowedIps;
  if (allowedIps && !ipAllowed(allowedIps, ip)) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      `This API key may be used only from the addresses on its IP allow-list, and ${ip} is not one of them`,
      { reason: "IP_NOT_ALLOWED", ip },
    );
  }
  const publicKey = found.key.publicKey;
  const signatureClaim =
    publicKey && proof.kind === "signed"
      ? await verifySignature(
          deps.config.namespace,
          found.key.id,
          publicKey,
          proof.proof,
          proof.message,
          Date.now(),
        )
      : undefined;
  touch(deps, found.key.id);
  // Every key can read its own account; READ alone grants nothing more.
  const permissions = new Set<ApiKeyPermission>(["READ", ...found.key.permissions]);
  return {
    user: found.user,
    via: "apiKey",
    apiKeyId: found.key.id,
    permissions,
    allowedIps,
    signatureClaim,
    guardrails: guardrailsOf(found.key),
  };
}

/**
 * Bots send the same key on every request: its row is kept for 2 s per process. The secret is
 * still checked against the hash each time; a revocation through the API clears the copy of
 * every API process at once (over NATS), one made by SQL is honoured within 2 s.
 */
const KEY_CACHE_MS = 2_000;
const keyCache = new Map<
  string,
  { found: Awaited<ReturnType<typeof findApiKeyWithUserByPrefix>>; until: number }
>();
async function findKey(deps: Dependencies, prefix: string) {
  const cached = keyCache.get(prefix);
  if (cached && cached.until > Date.now()) return cached.found;
  const found = await findApiKeyWithUserByPrefix(deps.pool, prefix);
  if (found) {
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(prefix, { found, until: Date.now() + KEY_CACHE_MS });
  }
  return found;
}

/** Drops this process's cached row of a key (`ehk_…` prefix), so the next use reads the database. */
export function forgetApiKey(prefix: string): void {
  keyCache.delete(prefix);
}

/** last_used_at is kept to the minute: this process writes it at most once a minute per key. */
const lastTouched = new Map<string, number>();
function touch(deps: Dependencies, keyId: string): void {
  const now = Date.now();
  if ((lastTouched.get(keyId) ?? 0) > now - 60_000) return;
  lastTouched.set(keyId, now);
  if (lastTouched.size > 100_000) lastTouched.clear();
  void touchApiKey(deps.db, keyId).catch(() => {});
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
