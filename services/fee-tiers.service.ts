import { recordAudit } from "../db/audit.repository.ts";
import {
  feeTierOfUser,
  firstTradeIdSince,
  listFeeTiers,
  lockFeeTiers,
  readVolumeWindowStart,
  recomputeUserTiers,
  replaceFeeTiers,
  saveVolumeWindowStart,
  tradeBelowIsOlder,
  tryLockFeeTiers,
  volumeOfUser,
  type NewFeeTier,
  type VolumeWindow,
} from "../db/fee-tiers.repository.ts";
import type { FeeTierRow } from "../db/schema.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, isUnavailable } from "../kernel/errors.ts";
import { ONE, canonicalDecimal as canonical, formatDecimal } from "../money/decimal.ts";
import type { Auth } from "./caller.ts";
import { parseAmount } from "./decimal-input.ts";

/*
 * Fee tiers (issue 13): a user whose 30-day traded volume reaches a tier's min_volume pays at
 * most that tier's rates. The volume is the quote of every fill of the user's in the last 30 days
 * (a self-trade counts both sides), in USDT: markets quoted in USDT count their quote amount,
 * others their quote converted at the last trade price of <QUOTE>_USDT (now, not at the trade's
 * time); a market whose quote has no such market, or one that never traded, is not counted.
 * users.fee_tier is recomputed every minute (`startFeeTierRecompute`, in the settlement process)
 * and at once by `setFeeTiers`, never per trade; settlement reads it per batch.
 */

export const VOLUME_ASSET = "USDT";
export const VOLUME_WINDOW_MS = 30 * 24 * 60 * 60 * 1_000;
export const FEE_TIER_RECOMPUTE_MS = 60_000;
export const MAX_FEE_TIERS = 20;
const MAX_TIER = 100;

/** A tier as an admin gives it. */
export interface FeeTierInput {
  tier: number;
  minVolume: string;
  makerFee: string;
  takerFee: string;
}

/** A tier as clients read it: decimals canonical. */
export interface FeeTierView {
  tier: number;
  minVolume: string;
  makerFee: string;
  takerFee: string;
  updatedAt: Date;
}

/** The caller's tier as `me` shows it. */
export interface UserFeeTierView {
  tier: number;
  makerFee: string | null;
  takerFee: string | null;
  volume30d: string;
}

export async function getFeeTiers(deps: Pick<Dependencies, "db">): Promise<FeeTierView[]> {
  return (await listFeeTiers(deps.db)).map(tierView);
}

/**
 * The table as an admin gives it, checked (pure): at most MAX_FEE_TIERS tiers; tier an integer
 * 1–100, each once; minVolume ≥ 0 (USDT, 18 decimals) and rising strictly with the tier; rates
 * between 0 and 1. Sorted by tier; BAD_USER_INPUT names the field (`tiers.<i>.<field>`).
 */
export function validFeeTiers(input: readonly FeeTierInput[]): NewFeeTier[] {
  if (input.length > MAX_FEE_TIERS) {
    throw badInput(`at most ${MAX_FEE_TIERS} fee tiers`, "tiers");
  }
  const checked = input.map((t, i) => {
    const field = (name: string) => `tiers.${i}.${name}`;
    if (!Number.isInteger(t.tier) || t.tier < 1 || t.tier > MAX_TIER) {
      throw badInput(`tier must be an integer from 1 to ${MAX_TIER}`, field("tier"));
    }
    const minVolume = parseAmount(t.minVolume, 18, field("minVolume"));
    if (minVolume < 0n) throw badInput("minVolume must not be negative", field("minVolume"));
    const rate = (name: "makerFee" | "takerFee") => {
      const value = parseAmount(t[name], 18, field(name));
      if (value < 0n || value > ONE) throw badInput(`${name} must be between 0 and 1`, field(name));
      return formatDecimal(value);
    };
    return {
      index: i,
      minVolumeUnits: minVolume,
      row: {
        tier: t.tier,
        minVolume: formatDecimal(minVolume),
        makerFee: rate("makerFee"),
        takerFee: rate("takerFee"),
      },
    };
  });
  checked.sort((a, b) => a.row.tier - b.row.tier);
  for (let i = 1; i < checked.length; i++) {
    const [lower, higher] = [checked[i - 1]!, checked[i]!];
    if (lower.row.tier === higher.row.tier) {
      throw badInput(`tier ${higher.row.tier} is given twice`, `tiers.${higher.index}.tier`);
    }
    if (higher.minVolumeUnits <= lower.minVolumeUnits) {
      throw badInput(
        `minVolume must rise with the tier: tier ${higher.row.tier} needs more than tier ${lower.row.tier}'s ${lower.row.minVolume}`,
        `tiers.${higher.index}.minVolume`,
      );
    }
  }
  return checked.map((c) => c.row);
}

/**
 * Replaces the fee-tier table (admin), records it in the audit trail (before/after) and
 * recomputes every user's tier, all in one transaction: from its commit on, settlement charges
 * the new rates. BAD_USER_INPUT as `validFeeTiers`. Answers the new table.
 */
