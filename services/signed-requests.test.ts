import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/errors.ts";
import {
  parsePublicKey,
  signedMessageBytes,
  verifySignature,
  type SignedMessage,
} from "./signed-requests.ts";

const pair = generateKeyPairSync("ed25519");
const raw = pair.publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("base64");
const NOW = 1_700_000_000_000;
const http = (body: string): SignedMessage => ({
  transport: "http",
  method: "post",
  target: "/graphql",
  body: Buffer.from(body),
});

/** The reason of the UNAUTHENTICATED error `run` rejects with. */
async function reasonOf(run: Promise<unknown>): Promise<unknown> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).details.reason;
}

describe("signedMessageBytes", () => {
  it("is timestamp, window, METHOD, target and the exact body bytes, each line ended by \\n", () => {
    const body = Buffer.from([0x7b, 0xff, 0x0a, 0x7d]); // not valid UTF-8: kept byte for byte
    const bytes = signedMessageBytes("1700000000000", 5000, {
      transport: "http",
      method: "post",
      target: "/graphql?x=1",
      body,
    });
    expect(bytes).toEqual(
      Buffer.concat([Buffer.from("1700000000000\n5000\nPOST\n/graphql?x=1\n"), body]),
    );
    expect(
      signedMessageBytes("1", 60000, { transport: "graphql-ws", path: "/graphql" }).toString(),
    ).toBe("1\n60000\nGRAPHQL_WS\n/graphql\n");
  });
});

describe("verifySignature", () => {
  const signed = (body: string, timestamp = NOW, recvWindow = 5000) =>
    sign(
      null,
      signedMessageBytes(String(timestamp), recvWindow, http(body)),
      pair.privateKey,
    ).toString("base64");
  const proof = (body: string, timestamp = NOW, recvWindow: number | null = null) => ({
    timestamp: String(timestamp),
    signature: signed(body, timestamp, recvWindow ?? 5000),
    recvWindow: recvWindow === null ? null : String(recvWindow),
  });

  it("answers a replay key per key and signature, kept for twice the window", async () => {
    const claim = await verifySignature("ns", "key-1", raw, proof("{}"), http("{}"), NOW + 4_999);
    expect(claim.replayKey).toMatch(/^ns:signed:key-1:[A-Za-z0-9_-]{43}$/);
    expect(claim.ttlMs).toBe(10_000);
    const wide = await verifySignature("ns", "k", raw, proof("{}", NOW, 60_000), http("{}"), NOW);
    expect(wide.ttlMs).toBe(120_000);
  });

  it("refuses with the reason a client can act on", async () => {
    const check = (p: Parameters<typeof verifySignature>[3], body = "{}", now = NOW) =>
      reasonOf(verifySignature("ns", "k", raw, p, http(body), now));
    expect(await check({ timestamp: null, signature: null, recvWindow: null })).toBe(
      "SIGNATURE_REQUIRED",
    );
    expect(await check(proof("{}"), "{}", NOW + 5_001)).toBe("TIMESTAMP_OUTSIDE_WINDOW");
    expect(await check(proof("{}"), "{}", NOW - 5_001)).toBe("TIMESTAMP_OUTSIDE_WINDOW");
    expect(await check({ ...proof("{}"), timestamp: "1e12" })).toBe("TIMESTAMP_OUTSIDE_WINDOW");
    expect(await check({ ...proof("{}"), recvWindow: "60001" })).toBe("TIMESTAMP_OUTSIDE_WINDOW");
    expect(await check(proof("{}"), '{"a":1}')).toBe("SIGNATURE_INVALID");
    expect(await check({ ...proof("{}"), recvWindow: "6000" })).toBe("SIGNATURE_INVALID");
    expect(await check({ ...proof("{}"), signature: "AAAA" })).toBe("SIGNATURE_INVALID");
  });

  it("verifies a large body off the event loop the same way", async () => {
    const body = "x".repeat(100_000);
    await expect(
      verifySignature("ns", "k", raw, proof(body), http(body), NOW),
    ).resolves.toBeTruthy();
    expect(
      await reasonOf(verifySignature("ns", "k", raw, proof(body), http(`${body}y`), NOW)),
    ).toBe("SIGNATURE_INVALID");
  });
});

describe("parsePublicKey", () => {
  it("stores base64 of the raw 32 bytes, from raw base64 or PEM", () => {
    expect(parsePublicKey(raw)).toBe(raw);
    expect(parsePublicKey(` ${raw}\n`)).toBe(raw);
    expect(parsePublicKey(pair.publicKey.export({ format: "pem", type: "spki" }).toString())).toBe(
      raw,
    );
  });

  it("refuses other keys and encodings on the publicKey field, saying why", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const cases: [string, RegExp][] = [
      ["", /base64 of the 32 raw bytes/],
      [Buffer.alloc(31).toString("base64"), /32 raw bytes/],
      [raw.replace(/=$/, "").replace(/.$/, "*"), /32 raw bytes/],
      [rsa.publicKey.export({ format: "pem", type: "spki" }).toString(), /rsa key; only Ed25519/],
      [pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString(), /PRIVATE key/],
      // Small-order points: under each, a signature (R = identity, S = 0 …) needs no private key.
      [Buffer.alloc(32).toString("base64"), /weak Ed25519 point/],
      [Buffer.from([1, ...Array<number>(31).fill(0)]).toString("base64"), /weak Ed25519 point/],
      [
        Buffer.from(
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "hex",
        ).toString("base64"),
        /weak Ed25519 point/,
      ],
      [Buffer.from([0xec, ...Array<number>(30).fill(0xff), 0x7f]).toString("base64"), /weak/],
    ];
    for (const [input, message] of cases) {
      let error: unknown = null;
      try {
        parsePublicKey(input);
      } catch (e) {
        error = e;
      }
      expect(error, input).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toMatch(message);
      expect((error as DomainError).details).toEqual({ field: "publicKey" });
    }
  });
});
