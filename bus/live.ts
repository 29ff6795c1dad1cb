import type { Dependencies } from "../api/dependencies.ts";
import { busNames, type UserUpdateMessage } from "./subjects.ts";

/**
 * Live updates go over core NATS, fire and forget: a subscriber that misses one still reads the
 * truth with a query. Nothing here may fail the operation that triggered it.
 */
export function publishLive(deps: Dependencies, subject: string, payload: unknown): void {
  try {
    deps.nats()?.publish(subject, JSON.stringify(payload));
  } catch (error) {
    deps.log.debug("live update not published", { subject, error: (error as Error).message });
  }
}

export class UserUpdates {
  private readonly byUser = new Map<string, { orders: Set<string>; assets: Set<string> }>();

  add(userId: string, change: { order?: string; asset?: string }): this {
    const entry = this.byUser.get(userId) ?? { orders: new Set(), assets: new Set() };
    if (change.order) entry.orders.add(change.order);
    if (change.asset) entry.assets.add(change.asset);
    this.byUser.set(userId, entry);
    return this;
  }

  publish(deps: Dependencies): void {
    const names = busNames(deps.config.namespace);
    for (const [userId, entry] of this.byUser) {
      const message: UserUpdateMessage = { orders: [...entry.orders], assets: [...entry.assets] };
      publishLive(deps, names.userSubject(userId), message);
    }
  }
}
