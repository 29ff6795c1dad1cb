import { describe, expect, it } from "vitest";
import { throttleAddress } from "./rate-limit.ts";

describe("throttleAddress", () => {
  it("counts IPv4 as is, IPv4-mapped as IPv4, and IPv6 by its /64", () => {
    expect(throttleAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("::1")).toBe("0:0:0:0::/64");
    expect(throttleAddress("unknown")).toBe("unknown");
  });
});
