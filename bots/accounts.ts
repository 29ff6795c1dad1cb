import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ApiError } from "../client/errors.ts";
import { createExchangeClient } from "../client/exchange-client.ts";
import { ME } from "../client/operations.ts";
import { findUserByEmail, insertUser } from "../db/users.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys.service.ts";

/** Development only: bots' API keys live here (git-ignored, mode 600), one file per namespace. */
export const DEFAULT_KEY_DIR = resolve(import.meta.dirname, "../.cache/bots");

/** A bot's account: its email (the bot's name) and its TRADE key's secret. */
export interface BotAccount {
  email: string;
  apiKey: string;
}

/**
 * The bot users `emails` with a working TRADE API key each. A user is made like the fee account
 * (no password can log in: the hash matches none) the first time; its key's secret is kept in
 * `<keyDir>/<namespace>.json` and reused while the API still accepts it, else the user's old keys
 * are revoked and a new one made. Trading then goes through the public API with that key only.
 */
export async function ensureBotAccounts(
  deps: Dependencies,
  options: { url: string; emails: readonly string[]; keyDir?: string },
): Promise<BotAccount[]> {
  const keyDir = options.keyDir ?? DEFAULT_KEY_DIR;
  const file = join(keyDir, `${deps.config.namespace}.json`);
  const saved: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)
    : {};
  const accounts: BotAccount[] = [];
  for (const email of options.emails) {
    const known = saved[email];
    if (known && (await keyWorks(options.url, known))) {
      accounts.push({ email, apiKey: known });
      continue;
    }
    const user =
      (await insertUser(deps.db, {
        name: `Demo bot ${email.split("@")[0]}`,
        email,
        passwordHash: "!",
      })) ?? (await findUserByEmail(deps.db, email));
    if (!user) throw new Error(`bot user ${email} could not be made`);
    for (const key of await listApiKeys(deps, user.id)) {
      if (!key.revokedAt) await revokeApiKey(deps, user.id, key.id);
    }
    const { secret } = await createApiKey(deps, user.id, {
      name: "demo bot",
      permissions: ["TRADE"],
    });
    saved[email] = secret;
    accounts.push({ email, apiKey: secret });
  }
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return accounts;
}

async function keyWorks(url: string, apiKey: string): Promise<boolean> {
  try {
    const { me } = await createExchangeClient({ url, credentials: { apiKey } }).request(ME);
    return me !== null;
  } catch (error) {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return false;
    throw error;
  }
}
