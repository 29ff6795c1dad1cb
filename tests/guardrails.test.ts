import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyGuardrailsInput, PlaceOrderInput } from "../client/generated/graphql.ts";
import { graphql, ORDER_BOOK, PLACE_ORDER, REVOKE_API_KEY } from "../client/index.ts";
import { changeUserRole } from "../services/user-role.service.ts";
import {
  balances,
  cancelOrder,
  codeOf,
  fundedUser,
  newUser,
  placeLimit,
  poll,
  startExchange,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";

/*
 * API-key guardrails over plain GraphQL (services/guardrails.ts): per-order and per-day notional
 * in USDT, allowed markets, dry-run, previewOrder, who may change them and the audit trail.
 */

let ex: Exchange;
let admin: TestUser;
beforeAll(async () => {
  ex = await startExchange();
  admin = await newUser(ex, "guard-admin");
  await changeUserRole(ex.deps.db, { email: admin.email, role: "ADMIN" });
  // BTC_USDT quotes 49,000 / 51,000 and never trades in this file: ETH_BTC is valued at the
  // highest of its prices (51,000), and MARKET orders are previewed against those asks.
  const maker = await fundedUser(ex, "guard-maker", { BTC: "10", USDT: "1000000" });
  const bid = await placeLimit(ex, maker.bearer, "BUY", "49000", "1");
  const ask = await placeLimit(ex, maker.bearer, "SELL", "51000", "1");
  await waitForStatus(ex, maker.bearer, bid.id, ["OPEN"]);
  await waitForStatus(ex, maker.bearer, ask.id, ["OPEN"]);
  await poll(
    () => ex.gql(ORDER_BOOK, { market: "BTC_USDT" }),
    (r) => r.data?.orderBook.asks.length === 1 && r.data.orderBook.bids.length === 1,
    { timeoutMs: 10_000, intervalMs: 50, failure: () => "the BTC_USDT book never showed both" },
  );
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(() => ex.stop());

const CREATE_GUARDED_KEY = graphql(`
  mutation GuardrailsCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        guardrails {
          maxOrderNotional
          maxDailyNotional
          allowedMarkets
          dryRun
          dailyNotionalUsed
          dailyNotionalRemaining
          resetsAt
        }
      }
    }
  }
`);

const SET_GUARDRAILS = graphql(`
  mutation GuardrailsSet($id: ID!, $input: ApiKeyGuardrailsInput!) {
    setApiKeyGuardrails(id: $id, input: $input) {
      id
      guardrails {
        maxOrderNotional
        maxDailyNotional
        allowedMarkets
        dryRun
      }
    }
  }
`);

const KEY_GUARDRAILS = graphql(`
  query GuardrailsOfKeys {
    apiKeys {
      id
      guardrails {
        maxDailyNotional
        dailyNotionalUsed
        dailyNotionalRemaining
      }
    }
  }
`);

const PREVIEW = graphql(`
  query GuardrailsPreview($input: PlaceOrderInput!) {
    previewOrder(input: $input) {
      notional
      notionalUsdt
      quoteAsset
      lockAsset
      lockAmount
      available
      fundsSufficient
      estimatedFillAmount
      estimatedFillQuote
      estimatedAveragePrice
      levelsTaken
      takerFeeRate
      feeAsset
      estimatedFee
      dailyNotionalRemaining
      dryRun
    }
  }
`);

const MY_ORDER_COUNT = graphql(`
  query GuardrailsMyOrders {
    orders(first: 100) {
      edges {
        node {
          id
          status
        }
      }
    }
  }
`);

const AUDIT = graphql(`
  query GuardrailsAudit($target: String!) {
    auditLog(target: $target) {
      edges {
        node {
          action
          actor {
            email
          }
          before
          after
        }
      }
    }
  }
`);

async function guardedKey(user: TestUser, guardrails: ApiKeyGuardrailsInput) {
  const res = await ex.gql(
    CREATE_GUARDED_KEY,
    { input: { name: "guarded", permissions: ["TRADE"], ...guardrails } },
    user.bearer,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  const { secret, apiKey } = res.data.createApiKey;
  return { id: apiKey.id, guardrails: apiKey.guardrails, header: { "x-api-key": secret } };
}

const limitBuy = (market: string, price: string, amount: string): PlaceOrderInput => ({
  market,
  side: "BUY",
  type: "LIMIT",
  price,
  amount,
});

describe("setting guardrails", () => {
  it("createApiKey stores them, the owner and an admin change them (audited), no one else", async () => {
    const user = await newUser(ex, "guard-set");
    const key = await guardedKey(user, {
      maxOrderNotional: "500",
      maxDailyNotional: "2000.5",
      allowedMarkets: ["BTC_USDT"],
    });
    expect(key.guardrails).toMatchObject({
      maxOrderNotional: "500",
      maxDailyNotional: "2000.5",
      allowedMarkets: ["BTC_USDT"],
      dryRun: false,
      dailyNotionalUsed: "0",
      dailyNotionalRemaining: "2000.5",
    });
    expect(new Date(key.guardrails.resetsAt).getUTCHours()).toBe(0);

    const changed = await ex.gql(
      SET_GUARDRAILS,
      { id: key.id, input: { maxOrderNotional: "100", dryRun: true } },
      user.bearer,
    );
    expect(changed.data?.setApiKeyGuardrails.guardrails).toEqual({
      maxOrderNotional: "100",
      maxDailyNotional: null,
      allowedMarkets: null,
      dryRun: true,
    });

    const stranger = await newUser(ex, "guard-stranger");
    const byStranger = await ex.gql(SET_GUARDRAILS, { id: key.id, input: {} }, stranger.bearer);
    expect(codeOf(byStranger)).toBe("BAD_USER_INPUT");
    const byKey = await ex.gql(SET_GUARDRAILS, { id: key.id, input: {} }, key.header);
    expect(codeOf(byKey)).toBe("FORBIDDEN");
    const byAdmin = await ex.gql(
      SET_GUARDRAILS,
      { id: key.id, input: { allowedMarkets: ["ETH_USDT", "ETH_BTC"] } },
      admin.bearer,
    );
    expect(byAdmin.data?.setApiKeyGuardrails.guardrails.allowedMarkets).toEqual([
      "ETH_USDT",
      "ETH_BTC",
    ]);

    for (const [input, field] of [
      [{ maxOrderNotional: "0" }, "maxOrderNotional"],
      [{ maxDailyNotional: "-5" }, "maxDailyNotional"],
      [{ allowedMarkets: [] }, "allowedMarkets"],
      [{ allowedMarkets: ["NOPE_USDT"] }, "allowedMarkets"],
    ] as [ApiKeyGuardrailsInput, string][]) {
      const bad = await ex.gql(SET_GUARDRAILS, { id: key.id, input }, user.bearer);
      expect(codeOf(bad)).toBe("BAD_USER_INPUT");
      expect(bad.errors?.[0]?.extensions?.field).toBe(field);
    }

    const audit = await ex.gql(AUDIT, { target: `apiKey:${key.id}` }, admin.bearer);
    const entries = audit.data!.auditLog.edges.map((e) => e.node);
    expect(entries.map((e) => [e.action, e.actor?.email])).toEqual([
      ["setApiKeyGuardrails", admin.email],
      ["setApiKeyGuardrails", user.email],
    ]);
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ maxOrderNotional: "100" });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({
      allowedMarkets: ["ETH_USDT", "ETH_BTC"],
      dryRun: false,
    });

    // A revoked key is gone for good: nothing to change, and nothing more audited.
    expect((await ex.gql(REVOKE_API_KEY, { id: key.id }, user.bearer)).errors).toBeUndefined();
    for (const who of [user, admin]) {
      const revoked = await ex.gql(
        SET_GUARDRAILS,
        { id: key.id, input: { dryRun: true } },
        who.bearer,
      );
      expect(codeOf(revoked)).toBe("BAD_USER_INPUT");
      expect(revoked.errors?.[0]?.message).toMatch(/revoked key cannot be changed/);
    }
    const after = await ex.gql(AUDIT, { target: `apiKey:${key.id}` }, admin.bearer);
    expect(after.data!.auditLog.edges).toHaveLength(2);
  });
});

describe("enforcing guardrails on placeOrder", () => {
  it("refuses an order over maxOrderNotional with nothing changed, and places one within it", async () => {
    const user = await fundedUser(ex, "guard-order", { USDT: "10000" });
    const key = await guardedKey(user, { maxOrderNotional: "400" });
    const before = await balances(ex, user.bearer);
    const over = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "40000", "0.0125") },
      key.header,
    );
    expect(codeOf(over)).toBe("GUARDRAIL_EXCEEDED");
    expect(over.errors?.[0]?.extensions).toMatchObject({
      reason: "ORDER_NOTIONAL",
      limit: "400",
      requested: "500",
      remaining: "400",
    });
    expect(await balances(ex, user.bearer)).toEqual(before);
    expect((await ex.gql(MY_ORDER_COUNT, {}, user.bearer)).data?.orders.edges).toEqual([]);

    const within = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "40000", "0.01") },
      key.header,
    );
    expect(within.data?.placeOrder.status).toBe("PENDING");
    // A session of the same user has no guardrails.
    const bySession = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "40000", "0.0125") },
      user.bearer,
    );
    expect(bySession.data?.placeOrder.status).toBe("PENDING");
  });

  it("refuses a market not allowed, and a dry-run key, pointing at previewOrder", async () => {
    const user = await fundedUser(ex, "guard-market", { USDT: "10000" });
    const key = await guardedKey(user, { allowedMarkets: ["BTC_USDT"] });
    const other = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("ETH_USDT", "2000", "0.1") },
      key.header,
    );
    expect(codeOf(other)).toBe("FORBIDDEN");
    expect(other.errors?.[0]?.extensions).toMatchObject({
      reason: "MARKET_NOT_ALLOWED",
      market: "ETH_USDT",
      allowedMarkets: ["BTC_USDT"],
    });

    const dry = await guardedKey(user, { dryRun: true });
    const refused = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "40000", "0.01") },
      dry.header,
    );
    expect(codeOf(refused)).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.extensions?.reason).toBe("DRY_RUN");
    expect(refused.errors?.[0]?.message).toContain("previewOrder");
    const preview = await ex.gql(
      PREVIEW,
      { input: limitBuy("BTC_USDT", "40000", "0.01") },
      dry.header,
    );
    expect(preview.data?.previewOrder).toMatchObject({
      notional: "400",
      notionalUsdt: "400",
      lockAsset: "USDT",
      lockAmount: "400",
      available: "10000",
      fundsSufficient: true,
      estimatedFillAmount: "0",
      estimatedAveragePrice: null,
      dryRun: true,
    });
    expect((await ex.gql(MY_ORDER_COUNT, {}, user.bearer)).data?.orders.edges).toEqual([]);
  });

  it("answers a retry with its order even when the day's notional is spent by that very order", async () => {
    // Found by the hostile review: the retry counted its notional again and was refused.
    const user = await fundedUser(ex, "guard-retry", { USDT: "1000" });
    const key = await guardedKey(user, { maxDailyNotional: "75" });
    const order = { ...limitBuy("BTC_USDT", "30000", "0.002"), clientOrderId: "dx" }; // 60 USDT
    const first = await ex.gql(PLACE_ORDER, { input: order }, key.header);
    expect(first.data?.placeOrder.status).toBe("PENDING");
    const retry = await ex.gql(PLACE_ORDER, { input: order }, key.header);
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.placeOrder.id).toBe(first.data!.placeOrder.id);
    // A new order over what is left is still refused.
    const over = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "30000", "0.001") },
      key.header,
    );
    expect(codeOf(over)).toBe("GUARDRAIL_EXCEEDED");
  });

  it("never passes maxDailyNotional under concurrent placements; refusals and cancels give nothing back", async () => {
    const user = await fundedUser(ex, "guard-daily", { USDT: "100000" });
    const key = await guardedKey(user, { maxDailyNotional: "1000" });
    // 20 orders of 98 USDT at once: exactly 10 fit (980), the other 10 are refused. Half go to
    // ETH_USDT, so they are not queued behind each other in this process (orders.service runs
    // one (user, market) at a time): the daily row's lock alone keeps the sum.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ex.gql(
          PLACE_ORDER,
          {
            input:
              i % 2 === 0
                ? limitBuy("BTC_USDT", "49000", "0.002")
                : limitBuy("ETH_USDT", "980", "0.1"),
          },
          key.header,
        ),
      ),
    );
    const placed = answers.filter((a) => a.data?.placeOrder);
    const refused = answers.filter((a) => codeOf(a) === "GUARDRAIL_EXCEEDED");
    expect([placed.length, refused.length]).toEqual([10, 10]);
    expect(refused[0]!.errors?.[0]?.extensions).toMatchObject({
      reason: "DAILY_NOTIONAL",
      limit: "1000",
      requested: "98",
      remaining: "20",
    });
    const used = async () =>
      (await ex.gql(KEY_GUARDRAILS, {}, user.bearer)).data!.apiKeys.find((k) => k.id === key.id)!
        .guardrails;
    expect(await used()).toEqual({
      maxDailyNotional: "1000",
      dailyNotionalUsed: "980",
      dailyNotionalRemaining: "20",
    });
    // Locked funds match the 10 orders placed: the refused ones changed nothing.
    expect((await balances(ex, user.bearer)).USDT).toMatchObject({ locked: "980" });

    const first = placed[0]!.data!.placeOrder;
    await waitForStatus(ex, user.bearer, first.id, ["OPEN"]);
    expect(codeOf(await cancelOrder(ex, key.header, first.id))).toBeUndefined();
    await waitForStatus(ex, user.bearer, first.id, ["CANCELLED"]);
    expect((await used()).dailyNotionalUsed).toBe("980");
    const still = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "49000", "0.002") },
      key.header,
    );
    expect(codeOf(still)).toBe("GUARDRAIL_EXCEEDED");
    // 20 USDT fits; what the placement itself refuses does not count.
    const poor = await fundedUser(ex, "guard-poor", { USDT: "10" });
    const poorKey = await guardedKey(poor, { maxDailyNotional: "100" });
    const unfunded = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("BTC_USDT", "49000", "0.0004") },
      poorKey.header,
    );
    expect(codeOf(unfunded)).toBe("INSUFFICIENT_FUNDS");
    const poorUsed = (await ex.gql(KEY_GUARDRAILS, {}, poor.bearer)).data!.apiKeys[0]!.guardrails;
    expect(poorUsed.dailyNotionalUsed).toBe("0");
    await ex.waitUntilSettled();
  });

  it("a retried clientOrderId is no way around dry-run or allowed markets, nor onto another order", async () => {
    const user = await fundedUser(ex, "guard-retry", { USDT: "10000" });
    const placed = await ex.gql(
      PLACE_ORDER,
      { input: { ...limitBuy("ETH_USDT", "2000", "0.1"), clientOrderId: "retry-1" } },
      user.bearer,
    );
    expect(placed.data?.placeOrder.status).toBe("PENDING");
    const dry = await guardedKey(user, { dryRun: true, allowedMarkets: ["BTC_USDT"] });
    const retried = await ex.gql(
      PLACE_ORDER,
      { input: { ...limitBuy("ETH_USDT", "2000", "0.1"), clientOrderId: "retry-1" } },
      dry.header,
    );
    expect(codeOf(retried)).toBe("FORBIDDEN");
    expect(retried.data).toBeNull();
    const kept = await guardedKey(user, { allowedMarkets: ["BTC_USDT"] });
    const elsewhere = await ex.gql(
      PLACE_ORDER,
      { input: { ...limitBuy("ETH_USDT", "2000", "0.1"), clientOrderId: "retry-1" } },
      kept.header,
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ reason: "MARKET_NOT_ALLOWED" });
    // The id names an ETH_USDT order: asking for BTC_USDT with it is refused, not answered with it.
    const crossed = await ex.gql(
      PLACE_ORDER,
      { input: { ...limitBuy("BTC_USDT", "40000", "0.01"), clientOrderId: "retry-1" } },
      kept.header,
    );
    expect(codeOf(crossed)).toBe("BAD_USER_INPUT");
    expect(crossed.errors?.[0]?.extensions).toMatchObject({
      field: "clientOrderId",
      reason: "CLIENT_ORDER_ID_IN_USE",
    });
    // The same request again is still the same order.
    const again = await ex.gql(
      PLACE_ORDER,
      { input: { ...limitBuy("ETH_USDT", "2000", "0.1"), clientOrderId: "retry-1" } },
      user.bearer,
    );
    expect(again.data?.placeOrder.id).toBe(placed.data?.placeOrder.id);
    const orders = (await ex.gql(MY_ORDER_COUNT, {}, user.bearer)).data?.orders.edges ?? [];
    expect(orders).toHaveLength(1);
    await ex.waitUntilSettled();
  });

  it("values a market quoted in BTC through BTC_USDT, at its highest price", async () => {
    const user = await fundedUser(ex, "guard-ethbtc", { BTC: "1" });
    const key = await guardedKey(user, { maxOrderNotional: "200" });
    // A lone low bid (anyone's) must not shrink what the key's orders are worth.
    const lowballer = await fundedUser(ex, "guard-lowball", { USDT: "1000" });
    const low = await placeLimit(ex, lowballer.bearer, "BUY", "90", "1");
    await waitForStatus(ex, lowballer.bearer, low.id, ["OPEN"]);
    await poll(
      () => ex.gql(ORDER_BOOK, { market: "BTC_USDT" }),
      (r) => r.data?.orderBook.bids.some((level) => level.price === "90") ?? false,
      { timeoutMs: 10_000, intervalMs: 50, failure: () => "the low bid never reached the book" },
    );
    // 0.1 ETH at 0.05 BTC = 0.005 BTC; × BTC_USDT's highest price (the 51,000 ask) = 255 USDT.
    const order = limitBuy("ETH_BTC", "0.05", "0.1");
    const preview = await ex.gql(PREVIEW, { input: order }, user.bearer);
    expect(preview.data?.previewOrder).toMatchObject({
      quoteAsset: "BTC",
      notional: "0.005",
      notionalUsdt: "255",
    });
    const over = await ex.gql(PLACE_ORDER, { input: order }, key.header);
    expect(codeOf(over)).toBe("GUARDRAIL_EXCEEDED");
    expect(over.errors?.[0]?.extensions).toMatchObject({ requested: "255", limit: "200" });
    const keyPreview = await ex.gql(PREVIEW, { input: order }, key.header);
    expect(codeOf(keyPreview)).toBe("GUARDRAIL_EXCEEDED");
    await cancelOrder(ex, lowballer.bearer, low.id);
    await waitForStatus(ex, lowballer.bearer, low.id, ["CANCELLED"]);
    // 0.1 × 0.039 = 0.0039 BTC × 51,000 = 198.9 USDT: within.
    const within = await ex.gql(
      PLACE_ORDER,
      { input: limitBuy("ETH_BTC", "0.039", "0.1") },
      key.header,
    );
    expect(within.data?.placeOrder.status).toBe("PENDING");
    await ex.waitUntilSettled();
  });
});

