import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { cancelOrder } from "./Mutation/cancelOrder.ts";
import { cancelOrders } from "./Mutation/cancelOrders.ts";
import { createAsset } from "./Mutation/createAsset.ts";
import { createMarket } from "./Mutation/createMarket.ts";
import { setMarketStatus } from "./Mutation/setMarketStatus.ts";
import { updateMarket } from "./Mutation/updateMarket.ts";
import { auditLog } from "./Query/auditLog.ts";
import { changePassword } from "./Mutation/changePassword.ts";
import { createApiKey } from "./Mutation/createApiKey.ts";
import { deposit } from "./Mutation/deposit.ts";
import { login } from "./Mutation/login.ts";
import { placeOrder } from "./Mutation/placeOrder.ts";
import { placeOrders } from "./Mutation/placeOrders.ts";
import { register } from "./Mutation/register.ts";
import { revokeApiKey } from "./Mutation/revokeApiKey.ts";
import { approveWithdrawal } from "./Mutation/approveWithdrawal.ts";
import { rejectWithdrawal } from "./Mutation/rejectWithdrawal.ts";
import { requestWithdrawal } from "./Mutation/requestWithdrawal.ts";
import { setVerificationLevel } from "./Mutation/setVerificationLevel.ts";
import { adminWithdrawals } from "./Query/adminWithdrawals.ts";
import { withdrawals } from "./Query/withdrawals.ts";
import { User } from "./User.ts";
import { ApiKey } from "./ApiKey.ts";
import { previewOrder } from "./Query/previewOrder.ts";
import { recordAgentToolCall } from "./Mutation/recordAgentToolCall.ts";
import { setApiKeyGuardrails } from "./Mutation/setApiKeyGuardrails.ts";
import { feeTiers } from "./Query/feeTiers.ts";
import { setFeeTiers } from "./Mutation/setFeeTiers.ts";
import { apiKeys } from "./Query/apiKeys.ts";
import { candles } from "./Query/candles.ts";
import { ledger } from "./Query/ledger.ts";
import { rateLimits } from "./Query/rateLimits.ts";
import { markets } from "./Query/markets.ts";
import { me } from "./Query/me.ts";
import { myTrades } from "./Query/myTrades.ts";
import { order } from "./Query/order.ts";
import { orderBook } from "./Query/orderBook.ts";
import { orders } from "./Query/orders.ts";
import { ticker } from "./Query/ticker.ts";
import { trades } from "./Query/trades.ts";
import { wallets } from "./Query/wallets.ts";
import { cacheIds } from "./cache-ids.ts";
import { withLocatedRefusals } from "./located-refusals.ts";
import { Order } from "./Order.ts";
import { DateTime, Decimal } from "./scalars.ts";
import { candles as candleUpdates } from "./Subscription/candles.ts";
import { heartbeat } from "./Subscription/heartbeat.ts";
import { myOrders } from "./Subscription/myOrders.ts";
import { myWallets } from "./Subscription/myWallets.ts";
import { orderBook as orderBookUpdates } from "./Subscription/orderBook.ts";
import { orderBookTop } from "./Subscription/orderBookTop.ts";
import { ticker as tickerUpdates } from "./Subscription/ticker.ts";
import { trades as tradeUpdates } from "./Subscription/trades.ts";

export const resolvers: Resolvers = {
  Decimal,
  DateTime,
  Query: {
    me,
    apiKeys,
    wallets,
    ledger,
    markets,
    order,
    orders,
    myTrades,
    orderBook,
    candles,
    ticker,
    trades,
    withdrawals,
    adminWithdrawals,
    auditLog,
    feeTiers,
    rateLimits,
    previewOrder,
  },
  // Refusals without stacks (located-refusals.ts): mutations are where clients meet them most.
  Mutation: refusalsLocated({
    register,
    login,
    changePassword,
    createApiKey,
    revokeApiKey,
    deposit,
    placeOrder,
    placeOrders,
    cancelOrder,
    cancelOrders,
    createAsset,
    createMarket,
    updateMarket,
    setMarketStatus,
    requestWithdrawal,
    approveWithdrawal,
    rejectWithdrawal,
    setVerificationLevel,
    setFeeTiers,
    setApiKeyGuardrails,
    recordAgentToolCall,
  }),
  Subscription: {
    heartbeat,
    orderBook: orderBookUpdates,
    orderBookTop,
    trades: tradeUpdates,
    candles: candleUpdates,
    ticker: tickerUpdates,
    myOrders,
    myWallets,
  },
  LedgerEntry: { id: (entry) => entry.id.toString() },
  ...cacheIds,
  Order,
  User,
  ApiKey,
};

function refusalsLocated<T extends Record<string, unknown>>(resolvers: T): T {
  return Object.fromEntries(
    Object.entries(resolvers).map(([field, resolve]) => [
      field,
      typeof resolve === "function" ? withLocatedRefusals(resolve) : resolve,
    ]),
  ) as T;
}
