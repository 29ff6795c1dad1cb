import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { createApiKey } from "./Mutation/createApiKey.ts";
import { deposit } from "./Mutation/deposit.ts";
import { login } from "./Mutation/login.ts";
import { register } from "./Mutation/register.ts";
import { revokeApiKey } from "./Mutation/revokeApiKey.ts";
import { apiKeys } from "./Query/apiKeys.ts";
import { candles } from "./Query/candles.ts";
import { ledger } from "./Query/ledger.ts";
import { markets } from "./Query/markets.ts";
import { me } from "./Query/me.ts";
import { ticker } from "./Query/ticker.ts";
import { trades } from "./Query/trades.ts";
import { wallets } from "./Query/wallets.ts";
import { DateTime, Decimal } from "./scalars.ts";
import { heartbeat } from "./Subscription/heartbeat.ts";

export const resolvers: Resolvers = {
  Decimal,
  DateTime,
  Query: { me, apiKeys, wallets, ledger, markets, candles, ticker, trades },
  Mutation: { register, login, createApiKey, revokeApiKey, deposit },
  Subscription: { heartbeat },
  LedgerEntry: { id: (entry) => entry.id.toString() },
};
