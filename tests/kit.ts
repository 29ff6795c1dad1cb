import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { loadConfig, type Config } from "../config/config.ts";
import { createDependencies, type Dependencies } from "../api/dependencies.ts";
import { createApiServer } from "../api/server.ts";

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
    ...overrides,
  });
}

/** A real API server on a free port, talking to the real PostgreSQL, Redis and NATS. */
export async function startApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const deps = await createDependencies(testConfig(overrides), "test-api");
  const server = await createApiServer(deps);
  const port = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/graphql`;
  const sockets: Client[] = [];
  return {
    url,
    deps,
    async gql(query, variables, headers) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    ws(connectionParams) {
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
    async stop() {
      await Promise.all(sockets.map((s) => s.dispose()));
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
