import type { ApiKeyPermission } from "../schema/generated/resolvers-types.ts";
import type { UserRow } from "../db/schema.ts";
import type { Dependencies } from "./dependencies.ts";
import { forbidden, unauthenticated } from "./errors.ts";

export interface Auth {
  user: UserRow;
  /** A session (Bearer token) may do everything its user may; an API key only what it grants. */
  via: "session" | "apiKey";
  apiKeyId?: string;
  /** Sessions only: when the token expires, in ms since the epoch. */
  sessionExpiresAt?: number;
  permissions: ReadonlySet<ApiKeyPermission>;
}

export interface RequestContext {
  deps: Dependencies;
  auth: Auth | null;
  ip: string;
}

export function requireUser(ctx: RequestContext): Auth {
  if (!ctx.auth) throw unauthenticated();
  return ctx.auth;
}

export function requirePermission(ctx: RequestContext, permission: ApiKeyPermission): Auth {
  const auth = requireUser(ctx);
  if (!auth.permissions.has(permission)) {
    throw forbidden(`This API key lacks the ${permission} permission`);
  }
  return auth;
}

/** Managing API keys needs the person, not one of their keys. */
export function requireSession(ctx: RequestContext): Auth {
  const auth = requireUser(ctx);
  if (auth.via !== "session") throw forbidden("Sign in with a session token to manage API keys");
  return auth;
}
