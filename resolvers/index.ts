import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { createApiKey } from "./Mutation/createApiKey.ts";
import { deposit } from "./Mutation/deposit.ts";
import { login } from "./Mutation/login.ts";
import { register } from "./Mutation/register.ts";
import { revokeApiKey } from "./Mutation/revokeApiKey.ts";
import { apiKeys } from "./Query/apiKeys.ts";
import { ledger } from "./Query/ledger.ts";
import { markets } from "./Query/markets.ts";
import { me } from "./Query/me.ts";
import { wallets } from "./Query/wallets.ts";
import { DateTime, Decimal } from "./scalars.ts";
import { heartbeat } from "./Subscription/heartbeat.ts";

export const resolvers: Resolvers = {
  Decimal,
  DateTime,
  Query: { me, apiKeys, wallets, ledger, markets },
  Mutation: { register, login, createApiKey, revokeApiKey, deposit },
  Subscription: { heartbeat },
  LedgerEntry: { id: (entry) => entry.id.toString() },
};
