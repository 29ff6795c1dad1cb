import type { Dependencies } from "../kernel/dependencies.ts";
import { forbidden, unauthenticated } from "../kernel/errors.ts";
import type { ApiKeyPermission, Auth } from "../services/caller.ts";

/** What every resolver receives (codegen's `contextType`): built per request or operation. */
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

/**
 * Admin fields (issue 13): a user with role ADMIN, through a session only — an API key, whatever
 * it grants, never administers the exchange. Anyone else gets FORBIDDEN (anonymous:
 * UNAUTHENTICATED).
 */
export function requireAdmin(ctx: RequestContext): Auth {
  const auth = requireUser(ctx);
  if (auth.user.role !== "ADMIN") throw forbidden("Only an administrator may do this");
  if (auth.via !== "session") throw forbidden("Administer with a session token, not an API key");
  return auth;
}
