import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";
import { DomainError, ErrorCode } from "../kernel/errors.ts";
import { GateFull, PriorityGate, type GatePriority } from "./priority-gate.ts";

/** OWASP's current minimum for scrypt: N = 2^17 (128 MiB), r = 8, p = 1. */
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Roughly what one derivation takes on one core, for the retry hint. */
const DERIVE_SECONDS = 0.15;

/**
 * Every scrypt of this process passes this gate: half the cores at once, 2 to 4 (128 MiB
 * each), logins before registrations, and bounded queues, so a registration flood can neither
 * exhaust memory nor make a login wait behind it.
 */
export const passwordGate = new PriorityGate(
  Math.min(4, Math.max(2, Math.floor(availableParallelism() / 2))),
  { urgent: 64, background: 16 },
);

/** The password gate's queue is full: RATE_LIMITED with a retry hint; nothing was done. */
export class PasswordWorkBusy extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      ErrorCode.RATE_LIMITED,
      `The server is busy checking passwords; retry in ${retryAfterSeconds} s`,
      { scope: "passwordQueue", retryAfterSeconds, retryAfterMs: retryAfterSeconds * 1000 },
    );
  }
}

/** Logins (checks) are urgent; hashing a new password (register, change) waits behind them. */
async function gated<T>(priority: GatePriority, task: () => Promise<T>): Promise<T> {
  try {
    return await passwordGate.run(priority, task);
  } catch (error) {
    if (!(error instanceof GateFull)) throw error;
    const { running, waiting } = passwordGate.load();
    const seconds = ((running + waiting) * DERIVE_SECONDS) / passwordGate.slots;
    throw new PasswordWorkBusy(Math.max(1, Math.ceil(seconds)));
  }
}

type ScryptCost = { N: number; r: number; p: number };

function derive(password: string, salt: Buffer, options: ScryptCost, priority: GatePriority) {
  return gated(priority, () => deriveNow(password, salt, options));
}

function deriveNow(password: string, salt: Buffer, options: ScryptCost) {
  return new Promise<Buffer>((resolve, reject) => {
    const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r };
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, scryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking stored hashes. Waits
 * behind logins; a full queue: PasswordWorkBusy (RATE_LIMITED).
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, "background");
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join(
    "$",
  );
}

/** Whether `password` matches the stored hash; goes before hashing. Full queue: PasswordWorkBusy. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const key = await derive(password, Buffer.from(salt, "base64"), cost, "urgent");
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so a missing account is not told apart by timing. */
const DUMMY_HASH = hashPassword("not a real password");
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(password, await DUMMY_HASH);
}
