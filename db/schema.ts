import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  OPEN_ORDER_STATUSES,
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  SELF_TRADE_PREVENTIONS,
  TIMES_IN_FORCE,
} from "../domain/order-kinds.ts";
import { sqlStrings } from "./sql-strings.ts";

/** Every money column: exact, 20 integer digits and 18 decimal places (money/decimal.ts SCALE). */
const money = (name: string) => numeric(name, { precision: 38, scale: 18 });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", ["USER", "ADMIN", "SYSTEM"]);
export const apiKeyPermissionEnum = pgEnum("api_key_permission", ["READ", "TRADE", "WITHDRAW"]);
/**
 * TRADING: orders and cancels. CANCEL_ONLY: cancels only. HALTED: nothing is matched; cancels
 * still work. Set by `setMarketStatus`, sequenced with orders on the market's command stream.
 */
export const marketStatusEnum = pgEnum("market_status", ["TRADING", "CANCEL_ONLY", "HALTED"]);
export const withdrawalStatusEnum = pgEnum("withdrawal_status", [
  "PENDING",
  "COMPLETED",
  "REJECTED",
]);
export const orderSideEnum = pgEnum("order_side", ORDER_SIDES);
export const orderTypeEnum = pgEnum("order_type", ORDER_TYPES);
export const timeInForceEnum = pgEnum("time_in_force", TIMES_IN_FORCE);
export const selfTradePreventionEnum = pgEnum("self_trade_prevention", SELF_TRADE_PREVENTIONS);
export const orderStatusEnum = pgEnum("order_status", ORDER_STATUSES);
export const ledgerReasonEnum = pgEnum("ledger_reason", [
  "DEPOSIT",
  "WITHDRAWAL",
  "ORDER_LOCK",
  "ORDER_UNLOCK",
  "TRADE",
  "FEE",
  "FEE_INCOME",
  /** A withdrawal request moves amount + fee from available to locked. */
  "WITHDRAWAL_LOCK",
  /** A rejected withdrawal moves them back. */
  "WITHDRAWAL_UNLOCK",
]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: varchar("name", { length: 100 }).notNull(),
    email: varchar("email", { length: 255 }).notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull().default("USER"),
    verificationLevel: integer("verification_level").notNull().default(0),
    /** Fee tier (fee_tiers.tier) from the user's 30-day volume; 0 = the markets' own fees. */
    feeTier: integer("fee_tier").notNull().default(0),
    /** Raised by a password change; session tokens carry it (`sv`) and older ones are refused. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 100 }).notNull(),
    /** Public part of the key, shown in lists and used to find the row; not a secret. */
    prefix: varchar("prefix", { length: 32 }).notNull().unique(),
    /** SHA-256 of the whole key; the key itself is returned once and never stored. */
    secretHash: text("secret_hash").notNull(),
    permissions: apiKeyPermissionEnum("permissions").array().notNull(),
    /** IP addresses (or CIDR ranges) the key may be used from; null = any. WITHDRAW needs one. */
    allowedIps: text("allowed_ips").array(),
    /**
     * Ed25519 public key (32 raw bytes, base64) of a signed key: every request made with the key
     * must then carry a timestamp and a signature by the matching private key. Null = unsigned.
     */
    publicKey: text("public_key"),
    /** Guardrail: most notional (USDT value) one order placed with the key may have; null = none. */
    maxOrderNotional: money("max_order_notional"),
    /** Guardrail: most notional (USDT value) the key may place in one UTC day; null = none. */
    maxDailyNotional: money("max_daily_notional"),
    /** Guardrail: the markets the key may trade; null = all. */
    allowedMarkets: text("allowed_markets").array(),
    /** Guardrail: orders are validated and priced, never placed. */
    dryRun: boolean("dry_run").notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_user_idx").on(t.userId, t.createdAt)],
);

