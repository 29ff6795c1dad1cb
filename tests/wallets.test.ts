import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { DEPOSIT, WALLETS, graphql } from "../client/index.ts";
import { newUser, startApi, type TestApi } from "./kit/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

const LEDGER_PAGE = graphql(`
  query WalletsLedgerPage($after: String) {
    ledger(asset: "ETH", first: 2, after: $after) {
      edges {
        cursor
        node {
          availableDelta
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const LEDGER_ASSETS = graphql(`
  query WalletsLedgerAssets {
    ledger {
      edges {
        node {
          asset
        }
      }
    }
  }
`);
const WALLETS_AND_LEDGER = graphql(`
  query WalletsOfAnother {
    wallets {
      asset
      available
    }
    ledger {
      edges {
        cursor
      }
    }
  }
`);

describe("wallets and the ledger", () => {
  it("concurrent deposits sum exactly and each has its ledger row", async () => {
    const user = await newUser(api, "concurrent");
    const amounts = Array.from(
      { length: 60 },
      (_, i) =>
        `${i}.${String((i + 1) * 7919)
          .padStart(8, "0")
          .slice(-8)}`,
    );
    const results = await Promise.all(
      amounts.map((amount) => api.gql(DEPOSIT, { asset: "ETH", amount }, user.bearer)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);

    const expected = amounts.reduce((sum, a) => sum + parseDecimal(a, 8), 0n);
    const wallets = await api.gql(WALLETS, {}, user.bearer);
    expect(wallets.data?.wallets.find((w) => w.asset === "ETH")).toEqual({
      asset: "ETH",
      available: formatDecimal(expected),
      locked: "0",
    });

    const { rows } = await api.deps.pool.query<{
      available_delta: string;
      available_after: string;
    }>(
      `SELECT available_delta, available_after FROM ledger_entries WHERE user_id = $1 ORDER BY id`,
      [user.id],
    );
    expect(rows).toHaveLength(amounts.length);
    // Rows are a running balance: each "after" is the previous one plus its delta.
    let running = 0n;
    for (const row of rows) {
      running += parseDecimal(row.available_delta);
      expect(parseDecimal(row.available_after)).toBe(running);
    }
    expect(running).toBe(expected);
  });

  it("the ledger pages newest first with cursors, filtered by asset", async () => {
    const user = await newUser(api, "pages");
    for (let i = 1; i <= 5; i++)
      await api.gql(DEPOSIT, { asset: "ETH", amount: String(i) }, user.bearer);
    await api.gql(DEPOSIT, { asset: "BTC", amount: "0.5" }, user.bearer);

    const page = (after?: string | null) => api.gql(LEDGER_PAGE, { after }, user.bearer);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await page(after);
      seen.push(...res.data!.ledger.edges.map((e) => e.node.availableDelta));
      after = res.data?.ledger.pageInfo.endCursor;
      expect(res.data?.ledger.pageInfo.hasNextPage).toBe(i < 2);
    }
    expect(seen).toEqual(["5", "4", "3", "2", "1"]);

    const all = await api.gql(LEDGER_ASSETS, {}, user.bearer);
    expect(all.data?.ledger.edges.map((e) => e.node.asset)).toEqual([
      "BTC",
      "ETH",
      "ETH",
      "ETH",
      "ETH",
      "ETH",
    ]);
  });

  it("one user's ledger and wallets are invisible to another", async () => {
    const a = await newUser(api, "a");
    const b = await newUser(api, "b");
    await api.gql(DEPOSIT, { asset: "ETH", amount: "7" }, a.bearer);
    const theirs = await api.gql(WALLETS_AND_LEDGER, {}, b.bearer);
    expect(theirs.data?.ledger.edges).toEqual([]);
    expect(theirs.data?.wallets.every((w) => w.available === "0")).toBe(true);
  });

  it("the database refuses a negative balance even if code tried", async () => {
    const user = await newUser(api, "negative");
    await api.gql(DEPOSIT, { asset: "ETH", amount: "1" }, user.bearer);
    await expect(
      api.deps.pool.query(`UPDATE wallets SET available = available - 2 WHERE user_id = $1`, [
        user.id,
      ]),
    ).rejects.toThrow(/wallets_available_non_negative/);
  });
});
