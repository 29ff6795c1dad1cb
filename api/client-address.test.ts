import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  const proxies = new Set(["10.0.0.1", "10.0.0.2"]);

  it("is the peer when the peer is no trusted proxy, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(request("203.0.113.9", "1.2.3.4"), proxies)).toBe("203.0.113.9");
    expect(clientAddress(request("203.0.113.9", "1.2.3.4"), new Set())).toBe("203.0.113.9");
  });

  it("behind trusted proxies, is the right-most hop they did not add", () => {
    // The client forged "6.6.6.6"; the first proxy appended the real peer 198.51.100.7.
    const forwarded = "6.6.6.6, 198.51.100.7, 10.0.0.2";
    expect(clientAddress(request("10.0.0.1", forwarded), proxies)).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.1"), proxies)).toBe("10.0.0.1");
    expect(clientAddress(request("10.0.0.1", "10.0.0.2"), proxies)).toBe("10.0.0.2");
  });
});
