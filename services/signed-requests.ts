import { ed25519 } from "@noble/curves/ed25519.js";
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { badInput, DomainError, ErrorCode } from "../kernel/errors.ts";

/**
 * Signed API keys (issue 15). A key registered with an Ed25519 public key must sign every
 * request: the signature covers the timestamp, the receive window, the method, the request
 * target and the exact body bytes, so nothing can be swapped under it, and each signature is
 * accepted once (api/server.ts and api/websocket.ts claim it in Redis; see rate-limit.ts).
 *
 *   HTTP:       `${timestamp}\n${recvWindow}\n${METHOD}\n${target}\n` followed by the body bytes
 *   graphql-ws: `${timestamp}\n${recvWindow}\nGRAPHQL_WS\n${path}\n` (no body)
 *
 * `timestamp` is ms since the Unix epoch (X-Timestamp), `recvWindow` the ms it stays valid
 * either side of the server's clock (X-Recv-Window, default 5000, at most 60000; always in the
 * message, so a captured request cannot be given a wider window), `METHOD` upper case, `target`
 * the path and query string exactly as sent (`/graphql`, or `/graphql?query=…` for a GET).
 */

/** Why a signed request was refused: `extensions.reason` of its UNAUTHENTICATED error. */
export type SignatureRefusal =
  "SIGNATURE_REQUIRED" | "SIGNATURE_INVALID" | "TIMESTAMP_OUTSIDE_WINDOW" | "REPLAYED";

export const DEFAULT_RECV_WINDOW_MS = 5_000;
export const MAX_RECV_WINDOW_MS = 60_000;

/** What the client sent beside a signed key (HTTP headers or graphql-ws connectionParams). */
export interface SignatureProof {
  timestamp: string | null;
  signature: string | null;
  recvWindow: string | null;
}

/** A verified signature still to be claimed in Redis (once: a second claim is REPLAYED). */
export interface SignatureClaim {
  /** Redis key under the deployment namespace, unique to the key and the signature bytes. */
  replayKey: string;
  /** Kept at least as long as the signature could still pass the window (2 × window). */
  ttlMs: number;
}

/**
 * What authentication is given to check a signed key with: the request's proof and what it must
 * cover, or word that this is an operation on a graphql-ws socket whose connect was verified.
 */
export type RequestProof =
  { kind: "signed"; proof: SignatureProof; message: SignedMessage } | { kind: "verifiedSocket" };

/** What a signature must cover, by transport. */
export type SignedMessage =
  | { transport: "http"; method: string; target: string; body: Buffer }
  | { transport: "graphql-ws"; path: string };

export const signatureRefused = (reason: SignatureRefusal, message: string) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, `${reason}: ${message}`, { reason });

/**
 * The bytes a client signs (see the module's docstring): a pure function of its inputs, so a
 * client library can share it.
 */
export function signedMessageBytes(
  timestamp: string,
  recvWindowMs: number,
  message: SignedMessage,
): Buffer {
  if (message.transport === "graphql-ws") {
    return Buffer.from(`${timestamp}\n${recvWindowMs}\nGRAPHQL_WS\n${message.path}\n`, "utf8");
  }
  const head = `${timestamp}\n${recvWindowMs}\n${message.method.toUpperCase()}\n${message.target}\n`;
  return Buffer.concat([Buffer.from(head, "utf8"), message.body]);
}

const TIMESTAMP = /^\d{1,16}$/;
const WINDOW = /^\d{1,6}$/;
/** 64 bytes in standard or URL-safe base64, padded or not: nothing else decodes to a signature. */
const SIGNATURE = /^[A-Za-z0-9+/_-]{86}(==)?$/;
/** Messages longer than this are verified on libuv's thread pool rather than on the loop. */
const INLINE_VERIFY_BYTES = 16 * 1024;
const verifyOffLoop = promisify(verify);

/**
 * Checks a signed request against the key's public key (canonical base64 of its 32 raw bytes)
 * at `nowMs`. Returns the claim to make in Redis; nothing is stored here. Refusals are
 * UNAUTHENTICATED with `reason`: SIGNATURE_REQUIRED (no timestamp or signature),
 * TIMESTAMP_OUTSIDE_WINDOW (|now − timestamp| > window, or a malformed window), SIGNATURE_INVALID
 * (malformed, or not over this exact message). Cost: one Ed25519 verify (≈ 50 µs) over a message
 * the request guard already bounds.
 */
