import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { Dependencies } from "../api/dependencies.ts";
import { publishLive } from "./live.ts";
import { busNames, type CredentialsRevokedMessage } from "./subjects.ts";

/**
 * Tells every API process that credentials stopped working. Fire and forget: while NATS is down
 * the sockets' periodic sweep (subscriptions/credentials.ts) still closes them within about 1 s.
 */
export function publishRevocation(deps: Dependencies, message: CredentialsRevokedMessage): void {
  publishLive(deps, busNames(deps.config.namespace).credentialsRevokedSubject, message);
}

/** Calls `handle` for each revocation published by any process (this one included). */
export function subscribeRevocations(
  nc: NatsConnection,
  namespace: string,
  handle: (message: CredentialsRevokedMessage) => void,
): Subscription {
  return nc.subscribe(busNames(namespace).credentialsRevokedSubject, {
    callback: (error, msg) => {
      if (error) return;
      let message: CredentialsRevokedMessage;
      try {
        message = msg.json<CredentialsRevokedMessage>();
      } catch {
        return; // not one of ours: nothing to revoke
      }
      handle(message);
    },
  });
}
