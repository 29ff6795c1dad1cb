/**
 * The faults of a chaos run (issue 12) and the schedule they come in. Each kind names what a
 * production incident would be; `targetMs` is how soon users must have a working exchange again.
 */
export const FAULT_KINDS = {
  /** kill -9 of the matcher owning markets; the other one stands by and must take over. */
  "matcher-kill": { targetMs: 5_000 },
  /** kill -9 of settlement, started again at once (as a supervisor would). */
  "settlement-kill": { targetMs: 5_000 },
  "relay-kill": { targetMs: 5_000 },
  "marketdata-kill": { targetMs: 5_000 },
  "api-kill": { targetMs: 5_000 },
  /** NATS stopped gracefully and started again on the same store. */
  "nats-restart": { targetMs: 10_000 },
  /** NATS killed (-9) and started again on the same store. */
  "nats-kill": { targetMs: 10_000 },
  /** FLUSHALL on Redis: the book mirror is gone; the served book must be whole again. */
  "redis-flush": { targetMs: 2_000 },
  /** Redis killed and started again empty (no persistence, as the README suggests). */
  "redis-restart": { targetMs: 2_000 },
  /** pg_terminate_backend on every connection of every process to the database. */
  "pg-terminate": { targetMs: 5_000 },
} as const;

export type FaultKind = keyof typeof FAULT_KINDS;

/** One round: faults injected back to back, then one recovery measured for them together. */
export type Round = FaultKind[];

/** Every kind alone, then several in a row (as incidents come). */
const CYCLE: Round[] = [
  ["matcher-kill"],
  ["settlement-kill"],
  ["pg-terminate"],
  ["redis-flush"],
  ["relay-kill"],
  ["nats-restart"],
  ["marketdata-kill"],
  ["api-kill"],
  ["redis-restart"],
  ["nats-kill"],
  ["settlement-kill", "pg-terminate"],
  ["matcher-kill", "nats-restart"],
  ["relay-kill", "api-kill", "settlement-kill"],
  ["redis-flush", "matcher-kill"],
];

/** Rounds from the cycle, repeated, until at least `faults` faults are scheduled. */
export function schedule(faults: number): Round[] {
  const rounds: Round[] = [];
  let count = 0;
  for (let i = 0; count < faults; i++) {
    const round = CYCLE[i % CYCLE.length]!;
    rounds.push(round);
    count += round.length;
  }
  return rounds;
}

/** A round's recovery target: the longest of its faults'. */
export function targetOf(round: Round): number {
  return Math.max(...round.map((kind) => FAULT_KINDS[kind].targetMs));
}

/** Whether a round touches Redis (the load is paused and settled first, to compare books). */
export const touchesRedis = (round: Round) =>
  round.some((kind) => kind === "redis-flush" || kind === "redis-restart");
