import { busSubjects } from "../bus/subjects.ts";
import { listWalletsOfUser } from "../db/wallets.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { Auth } from "../services/caller.ts";
import { liveIterator } from "./live.ts";

/** The caller's wallets as their balances change, each read again from PostgreSQL. */
export function myWalletUpdates(deps: Dependencies, auth: Auth) {
  return liveIterator(
    deps,
    busSubjects(deps.config.namespace).userSubject(auth.user.id),
    async (update) => {
      if (update.assets.length === 0) return [];
      const wallets = await listWalletsOfUser(deps.db, auth.user.id);
      return wallets
        .filter((w) => update.assets.includes(w.asset))
        .map((wallet) => ({ myWallets: wallet }));
    },
  );
}