export const assets = pgTable("assets", {
  symbol: varchar("symbol", { length: 16 }).primaryKey(),
  name: varchar("name", { length: 64 }).notNull(),
  /** Most decimal places a balance of this asset may carry. */
  decimals: integer("decimals").notNull(),
  /** Charged on each withdrawal of this asset, in the asset. */
  withdrawalFee: money("withdrawal_fee").notNull().default("0"),
  createdAt: createdAt(),
});

export const markets = pgTable(
  "markets",
  {
    symbol: varchar("symbol", { length: 32 }).primaryKey(),
    base: varchar("base", { length: 16 })
      .notNull()
      .references(() => assets.symbol),
    quote: varchar("quote", { length: 16 })
      .notNull()
      .references(() => assets.symbol),
    tickSize: money("tick_size").notNull(),
    lotSize: money("lot_size").notNull(),
    minNotional: money("min_notional").notNull(),
    makerFee: money("maker_fee").notNull(),
    takerFee: money("taker_fee").notNull(),
    /**
     * Percent-price filter: a LIMIT price more than this many percent away from the reference
     * price (the last trade) is refused; null = no band. E.g. "10" → within ±10 %.
     */
    priceBandPercent: money("price_band_percent"),
    status: marketStatusEnum("status").notNull().default("TRADING"),
    createdAt: createdAt(),
  },
  (t) => [
    check("markets_steps_positive", sql`${t.tickSize} > 0 AND ${t.lotSize} > 0`),
    check(
      "markets_fees_range",
      sql`${t.makerFee} BETWEEN 0 AND 1 AND ${t.takerFee} BETWEEN 0 AND 1`,
    ),
  ],
);

