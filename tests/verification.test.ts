/**
 * Verification levels (issue 13): the table in config/verification-levels.ts, what `me` shows of
 * it, and `setVerificationLevel` (admin, audited). Withdrawals under the levels are in
 * tests/withdrawals.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../client/index.ts";
import { VERIFICATION_LEVELS } from "../config/verification-levels.ts";
import { DEMO_ASSETS } from "../db/seed.ts";
import { parseDecimal } from "../money/decimal.ts";
import { codeOf, newApiKey, newUser, startApi, type TestApi, type TestUser } from "./kit/index.ts";

const ME_LEVEL = graphql(`
  query VerificationMe {
    me {
      id
      verificationLevel
      verificationLimits {
        level
        canTrade
        canWithdraw
        resetsAt
        withdrawalLimits {
          asset
          dailyLimit
          usedToday
          remainingToday
        }
      }
    }
  }
`);
const SET_LEVEL = graphql(`
  mutation VerificationSetLevel($userId: ID!, $level: Int!) {
    setVerificationLevel(userId: $userId, level: $level) {
      id
      verificationLevel
      verificationLimits {
        canWithdraw
      }
    }
  }
`);

let api: TestApi;
let admin: TestUser;
beforeAll(async () => {
  api = await startApi();
  admin = await newUser(api, "admin");
  await api.deps.pool.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [admin.id]);
});
afterAll(() => api.stop());

const limitsOf = async (user: TestUser) => (await api.gql(ME_LEVEL, {}, user.bearer)).data!.me!;

describe("the level table", () => {
  it("levels are 0, 1, 2; level 0 withdraws nothing; every limit is an exact positive amount of a demo asset", () => {
    expect(VERIFICATION_LEVELS.map((l) => l.level)).toEqual([0, 1, 2]);
    expect(VERIFICATION_LEVELS[0]!.dailyWithdrawalLimits).toEqual({});
    const demo = new Map(DEMO_ASSETS.map((a) => [a.symbol, a.decimals]));
    for (const level of VERIFICATION_LEVELS) {
      expect(level.canTrade).toBe(true);
      for (const [asset, limit] of Object.entries(level.dailyWithdrawalLimits)) {
        expect(demo.has(asset), asset).toBe(true);
        expect(parseDecimal(limit, demo.get(asset))).toBeGreaterThan(0n);
      }
    }
    // Each level allows at least what the one below it does.
    for (let i = 1; i < VERIFICATION_LEVELS.length; i++) {
      const lower = VERIFICATION_LEVELS[i - 1]!.dailyWithdrawalLimits;
      const higher = VERIFICATION_LEVELS[i]!.dailyWithdrawalLimits;
      for (const [asset, limit] of Object.entries(lower)) {
        expect(parseDecimal(higher[asset] ?? "0")).toBeGreaterThanOrEqual(parseDecimal(limit));
      }
    }
  });
});

describe("me shows the level and what it allows", () => {
  it("a new account: level 0, can trade, cannot withdraw, every limit 0, the day ends at UTC midnight", async () => {
    const user = await newUser(api, "level0");
    const me = await limitsOf(user);
    expect(me.verificationLevel).toBe(0);
    const { withdrawalLimits, resetsAt, ...rest } = me.verificationLimits;
    expect(rest).toEqual({ level: 0, canTrade: true, canWithdraw: false });
    expect(withdrawalLimits.map((l) => l.asset)).toEqual(expect.arrayContaining(["BTC", "ETH"]));
    for (const limit of withdrawalLimits) {
      expect(limit).toMatchObject({ dailyLimit: "0", usedToday: "0", remainingToday: "0" });
    }
    const end = new Date(resetsAt);
    expect(resetsAt).toMatch(/T00:00:00\.000Z$/);
    expect(end.getTime() - Date.now()).toBeGreaterThan(0);
    expect(end.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it("after setVerificationLevel: the level's limits, through a session or an API key", async () => {
    const user = await newUser(api, "level-up");
    for (const level of [1, 2]) {
      const set = await api.gql(SET_LEVEL, { userId: user.id, level }, admin.bearer);
      expect(set.data!.setVerificationLevel).toEqual({
        id: user.id,
        verificationLevel: level,
        verificationLimits: { canWithdraw: true },
      });
      const me = await limitsOf(user);
      expect(me.verificationLimits).toMatchObject({ level, canTrade: true, canWithdraw: true });
      const table = VERIFICATION_LEVELS[level]!.dailyWithdrawalLimits;
      for (const [asset, limit] of Object.entries(table)) {
        expect(me.verificationLimits.withdrawalLimits).toContainEqual({
          asset,
          dailyLimit: limit,
          usedToday: "0",
          remainingToday: limit,
        });
      }
    }
    const key = await newApiKey(api, user, ["READ"]);
    const viaKey = await api.gql(ME_LEVEL, {}, key.header);
    expect(viaKey.data!.me!.verificationLimits.level).toBe(2);
  });
});

describe("setVerificationLevel", () => {
  it("records who changed which user's level from what to what, in the audit log", async () => {
    const user = await newUser(api, "audited");
    await api.gql(SET_LEVEL, { userId: user.id, level: 2 }, admin.bearer);
    await api.gql(SET_LEVEL, { userId: user.id, level: 1 }, admin.bearer);
    const { rows } = await api.deps.pool.query(
      `SELECT actor_id, action, before, after FROM audit_log WHERE target = $1 ORDER BY id`,
      [`user:${user.id}`],
    );
    expect(rows).toEqual([
      {
        actor_id: admin.id,
        action: "setVerificationLevel",
        before: { verificationLevel: 0 },
        after: { verificationLevel: 2 },
      },
      {
        actor_id: admin.id,
        action: "setVerificationLevel",
        before: { verificationLevel: 2 },
        after: { verificationLevel: 1 },
      },
    ]);
  });

  it("only an admin's session may: a user is FORBIDDEN (also for themself), nobody UNAUTHENTICATED", async () => {
    const user = await newUser(api, "climber");
    expect(codeOf(await api.gql(SET_LEVEL, { userId: user.id, level: 2 }, user.bearer))).toBe(
      "FORBIDDEN",
    );
    const adminKey = await newApiKey(api, admin, ["READ", "TRADE", "WITHDRAW"]);
    expect(codeOf(await api.gql(SET_LEVEL, { userId: user.id, level: 2 }, adminKey.header))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await api.gql(SET_LEVEL, { userId: user.id, level: 2 }))).toBe("UNAUTHENTICATED");
    expect((await limitsOf(user)).verificationLevel).toBe(0);
  });
});
