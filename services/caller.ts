import type { ApiKeyRow, UserRow } from "../db/schema.ts";
import type { Guardrails } from "./guardrails.ts";
import type { SignatureClaim } from "./signed-requests.ts";

/** What an API key may be granted (READ, TRADE, WITHDRAW), as the database stores it. */
export type ApiKeyPermission = ApiKeyRow["permissions"][number];

/**
 * Who is calling, as authentication (auth.service.ts) established it; services act for this
 * caller. The API puts it in each request's context (api/context.ts).
 */
export interface Auth {
  user: UserRow;
  /** A session (Bearer token) may do everything its user may; an API key only what it grants. */
  via: "session" | "apiKey";
  apiKeyId?: string;
  /** API keys only: the addresses the key may be used from (null: any); WITHDRAW needs some. */
  allowedIps?: readonly string[] | null;
  /** Sessions only: when the token expires, in ms since the epoch. */
  sessionExpiresAt?: number;
  permissions: ReadonlySet<ApiKeyPermission>;
  /** API keys only: the key's guardrails (services/guardrails.ts), enforced on every order. */
  guardrails?: Guardrails;
  /** Signed API keys: the verified signature, to claim once in Redis (services/signed-requests.ts). */
  signatureClaim?: SignatureClaim;
  /**
   * Order and cancel tokens the request's weight charge took with it (services/request-weight.ts),
   * spent by takeOrderToken (order-throttle.ts) before it asks Redis.
   */
  prepaidOrderTokens?: Record<"place" | "cancel", number>;
}
