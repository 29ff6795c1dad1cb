import { BlockList, isIP } from "node:net";
import { badInput } from "../kernel/errors.ts";

/** Most entries one API key's allow-list may hold. */
export const MAX_ALLOWED_IPS = 20;
/**
 * Widest ranges accepted: a wider one restricts almost nothing (0.0.0.0/0 would make a key that
 * needs an allow-list to withdraw work from anywhere).
 */
const MIN_PREFIX = { 4: 8, 6: 32 } as const;
/** Longest entry: a full IPv6 address with an embedded IPv4 and a prefix is 49 characters. */
const MAX_ENTRY_LENGTH = 50;

/**
 * Checks an API key's allow-list and answers it in canonical form (trimmed, IPv6 lower-case,
 * duplicates dropped): 1–20 entries, each an IPv4 or IPv6 address (`203.0.113.7`, `2001:db8::1`)
 * or a CIDR range (`203.0.113.0/24`, `2001:db8::/48`) no wider than /8 (IPv4) or /32 (IPv6).
 * Anything else is BAD_USER_INPUT on `allowedIps`, naming the entry.
 */
export function parseAllowedIps(entries: readonly string[]): string[] {
  if (entries.length === 0) {
    throw badInput("allowedIps must list at least one address; leave it out to allow any", FIELD);
  }
  if (entries.length > MAX_ALLOWED_IPS) {
    throw badInput(`allowedIps holds at most ${MAX_ALLOWED_IPS} entries`, FIELD);
  }
  return [...new Set(entries.map(parseEntry))];
}

const FIELD = "allowedIps";

function parseEntry(raw: string): string {
  const entry = raw.trim().toLowerCase();
  const shown = JSON.stringify(raw.length > MAX_ENTRY_LENGTH ? `${raw.slice(0, 20)}…` : raw);
  const refuse = (why: string) => badInput(`allowedIps: ${shown} ${why}`, FIELD);
  if (entry.length === 0 || entry.length > MAX_ENTRY_LENGTH) {
    throw refuse("is not an IP address or CIDR range");
  }
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  // A zone ("fe80::1%eth0") names an interface of the server, not a client.
  if ((family !== 4 && family !== 6) || address.includes("%") || rest.length > 0) {
    throw refuse("is not an IP address or CIDR range");
  }
  if (prefix === undefined) return address;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  const max = family === 4 ? 32 : 128;
  if (!(bits >= 0 && bits <= max)) throw refuse(`has a prefix outside /0–/${max}`);
  if (bits < MIN_PREFIX[family]) {
    throw refuse(`is wider than /${MIN_PREFIX[family]}; list narrower ranges`);
  }
  // IPv4 clients are matched against IPv6 ranges as ::ffff:a.b.c.d too: a range reaching into
  // ::ffff:0:0/96 must be no wider than /8 of IPv4 (::/32 or ::ffff:0:0/96 would allow them all).
  const ipv4Bits = family === 6 ? mappedIpv4Prefix(address, bits) : null;
  if (ipv4Bits !== null && ipv4Bits < MIN_PREFIX[4]) {
    throw refuse(`covers IPv4-mapped addresses wider than /${MIN_PREFIX[4]}; list narrower ranges`);
  }
  return `${address}/${bits}`;
}

/** IPv4-mapped IPv6 addresses, which BlockList matches against IPv4 clients. */
const MAPPED_PREFIX = 96;
const MAPPED = new BlockList();
MAPPED.addSubnet("::ffff:0:0", MAPPED_PREFIX, "ipv6");

/**
 * How much of IPv4 the IPv6 range `address`/`bits` covers through ::ffff:0:0/96, as an IPv4
 * prefix length (0: all of it), or null when it covers no IPv4-mapped address.
 */
function mappedIpv4Prefix(address: string, bits: number): number | null {
  if (bits > MAPPED_PREFIX) return MAPPED.check(address, "ipv6") ? bits - MAPPED_PREFIX : null;
  const range = new BlockList();
  range.addSubnet(address, bits, "ipv6");
  return range.check("::ffff:0:0", "ipv6") ? 0 : null;
}

/**
 * Whether `ip` (as api/client-address.ts found it) is in the allow-list, whose entries
 * `parseAllowedIps` made. IPv4-mapped IPv6 (`::ffff:203.0.113.7`) matches the IPv4 entries and
 * the reverse. An address that is not an IP (a peer the server could not name) matches nothing.
 */
export function ipAllowed(allowed: readonly string[], ip: string): boolean {
  const family = isIP(ip);
  if (family !== 4 && family !== 6) return false;
  const list = new BlockList();
  for (const entry of allowed) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    try {
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    } catch {
      // An entry written to the database by hand and unreadable allows nothing.
    }
  }
  return list.check(ip, family === 4 ? "ipv4" : "ipv6");
}
