import { createApiServer } from "../api/server.ts";
import { redactUrl } from "../db/client.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { loadSchema } from "../resolvers/schema.ts";
import { sharedFeeds } from "../resolvers/Subscription/feeds.ts";

export interface ApiSettings {
  /** Port to listen on; null for the configured PORT (0 picks a free one). */
  port: number | null;
  /** Interface to bind; null for the configured HOST. */
  host: string | null;
}

export const defaults: ApiSettings = { port: null, host: null };

/**
 * The GraphQL API: the transport of api/ serving the schema and resolvers of resolvers/ over
 * HTTP and graphql-ws on one port. Several copies may run against the same stores. `stop` stops
 * taking requests and lets running ones and sockets finish.
 */
export async function start(deps: Dependencies, settings: ApiSettings) {
  const server = await createApiServer(deps, loadSchema(), {
    sharedFeeds,
    jit: deps.config.graphqlJit,
  });
  const port = await server.listen(
    settings.port ?? deps.config.port,
    settings.host ?? deps.config.host,
  );
  deps.log.info("api listening", { port, database: redactUrl(deps.config.databaseUrl) });
  /** `readCache`: the public reads' cache (null when READ_CACHE_MAX_AGE_MS is 0), for tests. */
  return { port, readCache: server.readCache, stop: () => server.stop() };
}