describe("previewOrder", () => {
  it("prices a MARKET BUY from the book at the caller's taker rate, for anyone", async () => {
    const input: PlaceOrderInput = {
      market: "BTC_USDT",
      side: "BUY",
      type: "MARKET",
      quoteAmount: "255",
    };
    const anonymous = await ex.gql(PREVIEW, { input });
    expect(anonymous.data?.previewOrder).toEqual({
      notional: "255",
      notionalUsdt: "255",
      quoteAsset: "USDT",
      lockAsset: "USDT",
      lockAmount: "255",
      available: null,
      fundsSufficient: null,
      estimatedFillAmount: "0.005",
      estimatedFillQuote: "255",
      estimatedAveragePrice: "51000",
      levelsTaken: 1,
      takerFeeRate: "0.001",
      feeAsset: "BTC",
      estimatedFee: "0.000005",
      dailyNotionalRemaining: null,
      dryRun: false,
    });
    const user = await fundedUser(ex, "guard-preview", { USDT: "100" });
    const mine = await ex.gql(PREVIEW, { input }, user.bearer);
    expect(mine.data?.previewOrder).toMatchObject({ available: "100", fundsSufficient: false });
    const bad = await ex.gql(PREVIEW, { input: { ...input, quoteAmount: "1" } });
    expect(codeOf(bad)).toBe("BAD_USER_INPUT");
  });
});
