import { randomBytes } from "node:crypto";
import type { ApiKeyPermission } from "../../client/generated/graphql.ts";
import { CREATE_API_KEY, DEPOSIT, REGISTER } from "../../client/index.ts";
import type { TestApi } from "./api.ts";

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
export async function newUser(api: Pick<TestApi, "gql">, tag = "user"): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const res = await api.gql(REGISTER, { input: { name: tag, email, password } });
  if (!res.data) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const { token, user } = res.data.register;
  return { id: user.id, email, password, token, bearer: { authorization: `Bearer ${token}` } };
}

/** A new API key of the user's; `allowedIps` binds it to those addresses (else any). */
export async function newApiKey(
  api: Pick<TestApi, "gql">,
  user: TestUser,
  permissions: ApiKeyPermission[],
  allowedIps?: string[],
): Promise<{ id: string; secret: string; header: Record<string, string> }> {
  const res = await api.gql(
    CREATE_API_KEY,
    { input: { name: "test key", permissions, allowedIps } },
    user.bearer,
  );
  if (!res.data) throw new Error(`createApiKey failed: ${JSON.stringify(res.errors)}`);
  const { secret, apiKey } = res.data.createApiKey;
  return { id: apiKey.id, secret, header: { "x-api-key": secret } };
}

/** Deposits through the demo faucet; throws when the API refuses. */
export async function deposit(
  api: Pick<TestApi, "gql">,
  headers: Record<string, string>,
  deposits: Record<string, string>,
): Promise<void> {
  for (const [asset, amount] of Object.entries(deposits)) {
    const res = await api.gql(DEPOSIT, { asset, amount }, headers);
    if (res.errors) throw new Error(`deposit failed: ${JSON.stringify(res.errors)}`);
  }
}

/** A fresh user with the given deposits made through the demo faucet. */
export async function fundedUser(
  api: Pick<TestApi, "gql">,
  tag: string,
  deposits: Record<string, string>,
): Promise<TestUser> {
  const user = await newUser(api, tag);
  await deposit(api, user.bearer, deposits);
  return user;
}
