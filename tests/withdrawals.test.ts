/**
 * Withdrawals (issue 13) against the real PostgreSQL, Redis and NATS: request → approve or
 * reject with every ledger row and balance asserted, decisions racing on one id, requests racing
 * on one wallet and one daily limit, API keys (WITHDRAW, IP allow-lists over HTTP and graphql-ws,
 * behind a trusted proxy or not), bad input of every field, and the exchange's invariants after
 * all of it (conservation counts the WITHDRAWAL rows' locked deltas; a pending withdrawal's
 * amount + fee is part of what its wallet holds locked).
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestWithdrawalInput } from "../client/generated/graphql.ts";
import { ME, WALLETS, graphql } from "../client/index.ts";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { checkExchange, formatReport } from "../scripts/chaos/checker.ts";
import {
  codeOf,
  collect,
  fundedUser,
  newApiKey,
  newUser,
  placeOrder,
  runningSubscriptions,
  startApi,
  startExchange,
  untilSubscriptionsRunning,
  type Exchange,
  type TestApi,
  type TestUser,
  waitForStatus,
} from "./kit/index.ts";

const REQUEST = graphql(`
  mutation WithdrawalsRequest($input: RequestWithdrawalInput!) {
    requestWithdrawal(input: $input) {
      id
      userId
      asset
      amount
      fee
      address
      status
      txid
      reason
      decidedAt
    }
  }
`);
const APPROVE = graphql(`
  mutation WithdrawalsApprove($id: ID!, $txid: String!) {
    approveWithdrawal(id: $id, txid: $txid) {
      id
      status
      txid
      reason
      decidedAt
    }
  }
`);
const REJECT = graphql(`
  mutation WithdrawalsReject($id: ID!, $reason: String!) {
    rejectWithdrawal(id: $id, reason: $reason) {
      id
      status
      txid
      reason
      decidedAt
    }
  }
`);
const SET_LEVEL = graphql(`
  mutation WithdrawalsSetLevel($userId: ID!, $level: Int!) {
    setVerificationLevel(userId: $userId, level: $level) {
      id
      verificationLevel
    }
  }
`);
const MINE = graphql(`
  query WithdrawalsMine($first: Int, $after: String) {
    withdrawals(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          amount
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const ALL = graphql(`
  query WithdrawalsAll($status: WithdrawalStatus, $first: Int, $after: String) {
    adminWithdrawals(status: $status, first: $first, after: $after) {
      edges {
        node {
          id
          userId
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const USED_TODAY = graphql(`
  query WithdrawalsUsedToday {
    me {
      verificationLimits {
        withdrawalLimits {
          asset
          dailyLimit
          usedToday
          remainingToday
          withdrawalFee
        }
      }
    }
  }
`);
const API_KEYS = graphql(`
  query WithdrawalsApiKeys {
    apiKeys {
      id
      allowedIps
    }
  }
`);
const CREATE_KEY = graphql(`
  mutation WithdrawalsCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        id
        allowedIps
      }
    }
  }
`);
const MY_WALLETS = graphql(`
  subscription WithdrawalsMyWallets {
    myWallets {
      asset
      available
      locked
    }
  }
`);

/** Withdrawal fees set for this exchange's assets: one with a fee in each path, ETH without. */
const FEES = { USDT: "1", BTC: "0.0005", ETH: "0" };

let ex: Exchange;
/** A second API process on the exchange's stores that believes X-Forwarded-For from 127.0.0.1. */
let proxied: TestApi;
let admin: TestUser;
let feeAccountId: string;

beforeAll(async () => {
  ex = await startExchange();
  proxied = await startApi({
    DATABASE_URL: ex.config.databaseUrl,
    EVENTHUB_NAMESPACE: ex.config.namespace,
    TRUSTED_PROXIES: "127.0.0.1",
  });
  for (const [asset, fee] of Object.entries(FEES)) {
    await ex.deps.pool.query(`UPDATE assets SET withdrawal_fee = $2 WHERE symbol = $1`, [
      asset,
      fee,
    ]);
  }
  admin = await newUser(ex, "admin");
  await ex.deps.pool.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [admin.id]);
  const { rows } = await ex.deps.pool.query<{ id: string }>(
    `SELECT id FROM users WHERE email = 'fees@eventhub.internal'`,
  );
  feeAccountId = rows[0]!.id;
}, 60_000);

afterAll(async () => {
  await proxied?.stop();
  await ex?.stop();
});

/** A user with deposits at a verification level (set by the admin through the API). */
async function verifiedUser(
  level: number,
  deposits: Record<string, string>,
  tag = "withdrawer",
): Promise<TestUser> {
  const user = await fundedUser(ex, tag, deposits);
  if (level > 0) {
    const res = await ex.gql(SET_LEVEL, { userId: user.id, level }, admin.bearer);
    expect(res.errors).toBeUndefined();
  }
  return user;
}

