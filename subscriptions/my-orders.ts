import { busSubjects } from "../bus/subjects.ts";
import { findOrderOfUser } from "../db/orders.repository.ts";
import type { OrderRow } from "../db/schema.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { Auth } from "../services/caller.ts";
import { liveIterator } from "./live.ts";

/** The caller's orders as they change, each read again from PostgreSQL. */
export function myOrderUpdates(deps: Dependencies, auth: Auth) {
  return liveIterator(
    deps,
    busSubjects(deps.config.namespace).userSubject(auth.user.id),
    async (update) => {
      const rows = await Promise.all(
        update.orders.map((id) => findOrderOfUser(deps.db, auth.user.id, id)),
      );
      return rows.filter((row): row is OrderRow => row !== null).map((row) => ({ myOrders: row }));
    },
  );
}
