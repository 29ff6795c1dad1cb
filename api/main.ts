import { loadConfig } from "../config/config.ts";
import { redactUrl } from "../db/client.ts";
import { createDependencies } from "./dependencies.ts";
import { createApiServer } from "./server.ts";

/** Runs the GraphQL API alone (several copies may run against the same stores). */
export async function runApi(options: { announce?: boolean } = {}) {
  const config = loadConfig();
  const deps = await createDependencies(config, "api", { poolSize: 20 });
  const server = await createApiServer(deps);
  const port = await server.listen(config.port, config.host);
  deps.log.info("api listening", { port, database: redactUrl(config.databaseUrl) });
  if (options.announce !== false) {
    console.log(
      `\nEventHub GraphQL API: http://localhost:${port}/graphql  (open it in a browser for GraphiQL)`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info("shutting down", { signal });
    await server.stop();
    await deps.close();
  };
  return { port, stop, deps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const api = await runApi();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void api.stop(signal).then(() => process.exit(0)));
  }
}