async function balance(userId: string, asset: string) {
  const { rows } = await ex.deps.pool.query<{ available: string; locked: string }>(
    `SELECT available::text, locked::text FROM wallets WHERE user_id = $1 AND asset = $2`,
    [userId, asset],
  );
  const row = rows[0] ?? { available: "0", locked: "0" };
  return { available: dec(row.available), locked: dec(row.locked) };
}

const dec = (text: string) => formatDecimal(parseDecimal(text));

/** The ledger rows a withdrawal wrote, in order: whose, why, both deltas and balances after. */
async function ledgerOf(withdrawalId: string) {
  const { rows } = await ex.deps.pool.query<{
    user_id: string;
    asset: string;
    reason: string;
    available_delta: string;
    locked_delta: string;
    available_after: string;
    locked_after: string;
  }>(
    `SELECT user_id, asset, reason::text, available_delta::text, locked_delta::text,
            available_after::text, locked_after::text
       FROM ledger_entries WHERE reference = $1 ORDER BY id`,
    [`withdrawal:${withdrawalId}`],
  );
  return rows.map((r) => ({
    user: r.user_id,
    asset: r.asset,
    reason: r.reason,
    availableDelta: dec(r.available_delta),
    lockedDelta: dec(r.locked_delta),
    availableAfter: dec(r.available_after),
    lockedAfter: dec(r.locked_after),
  }));
}

