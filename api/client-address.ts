import type { IncomingMessage } from "node:http";

/**
 * The address a request comes from, as throttles count it. The peer of the socket, unless that
 * peer is one of `trustedProxies` (config TRUSTED_PROXIES): then the right-most address in
 * X-Forwarded-For that is not itself a trusted proxy, since every proxy appends the peer it saw
 * and only the entries our own proxies added can be believed.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (!trustedProxies.has(peer)) return peer;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0 && hop.length <= 64);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trustedProxies.has(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}
