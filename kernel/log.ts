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
    process.stderr.write(`${scrub(JSON.stringify(line, jsonSafe))}\n`);
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
  if (value instanceof Error) return describeError(value);
  return value;
}

/**
 * An error as the log may show it. Database errors carry what was sent: drizzle's message holds
 * the SQL text and every parameter (a password hash being registered, an email), pg's `detail`
 * the conflicting values. Kept: name, SQLSTATE code, constraint, the message with quoted values
 * cut, the stack's frames, and the cause described the same way.
 */
export function describeError(error: Error, depth = 0): Record<string, unknown> {
  const e = error as Error & { code?: unknown; constraint?: unknown; cause?: unknown };
  const queryFailed = e.message.startsWith("Failed query:");
  const described: Record<string, unknown> = {
    name: e.name,
    message: queryFailed ? "Failed query (text and parameters withheld)" : cutValues(e.message),
  };
  if (typeof e.code === "string" || typeof e.code === "number") described.code = e.code;
  if (typeof e.constraint === "string") described.constraint = e.constraint;
  const frames = (e.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
  if (frames.length > 0) described.stack = frames.join("\n");
  if (e.cause instanceof Error && depth < 3) described.cause = describeError(e.cause, depth + 1);
  return described;
}

/** `invalid input syntax for type uuid: "…"` keeps its words and loses the value. */
function cutValues(message: string): string {
  const firstLine = message.split("\n", 1)[0]!.slice(0, 300);
  return firstLine.replace(/: ".*$/, ': "[value withheld]"');
}

/** Last line of defence on every log line: shapes of secrets and personal data never pass. */
const SECRET_SHAPES: [RegExp, string][] = [
  [/scrypt\$[0-9$]*[A-Za-z0-9+/=$]*/g, "[password hash]"],
  [/ehk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{20,}/g, "[api key]"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, "[token]"],
  [/\b[0-9a-f]{64}\b/g, "[hash]"],
];
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b/g; // not user@127.0.0.1 of a URL

export function scrub(line: string): string {
  let out = line;
  for (const [shape, label] of SECRET_SHAPES) out = out.replace(shape, label);
  return out.includes("@") ? out.replace(EMAIL, "[email]") : out;
}