async function auditOf(withdrawalId: string) {
  const { rows } = await ex.deps.pool.query<{
    actor_id: string;
    action: string;
    before: unknown;
    after: unknown;
  }>(`SELECT actor_id, action, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [
    `withdrawal:${withdrawalId}`,
  ]);
  return rows;
}

function request(
  headers: Record<string, string>,
  input: RequestWithdrawalInput,
  api: Pick<TestApi, "gql"> = ex,
) {
  return api.gql(REQUEST, { input }, headers);
}

/** Everything a refused call must leave as it was. */
async function snapshot() {
  const { rows } = await ex.deps.pool.query<{ state: string }>(`
    SELECT json_build_array(
      (SELECT json_agg(json_build_array(user_id, asset, available::text, locked::text) ORDER BY user_id, asset) FROM wallets),
      (SELECT count(*) FROM ledger_entries),
      (SELECT json_agg(json_build_array(id, status, txid, reason) ORDER BY id) FROM withdrawals),
      (SELECT count(*) FROM audit_log),
      (SELECT json_agg(json_build_array(id, verification_level) ORDER BY id) FROM users),
      (SELECT count(*) FROM api_keys))::text AS state`);
  return rows[0]!.state;
}

describe("request, approve, reject: exact ledger rows and balances", () => {
  it("a request locks amount + fee (WITHDRAWAL_LOCK); approval pays out (WITHDRAWAL, FEE) and the fee account earns the fee (FEE_INCOME)", async () => {
    const user = await verifiedUser(1, { USDT: "1000" });
    const feesBefore = await balance(feeAccountId, "USDT");

    const requested = await request(user.bearer, {
      asset: "USDT",
      amount: "100",
      address: "TQ1address-of:memo_42",
    });
    expect(requested.errors).toBeUndefined();
    const w = requested.data!.requestWithdrawal;
    expect(w).toMatchObject({
      userId: user.id,
      asset: "USDT",
      amount: "100",
      fee: "1",
      address: "TQ1address-of:memo_42",
      status: "PENDING",
      txid: null,
      reason: null,
      decidedAt: null,
    });
    expect(await balance(user.id, "USDT")).toEqual({ available: "899", locked: "101" });
    const lock = {
      user: user.id,
      asset: "USDT",
      reason: "WITHDRAWAL_LOCK",
      availableDelta: "-101",
      lockedDelta: "101",
      availableAfter: "899",
      lockedAfter: "101",
    };
    expect(await ledgerOf(w.id)).toEqual([lock]);

    const approved = await ex.gql(APPROVE, { id: w.id, txid: "0xabc123" }, admin.bearer);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveWithdrawal).toMatchObject({
      id: w.id,
      status: "COMPLETED",
      txid: "0xabc123",
      reason: null,
    });
    expect(approved.data!.approveWithdrawal.decidedAt).toEqual(expect.any(String));
    expect(await balance(user.id, "USDT")).toEqual({ available: "899", locked: "0" });
    const feesAfter = await balance(feeAccountId, "USDT");
    expect(parseDecimal(feesAfter.available) - parseDecimal(feesBefore.available)).toBe(
      parseDecimal("1"),
    );
    expect(feesAfter.locked).toBe(feesBefore.locked);
    const rows = await ledgerOf(w.id);
    expect(rows.slice(0, 3)).toEqual([
      lock,
      {
        user: user.id,
        asset: "USDT",
        reason: "WITHDRAWAL",
        availableDelta: "0",
        lockedDelta: "-100",
        availableAfter: "899",
        lockedAfter: "1",
      },
      {
        user: user.id,
        asset: "USDT",
        reason: "FEE",
        availableDelta: "0",
        lockedDelta: "-1",
        availableAfter: "899",
        lockedAfter: "0",
      },
    ]);
    expect(rows.slice(3)).toEqual([
      {
        user: feeAccountId,
        asset: "USDT",
        reason: "FEE_INCOME",
        availableDelta: "1",
        lockedDelta: "0",
        availableAfter: feesAfter.available,
        lockedAfter: feesAfter.locked,
      },
    ]);

    const view = {
      userId: user.id,
      asset: "USDT",
      amount: "100",
      fee: "1",
      address: "TQ1address-of:memo_42",
    };
    expect(await auditOf(w.id)).toEqual([
      {
        actor_id: admin.id,
        action: "approveWithdrawal",
        before: { ...view, status: "PENDING" },
        after: { ...view, status: "COMPLETED", txid: "0xabc123", reason: null },
      },
    ]);

    // Decided once: a second approval or a rejection is refused and changes nothing.
    const before = await snapshot();
    const again = await ex.gql(APPROVE, { id: w.id, txid: "0xother" }, admin.bearer);
    expect(again.errors?.[0]?.extensions).toEqual({
      code: "WITHDRAWAL_NOT_PENDING",
      status: "COMPLETED",
    });
    const rejected = await ex.gql(REJECT, { id: w.id, reason: "too late" }, admin.bearer);
    expect(codeOf(rejected)).toBe("WITHDRAWAL_NOT_PENDING");
    expect(await snapshot()).toBe(before);

    // It counts against the day's limit; COMPLETED shows in the user's list.
    const used = await ex.gql(USED_TODAY, {}, user.bearer);
    expect(
      used.data!.me!.verificationLimits.withdrawalLimits.find((l) => l.asset === "USDT"),
    ).toEqual({
      asset: "USDT",
      dailyLimit: "50000",
      usedToday: "100",
      remainingToday: "49900",
      withdrawalFee: "1",
    });
    const mine = await ex.gql(MINE, {}, user.bearer);
    expect(mine.data!.withdrawals.edges.map((e) => e.node)).toEqual([
      { id: w.id, amount: "100", status: "COMPLETED" },
    ]);
  });

  it("a rejection gives amount + fee back (WITHDRAWAL_UNLOCK) and its amount stops counting against the limit", async () => {
    const user = await verifiedUser(1, { BTC: "5" });
    const w = (await request(user.bearer, { asset: "BTC", amount: "1.5", address: "bc1qxyz" }))
      .data!.requestWithdrawal;
    expect(w).toMatchObject({ amount: "1.5", fee: "0.0005", status: "PENDING" });
    expect(await balance(user.id, "BTC")).toEqual({ available: "3.4995", locked: "1.5005" });

    const rejected = await ex.gql(
      REJECT,
      { id: w.id, reason: "  address on a sanctions list  " },
      admin.bearer,
    );
    expect(rejected.data!.rejectWithdrawal).toMatchObject({
      status: "REJECTED",
      reason: "address on a sanctions list",
      txid: null,
    });
    expect(await balance(user.id, "BTC")).toEqual({ available: "5", locked: "0" });
    expect(await ledgerOf(w.id)).toEqual([
      {
        user: user.id,
        asset: "BTC",
        reason: "WITHDRAWAL_LOCK",
        availableDelta: "-1.5005",
        lockedDelta: "1.5005",
        availableAfter: "3.4995",
        lockedAfter: "1.5005",
      },
      {
        user: user.id,
        asset: "BTC",
        reason: "WITHDRAWAL_UNLOCK",
        availableDelta: "1.5005",
        lockedDelta: "-1.5005",
        availableAfter: "5",
        lockedAfter: "0",
      },
    ]);
    const view = {
      userId: user.id,
      asset: "BTC",
      amount: "1.5",
      fee: "0.0005",
      address: "bc1qxyz",
    };
    expect(await auditOf(w.id)).toEqual([
      {
        actor_id: admin.id,
        action: "rejectWithdrawal",
        before: { ...view, status: "PENDING" },
        after: { ...view, status: "REJECTED", txid: null, reason: "address on a sanctions list" },
      },
    ]);
    const again = await ex.gql(APPROVE, { id: w.id, txid: "0x1" }, admin.bearer);
    expect(again.errors?.[0]?.extensions).toEqual({
      code: "WITHDRAWAL_NOT_PENDING",
      status: "REJECTED",
    });

    // The whole level-1 limit (2 BTC) is free again: exactly 2 passes, a satoshi more does not.
    const full = await request(user.bearer, { asset: "BTC", amount: "2", address: "bc1qxyz" });
    expect(full.errors).toBeUndefined();
    const over = await request(user.bearer, {
      asset: "BTC",
      amount: "0.00000001",
      address: "bc1qxyz",
    });
    const { resetsAt, ...refusal } = over.errors![0]!.extensions!;
    expect(refusal).toEqual({
      code: "WITHDRAWAL_LIMIT_EXCEEDED",
      asset: "BTC",
      limit: "2",
      usedToday: "2",
      remaining: "0",
    });
    expect(resetsAt).toMatch(/T00:00:00\.000Z$/);
  });

  it("an asset without a fee writes no FEE rows on approval", async () => {
    const user = await verifiedUser(1, { ETH: "3" });
    const w = (await request(user.bearer, { asset: "ETH", amount: "3", address: "0xdead" })).data!
      .requestWithdrawal;
    expect(w.fee).toBe("0");
    await ex.gql(APPROVE, { id: w.id, txid: "0xfeed" }, admin.bearer);
    expect(await balance(user.id, "ETH")).toEqual({ available: "0", locked: "0" });
    expect((await ledgerOf(w.id)).map((r) => [r.reason, r.availableDelta, r.lockedDelta])).toEqual([
      ["WITHDRAWAL_LOCK", "-3", "3"],
      ["WITHDRAWAL", "0", "-3"],
    ]);
  });

  it("the wallet change reaches the user's myWallets stream", async () => {
    const user = await verifiedUser(1, { USDT: "50" });
    const running = await runningSubscriptions(ex.url);
    const socket = ex.ws({ authorization: user.bearer.authorization });
    const seen = collect(socket, MY_WALLETS, (s) => s.some((w) => w.locked === "11"));
    await untilSubscriptionsRunning(ex.url, running + 1);
    await request(user.bearer, { asset: "USDT", amount: "10", address: "T1" });
    expect(await seen.done).toContainEqual({ asset: "USDT", available: "39", locked: "11" });
  });
});

describe("races", () => {
  it("many concurrent approvals and rejections of one withdrawal: exactly one wins, one set of ledger rows", async () => {
    const user = await verifiedUser(2, { USDT: "500" });
    const w = (await request(user.bearer, { asset: "USDT", amount: "200", address: "T-race" }))
      .data!.requestWithdrawal;
    const calls = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 2
        ? ex.gql(REJECT, { id: w.id, reason: `reject ${i}` }, admin.bearer)
        : ex.gql(APPROVE, { id: w.id, txid: `tx${i}` }, admin.bearer),
    );
    const results = await Promise.all(calls);
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(
      Array(29).fill("WITHDRAWAL_NOT_PENDING"),
    );
    const winner = winners[0]!.data!;
    const completed = "approveWithdrawal" in winner;
    const rows = (await ledgerOf(w.id)).map((r) => [r.user, r.reason]);
    expect(rows).toEqual(
      completed
        ? [
            [user.id, "WITHDRAWAL_LOCK"],
            [user.id, "WITHDRAWAL"],
            [user.id, "FEE"],
            [feeAccountId, "FEE_INCOME"],
          ]
        : [
            [user.id, "WITHDRAWAL_LOCK"],
            [user.id, "WITHDRAWAL_UNLOCK"],
          ],
    );
    expect(await auditOf(w.id)).toHaveLength(1);
    expect(await balance(user.id, "USDT")).toEqual(
      completed ? { available: "299", locked: "0" } : { available: "500", locked: "0" },
    );
  });

  it("many approvals of one withdrawal alone: exactly one COMPLETED", async () => {
    const user = await verifiedUser(2, { USDT: "500" });
    const w = (await request(user.bearer, { asset: "USDT", amount: "100", address: "T-race2" }))
      .data!.requestWithdrawal;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        ex.gql(APPROVE, { id: w.id, txid: `tx${i}` }, admin.bearer),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect((await ledgerOf(w.id)).map((r) => r.reason)).toEqual([
      "WITHDRAWAL_LOCK",
      "WITHDRAWAL",
      "FEE",
      "FEE_INCOME",
    ]);
    expect(await balance(user.id, "USDT")).toEqual({ available: "399", locked: "0" });
  });

  it("concurrent requests on one wallet never overdraw it", async () => {
    // Each needs 100 + 1 fee: 9 fit in 1,000 (909), a 10th would need 1,010.
    const user = await verifiedUser(2, { USDT: "1000" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(user.bearer, { asset: "USDT", amount: "100", address: "T-overdraw" }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(9);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(
      Array(11).fill("INSUFFICIENT_FUNDS"),
    );
    expect(await balance(user.id, "USDT")).toEqual({ available: "91", locked: "909" });
  });

  it("concurrent requests never pass the daily limit", async () => {
    // Level 1: 2 BTC a day. 0.3 each: 6 fit (1.8), a 7th would make 2.1.
    const user = await verifiedUser(1, { BTC: "10" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(user.bearer, { asset: "BTC", amount: "0.3", address: "bc1-limit" }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(6);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(
      Array(14).fill("WITHDRAWAL_LIMIT_EXCEEDED"),
    );
    const { rows } = await ex.deps.pool.query<{ total: string }>(
      `SELECT sum(amount)::text AS total FROM withdrawals WHERE user_id = $1`,
      [user.id],
    );
    expect(dec(rows[0]!.total)).toBe("1.8");
    // 6 × (0.3 + 0.0005) locked.
    expect(await balance(user.id, "BTC")).toEqual({ available: "8.197", locked: "1.803" });
    const rest = await request(user.bearer, { asset: "BTC", amount: "0.2", address: "bc1-limit" });
    expect(rest.errors).toBeUndefined();
  });
});

describe("verification levels", () => {
  it("level 0 cannot withdraw (VERIFICATION_REQUIRED), and nothing changes", async () => {
    const user = await verifiedUser(0, { USDT: "100" });
    const before = await snapshot();
    const res = await request(user.bearer, { asset: "USDT", amount: "1", address: "T0" });
    expect(res.errors?.[0]?.extensions).toEqual({
      code: "VERIFICATION_REQUIRED",
      verificationLevel: 0,
      requiredLevel: 1,
    });
    expect(await snapshot()).toBe(before);
  });

  it("level 1's limit is per asset and per UTC day; level 2 raises it", async () => {
    const user = await verifiedUser(1, { ETH: "100" });
    expect(
      codeOf(await request(user.bearer, { asset: "ETH", amount: "30.00000001", address: "0x1" })),
    ).toBe("WITHDRAWAL_LIMIT_EXCEEDED");
    expect(
      (await request(user.bearer, { asset: "ETH", amount: "30", address: "0x1" })).errors,
    ).toBeUndefined();
    expect(codeOf(await request(user.bearer, { asset: "ETH", amount: "1", address: "0x1" }))).toBe(
      "WITHDRAWAL_LIMIT_EXCEEDED",
    );
    await ex.gql(SET_LEVEL, { userId: user.id, level: 2 }, admin.bearer);
    expect(
      (await request(user.bearer, { asset: "ETH", amount: "1", address: "0x1" })).errors,
    ).toBeUndefined();
    const limits = await ex.gql(USED_TODAY, {}, user.bearer);
    expect(
      limits.data!.me!.verificationLimits.withdrawalLimits.find((l) => l.asset === "ETH"),
    ).toEqual({
      asset: "ETH",
      dailyLimit: "1500",
      usedToday: "31",
      remainingToday: "1469",
      withdrawalFee: "0",
    });
    // Lowered again: the next request reads the level as it is now.
    await ex.gql(SET_LEVEL, { userId: user.id, level: 0 }, admin.bearer);
    expect(codeOf(await request(user.bearer, { asset: "ETH", amount: "1", address: "0x1" }))).toBe(
      "VERIFICATION_REQUIRED",
    );
  });
});

describe("assets outside the table", () => {
  it("an asset no level lists cannot be withdrawn at any level (BAD_USER_INPUT on asset)", async () => {
    await ex.deps.pool.query(
      `INSERT INTO assets (symbol, name, decimals) VALUES ('WDX', 'Unlisted for withdrawals', 6)`,
    );
    for (const level of [0, 2]) {
      const user = await verifiedUser(level, { WDX: "10" });
      const before = await snapshot();
      const res = await request(user.bearer, { asset: "WDX", amount: "1", address: "wdx1" });
      expect(res.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "asset" });
      expect(res.errors![0]!.message).toMatch(/any verification level/);
      expect(await snapshot()).toBe(before);
    }
  });
});

describe("lists", () => {
  it("withdrawals: the caller's own, newest first, paged; adminWithdrawals: everyone's, by status", async () => {
    const user = await verifiedUser(1, { USDT: "100" });
    const other = await verifiedUser(1, { USDT: "100" });
    const ids: string[] = [];
    for (const amount of ["1", "2", "3"]) {
      ids.push(
        (await request(user.bearer, { asset: "USDT", amount, address: "T-list" })).data!
          .requestWithdrawal.id,
      );
    }
    const theirs = (await request(other.bearer, { asset: "USDT", amount: "4", address: "T-o" }))
      .data!.requestWithdrawal.id;
    await ex.gql(REJECT, { id: ids[1]!, reason: "no" }, admin.bearer);

    const first = await ex.gql(MINE, { first: 2 }, user.bearer);
    expect(first.data!.withdrawals.edges.map((e) => e.node.amount)).toEqual(["3", "2"]);
    expect(first.data!.withdrawals.pageInfo.hasNextPage).toBe(true);
    const second = await ex.gql(
      MINE,
      { first: 2, after: first.data!.withdrawals.pageInfo.endCursor },
      user.bearer,
    );
    expect(second.data!.withdrawals.edges.map((e) => e.node)).toEqual([
      { id: ids[0], amount: "1", status: "PENDING" },
    ]);
    expect(second.data!.withdrawals.pageInfo.hasNextPage).toBe(false);
    expect(codeOf(await ex.gql(MINE, { after: "bm9wZTox" }, user.bearer))).toBe("BAD_USER_INPUT");

    const pending = await ex.gql(ALL, { status: "PENDING", first: 100 }, admin.bearer);
    const seen = pending.data!.adminWithdrawals.edges.map((e) => e.node);
    expect(seen.every((n) => n.status === "PENDING")).toBe(true);
    expect(seen.map((n) => n.id)).toEqual(expect.arrayContaining([theirs, ids[2], ids[0]]));
    expect(seen.map((n) => n.id)).not.toContain(ids[1]);
    const newest = await ex.gql(ALL, { first: 1 }, admin.bearer);
    expect(newest.data!.adminWithdrawals.edges[0]!.node).toEqual({
      id: theirs,
      userId: other.id,
      status: "PENDING",
    });
    const rejected = await ex.gql(ALL, { status: "REJECTED", first: 100 }, admin.bearer);
    expect(rejected.data!.adminWithdrawals.edges.map((e) => e.node.id)).toContain(ids[1]);
  });
});

/** Opens a graphql-ws socket with an API key: acked, or closed with a code and reason. */
function openSocket(
  api: TestApi,
  apiKey: string,
  headers: Record<string, string> = {},
): Promise<{ acked: boolean; code?: number; reason?: string }> {
  const ws = new WebSocket(api.url.replace("http", "ws"), "graphql-transport-ws", { headers });
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () =>
      ws.send(JSON.stringify({ type: "connection_init", payload: { apiKey } })),
    );
    ws.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8")) as { type: string };
      if (message.type !== "connection_ack") return;
      resolve({ acked: true });
      ws.close();
    });
    ws.once("close", (code, reason) => resolve({ acked: false, code, reason: String(reason) }));
  });
}

describe("API keys and IP allow-lists", () => {
  const address = "bc1q-api";

  it("a key without WITHDRAW cannot withdraw, whatever else it grants", async () => {
    const user = await verifiedUser(1, { BTC: "1" });
    const key = await newApiKey(ex, user, ["READ", "TRADE"], ["127.0.0.1"]);
    const res = await request(key.header, { asset: "BTC", amount: "0.1", address });
    expect(codeOf(res)).toBe("FORBIDDEN");
    expect(res.errors![0]!.message).toContain("WITHDRAW");
  });

  it("a key with WITHDRAW but no IP allow-list cannot withdraw (IP_ALLOW_LIST_REQUIRED)", async () => {
    const user = await verifiedUser(1, { BTC: "1" });
    const key = await newApiKey(ex, user, ["WITHDRAW"]);
    const before = await snapshot();
    const res = await request(key.header, { asset: "BTC", amount: "0.1", address });
    expect(res.errors?.[0]?.extensions).toEqual({
      code: "FORBIDDEN",
      reason: "IP_ALLOW_LIST_REQUIRED",
    });
    expect(res.errors![0]!.message).toMatch(/IP allow-list/);
    expect(await snapshot()).toBe(before);
    // The same key reads from anywhere: only withdrawing needs the list.
    expect((await ex.gql(ME, {}, key.header)).data?.me?.id).toBe(user.id);
  });

  it("a key bound to another address is refused for every operation: HTTP 403, socket 4403, a forged X-Forwarded-For changes nothing", async () => {
    const user = await verifiedUser(1, { BTC: "1" });
    const key = await newApiKey(ex, user, ["READ", "TRADE", "WITHDRAW"], ["10.0.0.1"]);
    const before = await snapshot();
    for (const res of [
      await ex.gql(ME, {}, key.header),
      await ex.gql(WALLETS, {}, key.header),
      await request(key.header, { asset: "BTC", amount: "0.1", address }),
      // Not behind a trusted proxy: the header is the client's own words.
      await ex.gql(ME, {}, { ...key.header, "x-forwarded-for": "10.0.0.1" }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toEqual({
        code: "FORBIDDEN",
        reason: "IP_NOT_ALLOWED",
        ip: "127.0.0.1",
      });
      expect(res.errors![0]!.message).toMatch(/IP allow-list/);
      expect(JSON.stringify(res)).not.toContain(key.secret.slice(4));
    }
    expect(await snapshot()).toBe(before);
    const socket = await openSocket(ex, key.secret);
    expect(socket).toMatchObject({ acked: false, code: 4403 });
    expect(socket.reason).toMatch(/IP allow-list/);
    expect(socket.reason).not.toContain(key.secret.slice(4));
  });

  it("behind a trusted proxy the forwarded address counts: the key works from 10.0.0.1, and withdraws", async () => {
    const user = await verifiedUser(1, { BTC: "1" });
    const key = await newApiKey(ex, user, ["WITHDRAW"], ["10.0.0.0/24"]);
    const from = (ip: string) => ({ ...key.header, "x-forwarded-for": `203.0.113.9, ${ip}` });
    expect((await proxied.gql(ME, {}, from("10.0.0.1"))).data?.me?.id).toBe(user.id);
    expect(codeOf(await proxied.gql(ME, {}, from("10.0.1.1")))).toBe("FORBIDDEN");
    // The proxy's own address, without a forwarded one.
    expect(codeOf(await proxied.gql(ME, {}, key.header))).toBe("FORBIDDEN");

    const res = await request(from("10.0.0.7"), { asset: "BTC", amount: "0.1", address }, proxied);
    expect(res.errors).toBeUndefined();
    const { rows } = await ex.deps.pool.query<{ api_key_id: string }>(
      `SELECT api_key_id FROM withdrawals WHERE id = $1`,
      [res.data!.requestWithdrawal.id],
    );
    expect(rows[0]!.api_key_id).toBe(key.id);

    expect(await openSocket(proxied, key.secret, { "x-forwarded-for": "10.0.0.1" })).toEqual({
      acked: true,
    });
    expect(await openSocket(proxied, key.secret, { "x-forwarded-for": "10.0.9.1" })).toMatchObject({
      acked: false,
      code: 4403,
    });
  });

  it("a key bound to 127.0.0.1 (or 127.0.0.0/8) is used directly and withdraws", async () => {
    const user = await verifiedUser(1, { BTC: "1" });
    for (const allowed of [["127.0.0.1"], ["10.0.0.1", "127.0.0.0/8"]]) {
      const key = await newApiKey(ex, user, ["WITHDRAW"], allowed);
      const res = await request(key.header, { asset: "BTC", amount: "0.1", address });
      expect(res.errors).toBeUndefined();
      expect(res.data!.requestWithdrawal.status).toBe("PENDING");
      expect(await openSocket(ex, key.secret)).toEqual({ acked: true });
    }
  });

  it("createApiKey shows allowedIps on the key; bad lists are BAD_USER_INPUT and create nothing", async () => {
    const user = await newUser(ex, "keys");
    const made = await ex.gql(
      CREATE_KEY,
      {
        input: {
          name: "bound",
          permissions: ["WITHDRAW"],
          allowedIps: [" 203.0.113.7", "2001:DB8::/48", "203.0.113.7"],
        },
      },
      user.bearer,
    );
    expect(made.data!.createApiKey.apiKey.allowedIps).toEqual(["203.0.113.7", "2001:db8::/48"]);
    const open = await ex.gql(
      CREATE_KEY,
      { input: { name: "open", permissions: ["READ"] } },
      user.bearer,
    );
    expect(open.data!.createApiKey.apiKey.allowedIps).toBeNull();
    const listed = await ex.gql(API_KEYS, {}, user.bearer);
    expect(listed.data!.apiKeys).toEqual(
      expect.arrayContaining([
        { id: made.data!.createApiKey.apiKey.id, allowedIps: ["203.0.113.7", "2001:db8::/48"] },
        { id: open.data!.createApiKey.apiKey.id, allowedIps: null },
      ]),
    );

    const before = await snapshot();
    for (const allowedIps of [
      [],
      ["localhost"],
      ["10.0.0.1/33"],
      ["0.0.0.0/0"],
      ["::/0"],
      // IPv4 clients match IPv4-mapped IPv6 ranges: these would allow every IPv4 address.
      ["::ffff:0:0/96"],
      ["::/32"],
      ["1.2.3.4", "not an ip"],
      Array.from({ length: 21 }, (_, i) => `10.1.0.${i}`),
    ]) {
      const res = await ex.gql(
        CREATE_KEY,
        { input: { name: "bad", permissions: ["WITHDRAW"], allowedIps } },
        user.bearer,
      );
      expect(res.errors?.[0]?.extensions, JSON.stringify(allowedIps)).toEqual({
        code: "BAD_USER_INPUT",
        field: "allowedIps",
      });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("bad input: typed errors, nothing changed", () => {
  let user: TestUser;
  let pendingId: string;
  beforeAll(async () => {
    user = await verifiedUser(1, { USDT: "100", BTC: "1" }, "bad-input");
    pendingId = (await request(user.bearer, { asset: "BTC", amount: "0.5", address: "bc1q" })).data!
      .requestWithdrawal.id;
  });

  const good = { asset: "USDT", amount: "10", address: "T-good" };
  it.each([
    [{ asset: "NOPE" }, "BAD_USER_INPUT", "asset"],
    [{ asset: "" }, "BAD_USER_INPUT", "asset"],
    [{ asset: "usdt" }, "BAD_USER_INPUT", "asset"],
    [{ amount: "0" }, "BAD_USER_INPUT", "amount"],
    [{ amount: "-5" }, "BAD_USER_INPUT", "amount"],
    [{ amount: "0.000000001" }, "BAD_USER_INPUT", "amount"],
    [{ amount: "1e3" }, "BAD_USER_INPUT", undefined],
    [{ amount: "99.5" }, "INSUFFICIENT_FUNDS", undefined], // 99.5 + 1 fee > 100
    [{ amount: "100" }, "INSUFFICIENT_FUNDS", undefined],
    [{ asset: "ETH", amount: "1" }, "INSUFFICIENT_FUNDS", undefined], // never held
    [{ amount: "50000.00000001" }, "WITHDRAWAL_LIMIT_EXCEEDED", undefined],
    [{ address: "" }, "BAD_USER_INPUT", "address"],
    [{ address: "   " }, "BAD_USER_INPUT", "address"],
    [{ address: "has space" }, "BAD_USER_INPUT", "address"],
    [{ address: "x".repeat(129) }, "BAD_USER_INPUT", "address"],
    [{ address: "<script>" }, "BAD_USER_INPUT", "address"],
    [{ address: "адреса" }, "BAD_USER_INPUT", "address"],
    [{ address: "a\nb" }, "BAD_USER_INPUT", "address"],
  ] as [Partial<RequestWithdrawalInput>, string, string | undefined][])(
    "requestWithdrawal %j → %s (%s)",
    async (change, code, field) => {
      const before = await snapshot();
      const res = await request(user.bearer, { ...good, ...change });
      expect(codeOf(res)).toBe(code);
      if (field) expect(res.errors![0]!.extensions!.field).toBe(field);
      expect(await snapshot()).toBe(before);
    },
  );

  it("approve and reject: unknown ids, bad txid and reason", async () => {
    const before = await snapshot();
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const id of ["nope", unknown, ""]) {
      expect(codeOf(await ex.gql(APPROVE, { id, txid: "0x1" }, admin.bearer))).toBe(
        "WITHDRAWAL_NOT_FOUND",
      );
      expect(codeOf(await ex.gql(REJECT, { id, reason: "r" }, admin.bearer))).toBe(
        "WITHDRAWAL_NOT_FOUND",
      );
    }
    for (const txid of ["", "  ", "with space", "x".repeat(129), "0x1;DROP"]) {
      const res = await ex.gql(APPROVE, { id: pendingId, txid }, admin.bearer);
      expect(res.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "txid" });
    }
    for (const reason of ["", "   ", "r".repeat(257)]) {
      const res = await ex.gql(REJECT, { id: pendingId, reason }, admin.bearer);
      expect(res.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "reason" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("setVerificationLevel: levels outside the table and unknown users", async () => {
    const before = await snapshot();
    for (const level of [-1, 3, 99_999_999]) {
      const res = await ex.gql(SET_LEVEL, { userId: user.id, level }, admin.bearer);
      expect(res.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "level" });
    }
    for (const userId of ["nope", "00000000-0000-4000-8000-000000000000"]) {
      const res = await ex.gql(SET_LEVEL, { userId, level: 1 }, admin.bearer);
      expect(res.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "userId" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("admin fields: a user's session or an admin's API key is FORBIDDEN, nobody is UNAUTHENTICATED", async () => {
    const adminKey = await newApiKey(ex, admin, ["READ", "TRADE", "WITHDRAW"], ["127.0.0.1"]);
    const before = await snapshot();
    const calls = (headers: Record<string, string>) => [
      ex.gql(APPROVE, { id: pendingId, txid: "0x1" }, headers),
      ex.gql(REJECT, { id: pendingId, reason: "r" }, headers),
      ex.gql(SET_LEVEL, { userId: user.id, level: 2 }, headers),
      ex.gql(ALL, {}, headers),
    ];
    for (const res of await Promise.all([...calls(user.bearer), ...calls(adminKey.header)])) {
      expect(codeOf(res)).toBe("FORBIDDEN");
    }
    for (const res of await Promise.all(calls({}))) expect(codeOf(res)).toBe("UNAUTHENTICATED");
    expect(codeOf(await request({}, good))).toBe("UNAUTHENTICATED");
    expect(codeOf(await ex.gql(MINE, {}, {}))).toBe("UNAUTHENTICATED");
    expect(await snapshot()).toBe(before);
  });
});

describe("invariants", () => {
  it("hold after all of it, with orders and pending withdrawals locked on one wallet", async () => {
    const user = await verifiedUser(1, { USDT: "1000" });
    const order = await placeOrder(ex, user.bearer, {
      market: "BTC_USDT",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      amount: "1",
    });
    await waitForStatus(ex, user.bearer, order.id, ["OPEN"]);
    await request(user.bearer, { asset: "USDT", amount: "500", address: "T-both" });
    expect(await balance(user.id, "USDT")).toEqual({ available: "399", locked: "601" });
    await ex.checkInvariants();
    const report = await checkExchange({
      pool: ex.deps.pool,
      redis: ex.deps.redis,
      namespace: ex.config.namespace,
    });
    expect(report.violations, formatReport(report)).toEqual([]);
    expect(Object.values(report.moneyDelta).every((d) => d === "0")).toBe(true);
  });
});