export const wallets = pgTable(
  "wallets",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    asset: varchar("asset", { length: 16 })
      .notNull()
      .references(() => assets.symbol),
    available: money("available").notNull().default("0"),
    locked: money("locked").notNull().default("0"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.asset] }),
    check("wallets_available_non_negative", sql`${t.available} >= 0`),
    check("wallets_locked_non_negative", sql`${t.locked} >= 0`),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    /** users.id, fixed once written; deleting the user deletes these rows (migration 0011). */
    userId: uuid("user_id").notNull(),
    /** assets.symbol, fixed once written; the asset stays while named (migration 0011). */
    asset: varchar("asset", { length: 16 }).notNull(),
    reason: ledgerReasonEnum("reason").notNull(),
    /** Signed change of the available balance. */
    availableDelta: money("available_delta").notNull(),
    /** Signed change of the locked balance. */
    lockedDelta: money("locked_delta").notNull(),
    availableAfter: money("available_after").notNull(),
    lockedAfter: money("locked_after").notNull(),
    /** What caused it: "deposit:<uuid>", "order:<uuid>", "trade:<market>:<seq>". */
    reference: varchar("reference", { length: 128 }).notNull(),
    createdAt: createdAt(),
  },
  // Only (user, id): every other index would cost each of the many ledger inserts.
  (t) => [index("ledger_user_asset_idx").on(t.userId, t.id)],
);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order, for stable cursor paging. */
    seq: bigserial("seq", { mode: "bigint" }).notNull(),
    /** users.id, fixed once written; the user cannot be deleted while named (migration 0011). */
    userId: uuid("user_id").notNull(),
    /** markets.symbol, fixed once written; the market stays while named (migration 0011). */
    market: varchar("market", { length: 32 }).notNull(),
    clientOrderId: varchar("client_order_id", { length: 64 }),
    side: orderSideEnum("side").notNull(),
    type: orderTypeEnum("type").notNull(),
    timeInForce: timeInForceEnum("time_in_force").notNull(),
    price: money("price"),
    amount: money("amount"),
    quoteAmount: money("quote_amount"),
    postOnly: boolean("post_only").notNull().default(false),
    selfTradePrevention: selfTradePreventionEnum("self_trade_prevention")
      .notNull()
      .default("EXPIRE_TAKER"),
    filledAmount: money("filled_amount").notNull().default("0"),
    filledQuoteAmount: money("filled_quote_amount").notNull().default("0"),
    /** What the order still holds in its wallet's locked balance. */
    lockedRemaining: money("locked_remaining").notNull().default("0"),
    status: orderStatusEnum("status").notNull().default("PENDING"),
    /** Market sequence of the last matcher event applied to this order. */
    lastSequence: bigint("last_sequence", { mode: "bigint" }),
    /**
     * Command stream sequence of the order's place command, from the relay's PubAck (written in
     * the transaction that deletes its outbox row). While the order is PENDING the relay checks
     * the stream still holds its command there, and re-sends it only when it does not. Null
     * until published (or when another transaction held the row at that moment).
     */
    commandSeq: bigint("command_seq", { mode: "bigint" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_user_client_order_id_key").on(t.userId, t.clientOrderId),
    index("orders_user_seq_idx").on(t.userId, t.seq),
    index("orders_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'PENDING'`),
    // The open-order cap counts these per (user, market) at every placement.
    index("orders_user_market_open_idx")
      .on(t.userId, t.market)
      .where(sql`${t.status} IN (${sql.raw(sqlStrings(OPEN_ORDER_STATUSES))})`),
    check("orders_locked_non_negative", sql`${t.lockedRemaining} >= 0`),
  ],
);

export const trades = pgTable(
  "trades",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    /** markets.symbol, fixed once written; the market stays while named (migration 0011). */
    market: varchar("market", { length: 32 }).notNull(),
    /** The matcher's market sequence: applying the same trade twice is a no-op. */
    sequence: bigint("sequence", { mode: "bigint" }).notNull(),
    /** Position among the trades of one matcher command: (market, sequence, matchIndex) is unique. */
    matchIndex: integer("match_index").notNull().default(0),
    price: money("price").notNull(),
    amount: money("amount").notNull(),
    quoteAmount: money("quote_amount").notNull(),
    takerSide: orderSideEnum("taker_side").notNull(),
    makerOrderId: uuid("maker_order_id").notNull(),
    takerOrderId: uuid("taker_order_id").notNull(),
    buyerId: uuid("buyer_id").notNull(),
    sellerId: uuid("seller_id").notNull(),
    buyerFee: money("buyer_fee").notNull(),
    sellerFee: money("seller_fee").notNull(),
    executedAt: timestamp("executed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("trades_market_sequence_key").on(t.market, t.sequence, t.matchIndex),
    index("trades_buyer_idx").on(t.buyerId, t.id),
    index("trades_seller_idx").on(t.sellerId, t.id),
  ],
);

/**
 * Transactional outbox: rows written with the business change and deleted by the relay in the
 * transaction that publishes them to NATS JetStream, so the table holds only what is unsent.
 */
export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "bigint" }).primaryKey(),
  subject: varchar("subject", { length: 200 }).notNull(),
  /** Becomes Nats-Msg-Id, so a re-send is dropped by the stream. */
  messageId: varchar("message_id", { length: 200 }).notNull(),
  payload: jsonb("payload").notNull(),
  createdAt: createdAt(),
});

export type UserRow = typeof users.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type MarketRow = typeof markets.$inferSelect;
export type WalletRow = typeof wallets.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
/** An order as services use it; `commandSeq` is the relay's bookkeeping and stays in its queries. */
export type OrderRow = Omit<typeof orders.$inferSelect, "commandSeq">;
export type TradeRow = typeof trades.$inferSelect;

/** How far each consumer has applied each market's event stream (idempotency by sequence). */
export const consumerOffsets = pgTable(
  "consumer_offsets",
  {
    consumer: varchar("consumer", { length: 64 }).notNull(),
    market: varchar("market", { length: 32 }).notNull(),
    lastSequence: bigint("last_sequence", { mode: "bigint" }).notNull(),
    updatedAt: updatedAt(),
    /**
     * Why this consumer cannot apply the market's events (a short description, no personal
     * data; the log has the whole error), or null. Set by a separate statement when a market's
     * events fail; cleared by the statement that next advances the offset. `/readyz` shows it.
     */
    problem: text("problem"),
    /** When the current problem was first seen. */
    problemSince: timestamp("problem_since", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.market] })],
);

