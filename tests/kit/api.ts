import { inject } from "vitest";
import type { Client } from "graphql-ws";
import type { TypedDocumentString } from "../../client/generated/graphql.ts";
import {
  httpClient,
  socketClient,
  type GraphQLResponse,
  type Headers,
  type RequestArgs,
} from "../../client/index.ts";
import { loadConfig, type Config } from "../../config/config.ts";
import { createDependencies, type Dependencies } from "../../kernel/dependencies.ts";
import { startComponent } from "../../workers/registry.ts";

export type { GraphQLResponse, Headers } from "../../client/index.ts";

/** A GraphQL client of one endpoint: HTTP requests and graphql-ws sockets it closes. */
export type TestClient = ReturnType<typeof graphqlClient>;

export interface TestApi extends Omit<TestClient, "close"> {
  url: string;
  deps: Dependencies;
  stop(): Promise<void>;
}

/** The test run's configuration: its own database and Redis/NATS namespace. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: inject("databaseUrl"),
    EVENTHUB_NAMESPACE: inject("namespace"),
    JWT_SECRET: "test-secret-test-secret-test-secret-0123",
    LOG_LEVEL: "warn",
    PORT: "0",
    HOST: "127.0.0.1",
    // Every test registers users and trades from 127.0.0.1 at once: the limits are measured in
    // tests/limits.test.ts, with their own overrides and namespace.
    REGISTRATIONS_PER_IP_HOUR: "1000000",
    ORDER_RATE_PER_SECOND: "1000000",
    ORDER_BURST: "1000000",
    RATE_LIMIT_KEY_WEIGHT_PER_MINUTE: "1000000000",
    RATE_LIMIT_USER_WEIGHT_PER_MINUTE: "1000000000",
    RATE_LIMIT_IP_WEIGHT_PER_MINUTE: "1000000000",
    ...overrides,
  });
}

export function graphqlClient(url: string) {
  const http = httpClient(url);
  const sockets: Client[] = [];
  /**
   * A document made by `graphql()` answers data of its type; raw text (the hostile tests'
   * malformed documents and wrong variables) answers data of unknown shape.
   */
  function gql<TData, TVariables>(
    document: TypedDocumentString<TData, TVariables>,
    ...args: RequestArgs<TVariables>
  ): Promise<GraphQLResponse<TData>>;
  function gql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Headers,
  ): Promise<GraphQLResponse<Record<string, unknown>>>;
  function gql(
    query: TypedDocumentString<unknown, unknown> | string,
    variables?: unknown,
    headers?: Headers,
  ) {
    return typeof query === "string"
      ? http.requestText(query, variables, headers)
      : http.request(query, variables, headers);
  }
  return {
    // Arrow functions and a plain function: the test kits hand these out detached.
    gql,
    ws: (connectionParams?: Record<string, unknown>): Client => {
      const client = socketClient(url, connectionParams);
      sockets.push(client);
      return client;
    },
    async close() {
      await Promise.all(sockets.map(async (s) => s.dispose()));
    },
  };
}

/** A real API server on a free port, talking to the real PostgreSQL, Redis and NATS. */
export async function startApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const deps = await createDependencies(testConfig(overrides), "test-api");
  const server = await startComponent("api", deps, { port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${server.port}/graphql`;
  const client = graphqlClient(url);
  return {
    url,
    deps,
    gql: client.gql,
    ws: client.ws,
    async stop() {
      await client.close();
      await server.stop();
      await deps.close();
    },
  };
}

/** The code of an answer's first error. */
export const codeOf = (res: Pick<GraphQLResponse, "errors">) => res.errors?.[0]?.extensions?.code;
