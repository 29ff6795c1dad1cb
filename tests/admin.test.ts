import { redactUrl } from "../db/client.ts";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import {
  Kind,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLInputType,
} from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MarketStatus } from "../client/generated/graphql.ts";
import { PLACE_ORDER, graphql } from "../client/index.ts";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { DomainError } from "../kernel/errors.ts";
import { loadSchema } from "../resolvers/schema.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";
import { changeUserRole } from "../services/user-role.service.ts";
import {
  balances,
  cancelOrder,
  codeOf,
  fundedUser,
  newApiKey,
  newUser,
  placeLimit,
  poll,
  startExchange,
  until,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";

// Issue 13: operators administer assets and markets through GraphQL. Every test opens markets of
// its own through the admin API, so the tests share nothing but the admin.

const CREATE_ASSET = graphql(`
  mutation AdminCreateAsset($input: CreateAssetInput!) {
    createAsset(input: $input) {
      symbol
      name
      decimals
      withdrawalFee
    }
  }
`);

const CREATE_MARKET = graphql(`
  mutation AdminCreateMarket($input: CreateMarketInput!) {
    createMarket(input: $input) {
      symbol
      base
      quote
      tickSize
      lotSize
      minNotional
      makerFee
      takerFee
      priceBandPercent
      status
    }
  }
`);

const UPDATE_MARKET = graphql(`
  mutation AdminUpdateMarket($input: UpdateMarketInput!) {
    updateMarket(input: $input) {
      symbol
      makerFee
      takerFee
      minNotional
      priceBandPercent
    }
  }
`);

const SET_MARKET_STATUS = graphql(`
  mutation AdminSetMarketStatus($market: String!, $status: MarketStatus!) {
    setMarketStatus(market: $market, status: $status) {
      symbol
      status
    }
  }
`);

const AUDIT_LOG = graphql(`
  query AdminAuditLog($target: String, $first: Int, $after: String) {
    auditLog(target: $target, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          actor {
            id
            email
          }
          action
          target
          before
          after
          at
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MARKETS = graphql(`
  query AdminMarkets {
    markets {
      symbol
      status
      takerFee
    }
  }
`);

const MY_TRADES = graphql(`
  query AdminMyTrades($market: String!) {
    myTrades(market: $market) {
      edges {
        node {
          orderId
          liquidity
          fee
          feeAsset
        }
      }
    }
  }
`);

const MARKET_DATA = graphql(`
  query AdminMarketData($market: String!) {
    ticker(market: $market) {
      last
      numberOfTrades
    }
    candles(market: $market, interval: M1) {
      data {
        close
        numberOfTrades
      }
    }
  }
`);

let ex: Exchange;
/** A process of the operator's own, to force an API's view of a market stale (see `staleView`). */
let operator: Dependencies;
let admin: TestUser;

beforeAll(async () => {
  ex = await startExchange();
  operator = await createDependencies(ex.config, "test-operator", { poolSize: 1 });
  admin = await newUser(ex, "admin");
  await changeUserRole(ex.deps.db, { email: admin.email, role: "ADMIN" });
});
afterEach(async () => {
  await ex.checkInvariants();
});
afterAll(async () => {
  await operator?.close();
  await ex?.stop();
});

const unique = (tag: string) => `${tag}${randomBytes(3).toString("hex")}`.toUpperCase();

/** Lists an asset and opens <asset>_USDT through the admin API; answers the market's symbol. */
async function openMarket(tag: string, fees = { makerFee: "0.001", takerFee: "0.002" }) {
  const asset = unique(tag);
  const listed = await ex.gql(
    CREATE_ASSET,
    { input: { symbol: asset, name: `${tag} coin`, decimals: 8, withdrawalFee: "0.001" } },
    admin.bearer,
  );
  expect(listed.errors).toBeUndefined();
  const symbol = `${asset}_USDT`;
  const opened = await ex.gql(
    CREATE_MARKET,
    {
      input: {
        symbol,
        base: asset,
        quote: "USDT",
        tickSize: "0.01",
        lotSize: "0.001",
        minNotional: "1",
        ...fees,
        priceBandPercent: null,
      },
    },
    admin.bearer,
  );
  expect(opened.errors).toBeUndefined();
  return { asset, symbol };
}

async function setStatus(market: string, status: MarketStatus) {
  const res = await ex.gql(SET_MARKET_STATUS, { market, status }, admin.bearer);
  expect(res.errors).toBeUndefined();
  expect(res.data!.setMarketStatus).toEqual({ symbol: market, status });
}

/**
 * Puts the `markets` row back to TRADING by SQL, without a command, and tells every process: the
 * API now takes orders the matcher, which got the status command, must reject — as an API
 * process that has not heard of the change yet would.
 */
async function staleView(market: string) {
  await operator.pool.query(`UPDATE markets SET status = 'TRADING' WHERE symbol = $1`, [market]);
  await publishMarketsChanged(operator, [market]);
}

/** Puts the row back as the matcher has it (no command: the matcher already has it). */
async function restoreView(market: string, status: MarketStatus) {
  await operator.pool.query(`UPDATE markets SET status = $2 WHERE symbol = $1`, [market, status]);
  await publishMarketsChanged(operator, [market]);
}

/** The matcher (of any platform running) that holds the market, and the book's status there. */
function matcherStatus(market: string): string | undefined {
  return ex.platform.matcher()?.book(market)?.status;
}

async function tradesOf(user: TestUser, market: string) {
  const res = await ex.gql(MY_TRADES, { market }, user.bearer);
  return res.data!.myTrades.edges.map((e) => e.node);
}

/**
 * While the market is not TRADING: the API refuses a crossing order with `code`; with the API's
 * view forced stale, the order is taken but the matcher rejects it — no trade, funds released.
 */
async function expectNoNewOrders(market: string, status: MarketStatus, code: string) {
  const buyer = await fundedUser(ex, "closed-buyer", { USDT: "100" });
  const refused = await ex.gql(PLACE_ORDER, { input: crossingBuy(market) }, buyer.bearer);
  expect(codeOf(refused)).toBe(code);
  expect(refused.errors![0]!.extensions).toMatchObject({ market });

  await until(() => matcherStatus(market) === status, 10_000);
  await expectRejectedByTheMatcher(market, status, buyer);
  expect(await tradesOf(buyer, market)).toEqual([]);
}

const crossingBuy = (market: string) =>
  ({ market, side: "BUY", type: "LIMIT", price: "10", amount: "1" }) as const;

/**
 * With the API's view forced stale, a crossing order is taken by the API and rejected by the
 * matcher, which holds `status`: REJECTED, and the buyer's funds are all available again.
 */
async function expectRejectedByTheMatcher(market: string, status: MarketStatus, buyer?: TestUser) {
  buyer ??= await fundedUser(ex, "stale-buyer", { USDT: "100" });
  await staleView(market);
  // Once the API has heard the (stale) change, it takes the order.
  const taken = await poll(
    () => ex.gql(PLACE_ORDER, { input: crossingBuy(market) }, buyer.bearer),
    (r) => r.data !== undefined && r.data !== null,
    { timeoutMs: 5_000, failure: (r) => JSON.stringify(r.errors) },
  );
  await waitForStatus(ex, buyer.bearer, taken.data!.placeOrder.id, ["REJECTED"]);
  await restoreView(market, status);
  expect((await balances(ex, buyer.bearer)).USDT).toEqual({ available: "100", locked: "0" });
}

describe("npm run user:role", () => {
  it("promotes and demotes by email, records it, and refuses unknown emails and roles", async () => {
    const user = await newUser(ex, "role");
    const refusal = (run: Promise<unknown>) =>
      run.then(
        () => null,
        (e: unknown) => (e instanceof DomainError ? { code: e.code, ...e.details } : e),
      );
    expect(
      await refusal(changeUserRole(ex.deps.db, { email: "nobody@example.test", role: "ADMIN" })),
    ).toEqual({ code: "BAD_USER_INPUT", field: "email" });
    expect(await refusal(changeUserRole(ex.deps.db, { email: user.email, role: "ROOT" }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "role",
    });
    expect(
      await refusal(changeUserRole(ex.deps.db, { email: "fees@eventhub.internal", role: "ADMIN" })),
    ).toEqual({ code: "BAD_USER_INPUT", field: "email" });

    // The script itself, against this test's database: what changed, no password hash.
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/user-role.ts", ...args], {
        cwd: resolve(import.meta.dirname, ".."),
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: ex.config.databaseUrl,
          JWT_SECRET: ex.config.jwtSecret,
        },
      }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const promoted = await run("--email", user.email.toUpperCase(), "--role", "admin");
    expect(promoted).toEqual({
      code: 0,
      out: `${user.email} (role, ${user.id}): role USER → ADMIN\n`,
    });
    expect(promoted.out).not.toContain("scrypt");
    expect((await run("--email", user.email, "--role", "ADMIN")).out).toContain(
      "already ADMIN; nothing changed",
    );
    // It names the database it searched (password-free), so a wrong DATABASE_URL shows.
    expect(await run("--email", "nobody@example.test", "--role", "ADMIN")).toEqual({
      code: 1,
      out: `user:role: no user has the email nobody@example.test (in ${redactUrl(ex.config.databaseUrl)})\n`,
    });
    const nowhere = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/user-role.ts", "--email", user.email, "--role", "ADMIN"],
      {
        cwd: resolve(import.meta.dirname, ".."),
        env: { ...process.env, NODE_ENV: "test", DATABASE_URL: `${ex.config.databaseUrl}_none` },
      },
    ).then(
      () => ({ code: 0, out: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.out).toMatch(/^user:role: cannot reach .*_none: .*use the DATABASE_URL/);
    expect((await run("--email", user.email)).code).toBe(2);

    // The promoted session administers at once; demoted, it is refused at once.
    const trail = await ex.gql(AUDIT_LOG, { target: `user:${user.id}` }, user.bearer);
    expect(trail.data!.auditLog.edges.map((e) => e.node)).toMatchObject([
      { action: "setUserRole", actor: null, before: '{"role":"USER"}', after: '{"role":"ADMIN"}' },
    ]);
    const demoted = await changeUserRole(ex.deps.db, { email: user.email, role: "USER" });
    expect(demoted).toMatchObject({ from: "ADMIN", to: "USER", changed: true });
    expect(codeOf(await ex.gql(AUDIT_LOG, {}, user.bearer))).toBe("FORBIDDEN");
  });
});

describe("assets and markets", () => {
  it("lists an asset and opens a market that trades, settles and has market data without a restart", async () => {
    const { asset, symbol } = await openMarket("NEW");
    const listed = await ex.gql(MARKETS, {}, admin.bearer);
    expect(listed.data!.markets).toContainEqual({ symbol, status: "TRADING", takerFee: "0.002" });

    const seller = await fundedUser(ex, "new-seller", { [asset]: "5" });
    const buyer = await fundedUser(ex, "new-buyer", { USDT: "100" });
    const sell = await placeLimit(ex, seller.bearer, "SELL", "12.5", "2", symbol);
    await waitForStatus(ex, seller.bearer, sell.id, ["OPEN"]);
    const buy = await placeLimit(ex, buyer.bearer, "BUY", "13", "2", symbol);
    await waitForStatus(ex, buyer.bearer, buy.id, ["FILLED"]);

    // 2 bought at the maker's 12.5; the taker pays 0.2 % of what it receives.
    expect(await tradesOf(buyer, symbol)).toEqual([
      { orderId: buy.id, liquidity: "TAKER", fee: "0.004", feeAsset: asset },
    ]);
    expect((await balances(ex, buyer.bearer))[asset]).toEqual({
      available: "1.996",
      locked: "0",
    });
    const data = await poll(
      () => ex.gql(MARKET_DATA, { market: symbol }),
      (r) => r.data?.ticker.numberOfTrades === 1 && r.data.candles.data.length === 1,
      { timeoutMs: 10_000, failure: (r) => JSON.stringify(r) },
    );
    expect(data.data!.ticker.last).toBe("12.5");
    expect(data.data!.candles.data[0]).toEqual({ close: "12.5", numberOfTrades: 1 });
  });

  it("refuses duplicates and broken rules with typed errors, changing nothing", async () => {
    const { asset, symbol } = await openMarket("DUP");
    const again = await ex.gql(
      CREATE_ASSET,
      { input: { symbol: asset, name: "again", decimals: 2, withdrawalFee: "0" } },
      admin.bearer,
    );
    expect(again.errors![0]!.extensions).toMatchObject({ code: "ALREADY_EXISTS", field: "symbol" });
    const market = {
      symbol,
      base: asset,
      quote: "USDT",
      tickSize: "0.01",
      lotSize: "0.001",
      minNotional: "1",
      makerFee: "0.001",
      takerFee: "0.001",
    };
    const twice = await ex.gql(CREATE_MARKET, { input: market }, admin.bearer);
    expect(twice.errors![0]!.extensions).toMatchObject({ code: "ALREADY_EXISTS", field: "symbol" });
    const cases: [Record<string, unknown>, string][] = [
      [{ symbol: "USDT_USDT", base: "USDT" }, "quote"],
      // 0.00000001 × 0.001 needs 11 decimals; USDT has 8.
      [{ tickSize: "0.00000001" }, "tickSize"],
      [{ symbol: "NOPE_USDT", base: "NOPE" }, "base"],
      [{ takerFee: "1.5" }, "takerFee"],
      [{ lotSize: "0.000000001" }, "lotSize"],
      [{ priceBandPercent: "0" }, "priceBandPercent"],
      [{ symbol: "BTCUSDT" }, "symbol"],
    ];
    for (const [change, field] of cases) {
      const res = await ex.gql(CREATE_MARKET, { input: { ...market, ...change } }, admin.bearer);
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const unknown = await ex.gql(
      UPDATE_MARKET,
      { input: { symbol: "NOPE_USDT", takerFee: "0.1" } },
      admin.bearer,
    );
    expect(codeOf(unknown)).toBe("MARKET_NOT_FOUND");
    const nothing = await ex.gql(UPDATE_MARKET, { input: { symbol } }, admin.bearer);
    expect(nothing.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(
      codeOf(await ex.gql(SET_MARKET_STATUS, { market: "NOPE", status: "HALTED" }, admin.bearer)),
    ).toBe("MARKET_NOT_FOUND");
    const trail = await ex.gql(AUDIT_LOG, { target: `market:${symbol}` }, admin.bearer);
    expect(trail.data!.auditLog.edges.map((e) => e.node.action)).toEqual(["createMarket"]);
  });

  it("settles a trade matched after updateMarket with the new fees", async () => {
    const { asset, symbol } = await openMarket("FEE");
    const seller = await fundedUser(ex, "fee-seller", { [asset]: "10" });
    const buyer = await fundedUser(ex, "fee-buyer", { USDT: "1000" });
    const trade = async () => {
      const sell = await placeLimit(ex, seller.bearer, "SELL", "10", "1", symbol);
      await waitForStatus(ex, seller.bearer, sell.id, ["OPEN"]);
      const buy = await placeLimit(ex, buyer.bearer, "BUY", "10", "1", symbol);
      await waitForStatus(ex, buyer.bearer, buy.id, ["FILLED"]);
      const fee = (user: TestUser, id: string) =>
        tradesOf(user, symbol).then((t) => t.find((x) => x.orderId === id)?.fee);
      return { taker: await fee(buyer, buy.id), maker: await fee(seller, sell.id) };
    };
    expect(await trade()).toEqual({ taker: "0.002", maker: "0.01" });

    const updated = await ex.gql(
      UPDATE_MARKET,
      { input: { symbol, takerFee: "0.005", makerFee: "0", priceBandPercent: "50" } },
      admin.bearer,
    );
    expect(updated.data!.updateMarket).toEqual({
      symbol,
      makerFee: "0",
      takerFee: "0.005",
      minNotional: "1",
      priceBandPercent: "50",
    });
    // Right after the mutation returns: 0.5 % of 1 for the taker, nothing for the maker.
    expect(await trade()).toEqual({ taker: "0.005", maker: "0" });

    const trail = await ex.gql(AUDIT_LOG, { target: `market:${symbol}` }, admin.bearer);
    const change = trail.data!.auditLog.edges[0]!.node;
    expect(change).toMatchObject({
      action: "updateMarket",
      actor: { email: admin.email },
    });
    expect(JSON.parse(change.before!)).toMatchObject({ takerFee: "0.002", makerFee: "0.001" });
    expect(JSON.parse(change.after!)).toMatchObject({
      takerFee: "0.005",
      makerFee: "0",
      priceBandPercent: "50",
    });
  });
});

describe("market status, enforced by the matcher", () => {
  it("HALTED and CANCEL_ONLY take no orders and match nothing, cancels work, TRADING trades again", async () => {
    const { asset, symbol } = await openMarket("HALT");
    const seller = await fundedUser(ex, "halt-seller", { [asset]: "10" });
    const resting = await placeLimit(ex, seller.bearer, "SELL", "10", "1", symbol);
    await waitForStatus(ex, seller.bearer, resting.id, ["OPEN"]);

    await setStatus(symbol, "HALTED");
    await expectNoNewOrders(symbol, "HALTED", "MARKET_HALTED");
    expect(codeOf(await cancelOrder(ex, seller.bearer, resting.id))).toBeUndefined();
    await waitForStatus(ex, seller.bearer, resting.id, ["CANCELLED"]);

    await setStatus(symbol, "TRADING");
    const second = await placeLimit(ex, seller.bearer, "SELL", "10", "1", symbol);
    await waitForStatus(ex, seller.bearer, second.id, ["OPEN"]);
    await setStatus(symbol, "CANCEL_ONLY");
    await expectNoNewOrders(symbol, "CANCEL_ONLY", "MARKET_CANCEL_ONLY");
    expect(codeOf(await cancelOrder(ex, seller.bearer, second.id))).toBeUndefined();
    await waitForStatus(ex, seller.bearer, second.id, ["CANCELLED"]);
    expect((await balances(ex, seller.bearer))[asset]).toEqual({ available: "10", locked: "0" });

    await setStatus(symbol, "TRADING");
    const buyer = await fundedUser(ex, "reopen-buyer", { USDT: "100" });
    const sell = await placeLimit(ex, seller.bearer, "SELL", "10", "1", symbol);
    const buy = await placeLimit(ex, buyer.bearer, "BUY", "10", "1", symbol);
    await waitForStatus(ex, buyer.bearer, buy.id, ["FILLED"]);
    await waitForStatus(ex, seller.bearer, sell.id, ["FILLED"]);

    const trail = await ex.gql(AUDIT_LOG, { target: `market:${symbol}`, first: 2 }, admin.bearer);
    const [last, previous] = trail.data!.auditLog.edges.map((e) => e.node);
    expect(last).toMatchObject({ action: "setMarketStatus", actor: { id: admin.id } });
    expect(JSON.parse(last!.before!)).toMatchObject({ status: "CANCEL_ONLY" });
    expect(JSON.parse(last!.after!)).toMatchObject({ status: "TRADING" });
    expect(JSON.parse(previous!.after!)).toMatchObject({ status: "CANCEL_ONLY" });
    // The rest of the trail, a page on: TRADING, HALTED, createMarket.
    const more = await ex.gql(
      AUDIT_LOG,
      { target: `market:${symbol}`, after: trail.data!.auditLog.pageInfo.endCursor },
      admin.bearer,
    );
    expect(more.data!.auditLog.edges.map((e) => [e.node.action, statusIn(e.node.after)])).toEqual([
      ["setMarketStatus", "TRADING"],
      ["setMarketStatus", "HALTED"],
      ["createMarket", "TRADING"],
    ]);
    expect(more.data!.auditLog.pageInfo.hasNextPage).toBe(false);
  });

  it("keeps a halt across a matcher crash (replay) and a hand-over (snapshot)", async () => {
    const { symbol } = await openMarket("KEEP");
    await setStatus(symbol, "HALTED");
    await until(() => matcherStatus(symbol) === "HALTED", 10_000);

    // A crash: a standby replays the command stream from the last snapshot.
    const standby = await ex.start(["matcher"]);
    await ex.platform.matcher()!.kill();
    await until(() => standby.matcher()!.book(symbol)?.status === "HALTED", 15_000);
    await expectRejectedByTheMatcher(symbol, "HALTED");

    // A hand-over: the snapshot written on stop holds the status, and the next one restores it.
    await standby.matcher()!.stop();
    const { rows } = await ex.deps.pool.query<{ status: string }>(
      `SELECT state->>'status' AS status FROM matcher_snapshots WHERE market = $1`,
      [symbol],
    );
    expect(rows).toEqual([{ status: "HALTED" }]);
    const next = await ex.start(["matcher"]);
    await until(() => next.matcher()!.book(symbol)?.status === "HALTED", 15_000);
    await expectRejectedByTheMatcher(symbol, "HALTED");
  });
});

/** The `status` of an audit entry's before/after JSON. */
function statusIn(json: string | null | undefined): unknown {
  return (JSON.parse(json ?? "null") as { status?: unknown } | null)?.status;
}

describe("every @admin field", () => {
  it("is UNAUTHENTICATED anonymous, FORBIDDEN to a user's session and to an admin's API key", async () => {
    const fields = adminFields();
    // Those of this issue at least; fields other helpers mark later are walked the same way.
    for (const name of [
      "createAsset",
      "createMarket",
      "updateMarket",
      "setMarketStatus",
      "auditLog",
    ])
      expect(fields.map((f) => f.field)).toContain(name);

    const user = await newUser(ex, "not-admin");
    const key = await newApiKey(ex, admin, ["READ", "TRADE"]);
    const callers: [string, Record<string, string>, string][] = [
      ["anonymous", {}, "UNAUTHENTICATED"],
      ["a user's session", user.bearer, "FORBIDDEN"],
      ["an admin's API key", key.header, "FORBIDDEN"],
    ];
    for (const { field, operation, document, variables } of fields) {
      for (const [who, headers, code] of callers) {
        const res = await ex.gql(document, variables, headers);
        expect(codeOf(res), `${operation} as ${who}: ${JSON.stringify(res)}`).toBe(code);
        expect(res.data?.[field] ?? null).toBeNull();
      }
    }
  });
});

/**
 * Every root field carrying @admin in schema/*.graphql, as a document that calls it with
 * type-correct dummy values for its required arguments (and their input objects' required
 * fields, recursively), found by parsing the SDL — so fields added later are walked too.
 */
function adminFields() {
  const dir = resolve(import.meta.dirname, "../schema");
  const schema = loadSchema();
  const found: {
    field: string;
    operation: string;
    document: string;
    variables: Record<string, unknown>;
  }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".graphql"))) {
    const ast = parse(readFileSync(resolve(dir, file), "utf8"));
    for (const definition of ast.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      )
        continue;
      for (const fieldNode of definition.fields ?? []) {
        if (!fieldNode.directives?.some((d) => d.name.value === "admin")) continue;
        const typeName = definition.name.value;
        const name = fieldNode.name.value;
        const operation = { Query: "query", Mutation: "mutation" }[typeName];
        if (!operation)
          throw new Error(`@admin on ${typeName}.${name}: teach this walker to reach it`);
        const root = typeName === "Query" ? schema.getQueryType() : schema.getMutationType();
        const resolved = root!.getFields()[name]!;
        const variables: Record<string, unknown> = {};
        const declared: string[] = [];
        const passed: string[] = [];
        for (const arg of resolved.args) {
          if (!isNonNullType(arg.type)) continue;
          variables[arg.name] = dummy(arg.type, `${typeName}.${name}(${arg.name})`);
          declared.push(`$${arg.name}: ${String(arg.type)}`);
          passed.push(`${arg.name}: $${arg.name}`);
        }
        const returns = getNamedType(resolved.type);
        const selection = isScalarType(returns) || isEnumType(returns) ? "" : " { __typename }";
        const head = declared.length ? `(${declared.join(", ")})` : "";
        const call = passed.length ? `(${passed.join(", ")})` : "";
        found.push({
          field: name,
          operation: `${typeName}.${name}`,
          document: `${operation} Admin_${name}${head} { ${name}${call}${selection} }`,
          variables,
        });
      }
    }
  }
  return found;
}

/** A value of the input type that passes GraphQL's own checks (the resolver must refuse first). */
function dummy(type: GraphQLInputType, where: string): unknown {
  if (isNonNullType(type)) return dummy(type.ofType, where);
  if (isListType(type)) return [dummy(type.ofType, where)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type))
        value[field.name] = dummy(field.type, `${where}.${field.name}`);
    }
    return value;
  }
  const scalars: Record<string, unknown> = {
    String: "X",
    ID: "00000000-0000-4000-8000-000000000000",
    Int: 1,
    Float: 1,
    Boolean: false,
    Decimal: "1",
    DateTime: "2026-01-01T00:00:00Z",
  };
  if (!(type.name in scalars)) throw new Error(`${where}: no dummy value for scalar ${type.name}`);
  return scalars[type.name];
}