/** The matcher's latest snapshot per market: restart = restore + replay commands after it. */
export const matcherSnapshots = pgTable("matcher_snapshots", {
  market: varchar("market", { length: 32 }).primaryKey(),
  /** Stream sequence of the last command folded into the snapshot. */
  commandSequence: bigint("command_sequence", { mode: "bigint" }).notNull(),
  /** Market (book) sequence at the snapshot. */
  bookSequence: bigint("book_sequence", { mode: "bigint" }).notNull(),
  state: jsonb("state").notNull(),
  updatedAt: updatedAt(),
});

/** A withdrawal: requested (funds locked), then approved (sent, with a txid) or rejected. */
export const withdrawals = pgTable(
  "withdrawals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order, for stable cursor paging. */
    seq: bigserial("seq", { mode: "bigint" }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    asset: varchar("asset", { length: 16 })
      .notNull()
      .references(() => assets.symbol),
    /** What the address receives. */
    amount: money("amount").notNull(),
    /** Charged on top of amount (assets.withdrawal_fee at the request). */
    fee: money("fee").notNull(),
    address: varchar("address", { length: 128 }).notNull(),
    status: withdrawalStatusEnum("status").notNull().default("PENDING"),
    /** The chain's transaction id, given at approval. */
    txid: varchar("txid", { length: 128 }),
    /** Why it was rejected. */
    reason: varchar("reason", { length: 256 }),
    /** The API key that requested it (null: a session). */
    apiKeyId: uuid("api_key_id"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The admin who approved or rejected it. */
    decidedBy: uuid("decided_by"),
  },
  (t) => [
    index("withdrawals_user_seq_idx").on(t.userId, t.seq),
    index("withdrawals_status_seq_idx").on(t.status, t.seq),
    check("withdrawals_amount_positive", sql`${t.amount} > 0 AND ${t.fee} >= 0`),
  ],
);

/** Every admin action: who did what to which object, the state before and after, and when. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    actorId: uuid("actor_id").notNull(),
    /** The mutation, e.g. "createMarket", "setMarketStatus", "approveWithdrawal". */
    action: varchar("action", { length: 64 }).notNull(),
    /** What it acted on, e.g. "market:BTC_USDT", "withdrawal:<uuid>", "user:<uuid>". */
    target: varchar("target", { length: 160 }).notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_target_idx").on(t.target, t.id)],
);

/**
 * Fee tiers by 30-day traded volume (in USDT): a user at `tier` pays at most these rates (the
 * lower of the tier's and the market's). Tier 0 is implicit: the market's own fees.
 */
export const feeTiers = pgTable(
  "fee_tiers",
  {
    tier: integer("tier").primaryKey(),
    /** 30-day volume (USDT) from which the tier applies. */
    minVolume: money("min_volume").notNull(),
    makerFee: money("maker_fee").notNull(),
    takerFee: money("taker_fee").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("fee_tiers_tier_positive", sql`${t.tier} > 0`),
    check(
      "fee_tiers_fees_range",
      sql`${t.makerFee} BETWEEN 0 AND 1 AND ${t.takerFee} BETWEEN 0 AND 1`,
    ),
  ],
);

/**
 * Notional (USDT value) placed with an API key per UTC day, for its `maxDailyNotional` guardrail:
 * raised in the placement's transaction by a conditional UPDATE, so concurrent placements never
 * pass the limit. Cancelled or unfilled orders do not give it back.
 */
export const apiKeyDailyNotional = pgTable(
  "api_key_daily_notional",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    /** The UTC day, as 'YYYY-MM-DD'. */
    day: date("day", { mode: "string" }).notNull(),
    used: money("used").notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.day] })],
);

export type WithdrawalRow = typeof withdrawals.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
export type FeeTierRow = typeof feeTiers.$inferSelect;
