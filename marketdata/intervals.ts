/** Candle intervals, their lengths and the seed document's names ("1m", "1h", …). */
export const CANDLE_INTERVALS = ["M1", "M5", "M15", "M30", "H1", "H4", "D1", "W1"] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const MINUTE = 60_000;

export const INTERVAL_MS: Record<CandleInterval, number> = {
  M1: MINUTE,
  M5: 5 * MINUTE,
  M15: 15 * MINUTE,
  M30: 30 * MINUTE,
  H1: 60 * MINUTE,
  H4: 240 * MINUTE,
  D1: 1_440 * MINUTE,
  W1: 10_080 * MINUTE,
};

export const INTERVAL_LABEL: Record<CandleInterval, string> = {
  M1: "1m",
  M5: "5m",
  M15: "15m",
  M30: "30m",
  H1: "1h",
  H4: "4h",
  D1: "1d",
  W1: "1w",
};

/** PostgreSQL interval literal for date_bin. */
export const INTERVAL_SQL: Record<CandleInterval, string> = {
  M1: "1 minute",
  M5: "5 minutes",
  M15: "15 minutes",
  M30: "30 minutes",
  H1: "1 hour",
  H4: "4 hours",
  D1: "1 day",
  W1: "7 days",
};

/** Bars of every interval start at UTC midnight boundaries; weeks start on Monday 2000-01-03. */
export const DAY_ORIGIN = Date.UTC(2000, 0, 1);
export const WEEK_ORIGIN = Date.UTC(2000, 0, 3);

export function originOf(interval: CandleInterval): number {
  return interval === "W1" ? WEEK_ORIGIN : DAY_ORIGIN;
}

export function originSql(interval: CandleInterval): string {
  return interval === "W1" ? "2000-01-03T00:00:00Z" : "2000-01-01T00:00:00Z";
}

/** Start (epoch ms) of the bar of `interval` that holds instant `ms`; same as PostgreSQL date_bin. */
export function bucketStart(ms: number, interval: CandleInterval): number {
  const size = INTERVAL_MS[interval];
  const origin = originOf(interval);
  return origin + Math.floor((ms - origin) / size) * size;
}

/**
 * Each coarser interval is rolled up from a finer one that divides it exactly (and shares its
 * alignment), so a rollup is a sum of whole bars.
 */
export const ROLLUP_SOURCE: Record<Exclude<CandleInterval, "M1">, CandleInterval> = {
  M5: "M1",
  M15: "M5",
  M30: "M15",
  H1: "M30",
  H4: "H1",
  D1: "H1",
  W1: "D1",
};

export function isCandleInterval(value: string): value is CandleInterval {
  return (CANDLE_INTERVALS as readonly string[]).includes(value);
}

/** Accepts "M1" or "1m" style names (CLI flags). */
export function parseIntervalName(value: string): CandleInterval | null {
  if (isCandleInterval(value)) return value;
  const found = CANDLE_INTERVALS.find((i) => INTERVAL_LABEL[i] === value);
  return found ?? null;
}
