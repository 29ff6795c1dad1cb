import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { loadConfig, type Config } from "../config/config.ts";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { startComponent } from "../workers/registry.ts";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; [k: string]: unknown };
  }[];
}

export interface TestApi {
  url: string;
  deps: Dependencies;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  ws(connectionParams?: Record<string, unknown>): Client;
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
    ...overrides,
  });
}

/** A typed GraphQL client of one endpoint: HTTP requests and graphql-ws sockets it closes. */
export function graphqlClient(url: string) {
  const sockets: Client[] = [];
  return {
    // Arrow functions: the test kits hand these out detached from the client.
    gql: async <T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      headers?: Record<string, string>,
    ): Promise<GraphQLResponse<T>> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    ws: (connectionParams?: Record<string, unknown>): Client => {
      const client = createClient({
        url: url.replace("http", "ws"),
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
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
  const port = server.port;
  const url = `http://127.0.0.1:${port}/graphql`;
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

export const uniqueEmail = (tag = "user") =>
  `${tag}-${randomBytes(6).toString("hex")}@example.test`;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  bearer: Record<string, string>;
}

/** Registers a fresh user through the API; each test makes its own, so tests share nothing. */
export async function newUser(api: TestApi, tag = "user"): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const res = await api.gql(
    `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
    { input: { name: tag, email, password } },
  );
  if (!res.data) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const { token, user } = res.data.register;
  return { id: user.id, email, password, token, bearer: { authorization: `Bearer ${token}` } };
}

export async function newApiKey(
  api: TestApi,
  user: TestUser,
  permissions: string[],
): Promise<{ id: string; secret: string; header: Record<string, string> }> {
  const res = await api.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name: "test key", permissions } },
    user.bearer,
  );
  if (!res.data) throw new Error(`createApiKey failed: ${JSON.stringify(res.errors)}`);
  const { secret, apiKey } = res.data.createApiKey;
  return { id: apiKey.id, secret, header: { "x-api-key": secret } };
}

export const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/** A fresh user with the given deposits made through the demo faucet. */
export async function fundedUser(
  api: TestApi,
  tag: string,
  deposits: Record<string, string>,
): Promise<TestUser> {
  const user = await newUser(api, tag);
  for (const [asset, amount] of Object.entries(deposits)) {
    const res = await api.gql(
      `mutation($a: String!, $m: Decimal!) { deposit(input: { asset: $a, amount: $m }) { available } }`,
      { a: asset, m: amount },
      user.bearer,
    );
    if (res.errors) throw new Error(`deposit failed: ${JSON.stringify(res.errors)}`);
  }
  return user;
}
