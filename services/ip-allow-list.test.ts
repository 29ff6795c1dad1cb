import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/errors.ts";
import { ipAllowed, MAX_ALLOWED_IPS, parseAllowedIps } from "./ip-allow-list.ts";

const refusal = (entries: string[]) => {
  try {
    parseAllowedIps(entries);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.details.field, message: error.message };
  }
  throw new Error(`accepted ${JSON.stringify(entries)}`);
};

describe("parseAllowedIps", () => {
  it("accepts addresses and ranges of both families, canonical and without duplicates", () => {
    expect(
      parseAllowedIps([
        " 203.0.113.7 ",
        "198.51.100.0/24",
        "2001:DB8::1",
        "2001:db8:abcd::/48",
        "::ffff:192.0.2.1",
        "203.0.113.7",
        "10.0.0.0/08",
      ]),
    ).toEqual([
      "203.0.113.7",
      "198.51.100.0/24",
      "2001:db8::1",
      "2001:db8:abcd::/48",
      "::ffff:192.0.2.1",
      "10.0.0.0/8",
    ]);
  });

  it.each([
    [[] as string[], "at least one"],
    [Array.from({ length: MAX_ALLOWED_IPS + 1 }, (_, i) => `10.0.0.${i}`), "at most 20"],
    [[""], "not an IP"],
    [["localhost"], "not an IP"],
    [["1.2.3"], "not an IP"],
    [["1.2.3.04"], "not an IP"],
    [["256.1.1.1"], "not an IP"],
    [["1.2.3.4/33"], "prefix outside"],
    [["1.2.3.4/"], "prefix outside"],
    [["1.2.3.4/-1"], "prefix outside"],
    [["1.2.3.4/8/8"], "not an IP"],
    [["2001:db8::/129"], "prefix outside"],
    [["0.0.0.0/0"], "wider than /8"],
    [["10.0.0.0/7"], "wider than /8"],
    [["::/0"], "wider than /32"],
    // Ranges of IPv4-mapped addresses match IPv4 clients: measured as IPv4.
    [["::/32"], "IPv4-mapped"],
    [["::ffff:0:0/96"], "IPv4-mapped"],
    [["::ffff:10.0.0.0/103"], "IPv4-mapped"],
    [["fe80::1%eth0"], "not an IP"],
    [["x".repeat(60)], "not an IP"],
  ])("refuses %j: BAD_USER_INPUT on allowedIps (%s)", (entries, words) => {
    const error = refusal(entries);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "allowedIps" });
    expect(error.message).toContain(words);
  });
});

describe("ipAllowed", () => {
  const list = parseAllowedIps(["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]);

  it.each([
    ["203.0.113.7", true],
    ["203.0.113.8", false],
    ["198.51.100.255", true],
    ["198.51.101.0", false],
    ["::ffff:203.0.113.7", true],
    ["::ffff:203.0.113.8", false],
    ["2001:db8:1::5", true],
    ["2001:db9::5", false],
    ["127.0.0.1", false],
    ["unknown", false],
    ["", false],
  ])("%s → %s", (ip, allowed) => {
    expect(ipAllowed(list, ip)).toBe(allowed);
  });

  it("an IPv4-mapped range of /8 of IPv4 or narrower is accepted and matches IPv4 clients", () => {
    const mapped = parseAllowedIps(["::ffff:10.0.0.0/104", "64:ff9b::/96"]);
    expect(ipAllowed(mapped, "10.200.0.1")).toBe(true);
    expect(ipAllowed(mapped, "11.0.0.1")).toBe(false);
  });

  it("an IPv4-mapped entry matches the plain IPv4 address", () => {
    expect(ipAllowed(parseAllowedIps(["::ffff:127.0.0.1"]), "127.0.0.1")).toBe(true);
  });
});