export async function setFeeTiers(
  deps: Pick<Dependencies, "db" | "redis" | "config">,
  auth: Auth,
  input: readonly FeeTierInput[],
): Promise<FeeTierView[]> {
  const tiers = validFeeTiers(input);
  const window = await volumeWindow(deps, new Date());
  const rows = await deps.db.transaction(async (tx) => {
    await lockFeeTiers(tx);
    const before = await listFeeTiers(tx);
    const after = await replaceFeeTiers(tx, tiers);
    await recordAudit(tx, {
      actorId: auth.user.id,
      action: "setFeeTiers",
      target: "fee-tiers",
      before: before.map(auditView),
      after: after.map(auditView),
    });
    await recomputeUserTiers(tx, window);
    return after;
  });
  return rows.map(tierView);
}

/**
 * Sets every user's fee tier from their volume of the 30 days before `now`. Answers how many
 * users changed tier, or null when another process was recomputing (it skips, not waits).
 */
export async function recomputeFeeTiers(
  deps: Pick<Dependencies, "db" | "redis" | "config">,
  now = new Date(),
): Promise<number | null> {
  const window = await volumeWindow(deps, now);
  return deps.db.transaction(async (tx) => {
    if (!(await tryLockFeeTiers(tx))) return null;
    return recomputeUserTiers(tx, window);
  });
}

/**
 * Recomputes the tiers every `intervalMs` (and once at start) until stopped. One process at a
 * time does it (an advisory lock; the others skip that round). Failures are logged, not thrown.
 */
export function startFeeTierRecompute(
  deps: Pick<Dependencies, "db" | "redis" | "config" | "log" | "pool">,
  intervalMs = FEE_TIER_RECOMPUTE_MS,
): { stop(): void } {
  let running = false;
  let failing = false;
  const run = () => {
    if (running || deps.pool.ending) return;
    running = true;
    recomputeFeeTiers(deps)
      .then((changed) => {
        failing = false;
        if (changed) deps.log.info("fee tiers recomputed", { changed });
      })
      .catch((error: unknown) => {
        // A store that is down is said once per outage; anything else each time.
        if (!failing || !isUnavailable(error)) {
          deps.log.warn("fee tier recompute failed", { error: (error as Error).message });
        }
        failing = true;
      })
      .finally(() => (running = false));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return { stop: () => clearInterval(timer) };
}

/**
 * The user's tier (as last recomputed, at most a minute old) with its rates (null at tier 0: the
 * markets' own), and their traded volume of the last 30 days as of now.
 */
export async function feeTierOf(
  deps: Pick<Dependencies, "db" | "redis" | "config">,
  userId: string,
): Promise<UserFeeTierView> {
  const now = new Date();
  const since = new Date(now.getTime() - VOLUME_WINDOW_MS);
  const stored = await readVolumeWindowStart(deps.redis, deps.config.namespace);
  const fromTradeId = (await tradeBelowIsOlder(deps.db, stored, since)) ? stored : 0n;
  const [tier, volume30d] = await Promise.all([
    feeTierOfUser(deps.db, userId),
    volumeOfUser(deps.db, userId, { since, fromTradeId, asset: VOLUME_ASSET }),
  ]);
  return {
    tier: tier?.tier ?? 0,
    makerFee: tier?.makerFee == null ? null : canonical(tier.makerFee),
    takerFee: tier?.takerFee == null ? null : canonical(tier.takerFee),
    volume30d: canonical(volume30d),
  };
}

/** Per process: the first trade id of the window as last found (it only ever rises). */
const windowStarts = new WeakMap<object, bigint>();

/**
 * The 30-day window before `now` with its first trade id: walked up from where this process
 * last found it (the first time from the id shared in Redis, if the trade below it is indeed
 * older than the window, else from 0), and shared again for `feeTierOf`.
 */
async function volumeWindow(
  deps: Pick<Dependencies, "db" | "redis" | "config">,
  now: Date,
): Promise<VolumeWindow> {
  const since = new Date(now.getTime() - VOLUME_WINDOW_MS);
  let from = windowStarts.get(deps);
  if (from === undefined) {
    const stored = await readVolumeWindowStart(deps.redis, deps.config.namespace);
    from = (await tradeBelowIsOlder(deps.db, stored, since)) ? stored : 0n;
  }
  const first = await firstTradeIdSince(deps.db, since, from);
  if (first !== null && first > from) {
    from = first;
    void saveVolumeWindowStart(deps.redis, deps.config.namespace, first).catch(() => undefined);
  }
  windowStarts.set(deps, from);
  return { since, fromTradeId: from, asset: VOLUME_ASSET };
}

function tierView(row: FeeTierRow): FeeTierView {
  return { ...auditView(row), updatedAt: row.updatedAt };
}

function auditView(row: FeeTierRow) {
  return {
    tier: row.tier,
    minVolume: canonical(row.minVolume),
    makerFee: canonical(row.makerFee),
    takerFee: canonical(row.takerFee),
  };
}
