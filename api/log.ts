import type { Config } from "../config/config.ts";

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;
/** Field names whose values never reach a log line, at any depth. */
const SECRET_FIELDS = /pass(word)?|secret|token|authorization|api-?key|hash/i;

/** One JSON line per event on stderr; secrets are replaced before writing. */
export function createLog(config: Pick<Config, "logLevel">, component: string): Log {
  const threshold = LEVELS.indexOf(config.logLevel);
  const write = (
    level: (typeof LEVELS)[number],
    message: string,
    fields?: Record<string, unknown>,
  ) => {
    if (LEVELS.indexOf(level) < threshold) return;
    const line = { time: new Date().toISOString(), level, component, message, ...redact(fields) };
    process.stderr.write(`${JSON.stringify(line, jsonSafe)}\n`);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}

export function redact(value: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!value) return {};
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key && SECRET_FIELDS.test(key) ? "[redacted]" : jsonSafe(key, v),
    ),
  ) as Record<string, unknown>;
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
