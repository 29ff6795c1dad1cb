import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { Dependencies } from "../kernel/dependencies.ts";
import { publishLive, subscribeLive } from "./live.ts";
import { busSubjects, type CredentialsRevokedMessage } from "./subjects.ts";

/**
 * Tells every API process that credentials stopped working. Fire and forget: while NATS is down
 * the sockets' periodic sweep (api/socket-credentials.ts) still closes them within about 1 s.
 */
export function publishRevocation(deps: Dependencies, message: CredentialsRevokedMessage): void {
  publishLive(deps, busSubjects(deps.config.namespace).credentialsRevokedSubject, message);
}

/**
 * Calls `handle` for each revocation published by any process (this one included); a message
 * that is not one is logged and skipped: nothing to revoke.
 */
export function subscribeRevocations(
  nc: NatsConnection,
  deps: Pick<Dependencies, "config" | "log">,
  handle: (message: CredentialsRevokedMessage) => void,
): Subscription {
  const subject = busSubjects(deps.config.namespace).credentialsRevokedSubject;
  return subscribeLive(nc, deps.log, subject, handle);
}
