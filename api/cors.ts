import type { IncomingMessage, ServerResponse } from "node:http";

/** Request headers the API reads (or Apollo's CSRF prevention asks for) that browsers must ask to send. */
export const CORS_ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "x-api-key",
  "x-timestamp",
  "x-signature",
  "x-recv-window",
  "apollo-require-preflight",
  "x-apollo-operation-name",
].join(", ");
/** Response headers a page may read: request weight (api/request-weight.ts) and Retry-After. */
export const CORS_EXPOSED_HEADERS = [
  "x-ratelimit-used-weight",
  "x-ratelimit-limit",
  "x-ratelimit-reset",
  "x-ratelimit-scope",
  "retry-after",
].join(", ");
export const CORS_ALLOWED_METHODS = "GET, POST, OPTIONS";
/** Seconds a browser may keep a preflight's answer (Chrome caps it at 7200). */
export const CORS_MAX_AGE = 600;

/**
 * CORS for the origins of `CORS_ORIGINS` (exact `scheme://host[:port]`, no wildcard).
 * An allowed Origin gets Access-Control-Allow-Origin (itself) and -Allow-Credentials on every
 * answer, and its preflight a 204 with the methods, headers and max-age. A preflight from any
 * other origin is a 403 without CORS headers (the browser then refuses the request); its other
 * requests are answered as before, without CORS headers, so the browser hides the answer.
 * Returns true when the request was answered (a preflight).
 */
export function applyCors(
  allowed: ReadonlySet<string>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (allowed.size === 0) return false;
  res.setHeader("vary", "Origin");
  const origin = req.headers.origin;
  const preflight = req.method === "OPTIONS" && origin !== undefined;
  if (origin === undefined || !allowed.has(origin)) {
    if (!preflight) return false;
    res
      .writeHead(403, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify({ error: "origin not allowed (CORS_ORIGINS)" }));
    return true;
  }
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-allow-credentials", "true");
  if (!preflight) {
    res.setHeader("access-control-expose-headers", CORS_EXPOSED_HEADERS);
    return false;
  }
  res
    .writeHead(204, {
      "access-control-allow-methods": CORS_ALLOWED_METHODS,
      "access-control-allow-headers": CORS_ALLOWED_HEADERS,
      "access-control-max-age": String(CORS_MAX_AGE),
    })
    .end();
  return true;
}

/**
 * Whether a websocket upgrade may proceed: always when `CORS_ORIGINS` is unset; else when it has
 * no Origin (bots, servers), comes from the API's own origin (Origin's host equals the Host
 * header: GraphiQL) or from a listed origin.
 */
export function socketOriginAllowed(allowed: ReadonlySet<string>, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (allowed.size === 0 || origin === undefined || allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