export async function verifySignature(
  namespace: string,
  apiKeyId: string,
  publicKey: string,
  proof: SignatureProof,
  message: SignedMessage,
  nowMs: number,
): Promise<SignatureClaim> {
  if (!proof.timestamp || !proof.signature) {
    const how =
      message.transport === "http"
        ? "send X-Timestamp and X-Signature headers"
        : "send timestamp and signature in connectionParams";
    throw signatureRefused("SIGNATURE_REQUIRED", `this API key signs its requests; ${how}`);
  }
  const recvWindowMs = recvWindowOf(proof.recvWindow);
  if (!TIMESTAMP.test(proof.timestamp)) {
    throw signatureRefused(
      "TIMESTAMP_OUTSIDE_WINDOW",
      "the timestamp must be ms since the Unix epoch",
    );
  }
  const skewMs = Math.abs(nowMs - Number(proof.timestamp));
  if (skewMs > recvWindowMs) {
    throw signatureRefused(
      "TIMESTAMP_OUTSIDE_WINDOW",
      `the timestamp is ${skewMs} ms from the server's clock; at most ${recvWindowMs} ms allowed`,
    );
  }
  const signature = SIGNATURE.test(proof.signature) ? Buffer.from(proof.signature, "base64") : null;
  if (!signature || signature.length !== 64) {
    throw signatureRefused("SIGNATURE_INVALID", "the signature must be 64 bytes in base64");
  }
  const data = signedMessageBytes(proof.timestamp, recvWindowMs, message);
  const key = publicKeyObject(publicKey);
  const ok =
    data.length <= INLINE_VERIFY_BYTES
      ? verify(null, data, key, signature)
      : await verifyOffLoop(null, data, key, signature);
  if (!ok) {
    throw signatureRefused(
      "SIGNATURE_INVALID",
      "the signature does not match this request and the key's public key",
    );
  }
  // The decoded bytes name the signature: another base64 spelling of it is the same replay.
  const digest = createHash("sha256").update(signature).digest("base64url");
  return { replayKey: `${namespace}:signed:${apiKeyId}:${digest}`, ttlMs: 2 * recvWindowMs };
}

function recvWindowOf(raw: string | null): number {
  if (raw === null || raw === "") return DEFAULT_RECV_WINDOW_MS;
  const value = WINDOW.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_RECV_WINDOW_MS)) {
    throw signatureRefused(
      "TIMESTAMP_OUTSIDE_WINDOW",
      `the receive window must be 1–${MAX_RECV_WINDOW_MS} ms`,
    );
  }
  return value;
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/**
 * Reads an Ed25519 public key given as base64 of its 32 raw bytes or as a PEM "PUBLIC KEY"
 * (SPKI) and answers the canonical form stored: base64 of the 32 raw bytes. Anything else
 * (another algorithm, a private key, bad encoding) is BAD_USER_INPUT on `publicKey` with why.
 */
export function parsePublicKey(input: string): string {
  const text = input.trim();
  if (text.length > 1_000) throw badInput("publicKey is too long for an Ed25519 key", FIELD);
  if (text.includes("PRIVATE KEY")) {
    throw badInput("publicKey is a PRIVATE key: keep it, and send its public key", FIELD);
  }
  let key: KeyObject;
  try {
    key = text.startsWith("-----BEGIN")
      ? createPublicKey({ key: text, format: "pem" })
      : createPublicKey({ key: rawKeyDer(text), format: "der", type: "spki" });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw badInput(
      "publicKey must be an Ed25519 public key: base64 of its 32 bytes, or PEM (SPKI)",
      FIELD,
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw badInput(
      `publicKey is an ${key.asymmetricKeyType ?? "unknown"} key; only Ed25519 is accepted`,
      FIELD,
    );
  }
  const der = key.export({ format: "der", type: "spki" });
  const raw = der.subarray(ED25519_SPKI_PREFIX.length);
  if (hasSmallOrder(raw)) {
    throw badInput(
      "publicKey is a weak Ed25519 point (of small order: signatures under it can be forged); generate a real key pair",
      FIELD,
    );
  }
  return raw.toString("base64");
}

/**
 * True for a point of order 1, 2, 4 or 8 (the identity, zero, and the other torsion points, in
 * any encoding), or for bytes that are not a point at all: under such a "public key" a
 * signature verifies without the private key (RFC 8032 §5.1.7 leaves rejecting them to the
 * application; libsodium does). @noble/curves does the curve arithmetic.
 */
function hasSmallOrder(raw: Uint8Array): boolean {
  try {
    return ed25519.Point.fromBytes(raw).isSmallOrder();
  } catch {
    return true;
  }
}

const FIELD = "publicKey";

function rawKeyDer(base64: string): Buffer {
  const raw = /^[A-Za-z0-9+/]{43}=?$/.test(base64) ? Buffer.from(base64, "base64") : null;
  if (!raw || raw.length !== 32) {
    throw badInput(
      "publicKey must be base64 of the 32 raw bytes of an Ed25519 public key (44 characters), or PEM",
      FIELD,
    );
  }
  return Buffer.concat([ED25519_SPKI_PREFIX, raw]);
}

/** Parsed keys, by their stored base64: verifying does not re-parse DER each request. */
const keyObjects = new Map<string, KeyObject>();
function publicKeyObject(publicKey: string): KeyObject {
  let key = keyObjects.get(publicKey);
  if (!key) {
    if (keyObjects.size > 10_000) keyObjects.clear();
    const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKey, "base64")]);
    keyObjects.set(publicKey, (key = createPublicKey({ key: der, format: "der", type: "spki" })));
  }
  return key;
}
