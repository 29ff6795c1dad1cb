import type pg from "pg";

/** What still stands of the credentials held by open sockets (one process's sweep). */
export interface LiveCredentials {
  /** Existing users among those asked, with their current session version. */
  sessionVersions: Map<string, number>;
  /** API keys among those asked that exist and are not revoked. */
  activeApiKeys: Set<string>;
}

/**
 * One statement for every socket of a process, run about once a second: which of these users
 * still exist (and their session version), which of these API keys still work. Catches
 * deletions and revocations made outside the API (SQL), which publish nothing.
 */
export async function findLiveCredentials(
  pool: pg.Pool,
  ids: { userIds: string[]; apiKeyIds: string[] },
): Promise<LiveCredentials> {
  const { rows } = await pool.query<{ kind: "user" | "key"; id: string; version: number | null }>({
    name: "find_live_credentials",
    text: `SELECT 'user' AS kind, u.id::text AS id, u.session_version AS version
             FROM users u WHERE u.id = ANY($1::uuid[])
           UNION ALL
           SELECT 'key', k.id::text, NULL
             FROM api_keys k WHERE k.id = ANY($2::uuid[]) AND k.revoked_at IS NULL`,
    values: [ids.userIds, ids.apiKeyIds],
  });
  const live: LiveCredentials = { sessionVersions: new Map(), activeApiKeys: new Set() };
  for (const row of rows) {
    if (row.kind === "user") live.sessionVersions.set(row.id, row.version ?? 0);
    else live.activeApiKeys.add(row.id);
  }
  return live;
}
