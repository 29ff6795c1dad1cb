// npm run screenshot:web — a throwaway exchange with a day of history and a few trades, the
// trading page in headless Chromium at 1440×900, saved as docs/images/trading-page.png.
// SCREENSHOT_NARROW=<dir> also saves the page at 1024 and 390 px wide there (whole page), to check
// the narrow layouts by eye.
import { connect } from "@nats-io/transport-node";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { deleteStreams } from "../bus/jetstream.ts";
import { busNames } from "../bus/subjects.ts";
import { graphql } from "../client/generated/index.ts";
import { httpClient } from "../client/http.ts";
import { DEPOSIT, REGISTER } from "../client/operations.ts";
import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, ensureDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { createDependencies } from "../kernel/dependencies.ts";
import { importHistory } from "../services/marketdata-history.service.ts";
import { launchChromium, TradingPage } from "../web/e2e/trading-page.ts";
import { startPlatform } from "../workers/platform.ts";

const OUT = resolve(import.meta.dirname, "../docs/images/trading-page.png");
const MARKET = "BTC_USDT";

const LAST_CLOSE = graphql(`
  query ScreenshotLastClose($market: String!) {
    candles(market: $market, interval: M1, limit: 1) {
      data {
        close
      }
    }
  }
`);

const PLACE = graphql(`
  mutation ScreenshotPlace($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
    }
  }
`);

const run = randomBytes(3).toString("hex");
const server = process.env.DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const config = loadConfig({
  ...process.env,
  DATABASE_URL: `${server}/eventhub_screenshot_${run}`,
  EVENTHUB_NAMESPACE: `screenshot_${run}`,
  PORT: "0",
  LOG_LEVEL: "warn",
  DEMO_BOTS: "off",
});

await ensureDatabase(config.databaseUrl);
await migrateDatabase(config.databaseUrl);
const pool = createPool(config.databaseUrl, 1);
await seedDemoMarkets(createDatabase(pool));
await pool.end();
// A day of synthetic one-minute bars ending now, so every interval of the chart has bars.
const history = await createDependencies(config, "screenshot-history");
await importHistory(history, { market: MARKET, days: 1, seed: 7, end: new Date() });
await history.close();

const platform = await startPlatform(config);
const origin = `http://127.0.0.1:${platform.port}`;
const browser = await launchChromium();
try {
  const api = httpClient(`${origin}/graphql`);
  const close = (await api.request(LAST_CLOSE, { market: MARKET })).data!.candles.data[0]!.close;
  const mid = Math.round(Number(close));
  // Whole numbers: canonical decimals, as the page shows them.
  const price = (offset: number) => String(mid + offset);

  // A market maker through the API: ten levels a side around the last close.
  const maker = (
    await api.request(REGISTER, {
      input: { name: "Market maker", email: `mm-${run}@example.test`, password: "screenshot-mm-1" },
    })
  ).data!.register.token;
  const auth = { authorization: `Bearer ${maker}` };
  await api.request(DEPOSIT, { asset: "USDT", amount: "10000000" }, auth);
  await api.request(DEPOSIT, { asset: "BTC", amount: "100" }, auth);
  for (let level = 1; level <= 12; level++) {
    const amount = (0.05 * level + 0.013 * (level % 3)).toFixed(5);
    for (const side of ["BUY", "SELL"] as const) {
      const input = {
        market: MARKET,
        side,
        type: "LIMIT" as const,
        price: price(side === "BUY" ? -level * 3 : level * 3),
        amount,
      };
      await api.request(PLACE, { input }, auth);
    }
  }

  // Two people on the page: one takes liquidity, the other rests orders.
  const [alice, bob] = await Promise.all([
    TradingPage.open(browser, `${origin}/`),
    TradingPage.open(browser, `${origin}/`),
  ]);
  await alice.register(`alice-${run}@example.test`);
  await alice.faucet("USDT", "250000");
  await alice.faucet("BTC", "2");
  await bob.register(`bob-${run}@example.test`);
  await bob.faucet("USDT", "100000");
  await bob.faucet("BTC", "1");
  await bob.placeMarketBuy("9000");
  await bob.placeLimit("SELL", price(-4), "0.12");
  await bob.placeMarketBuy("4000");
  await bob.placeLimit("SELL", price(-7), "0.08");
  await alice.placeLimit("BUY", price(-20), "0.5");
  await alice.placeLimit("SELL", price(25), "0.25");
  await alice.placeLimit("BUY", price(-1), "0.04");
  await alice.openOrders().nth(2).waitFor();
  await alice.page.locator('[data-testid="trade-row"]').nth(4).waitFor();
  await alice.byTestId("ticker-last").filter({ hasText: /\d/ }).waitFor();
  // Let the last pushes (ticker, candles) land before the picture.
  await alice.page.waitForTimeout(800);
  mkdirSync(resolve(OUT, ".."), { recursive: true });
  await alice.page.screenshot({ path: OUT });
  console.log(`saved ${OUT}`);
  const narrowDir = process.env.SCREENSHOT_NARROW;
  if (narrowDir) {
    for (const [width, height] of [
      [1024, 768],
      [390, 844],
    ] as const) {
      await alice.page.setViewportSize({ width, height });
      await alice.page.waitForTimeout(400);
      const path = resolve(narrowDir, `trading-page-${width}.png`);
      await alice.page.screenshot({ path, fullPage: true });
      console.log(`saved ${path}`);
    }
    // A market of small prices (axis decimals) and a week's chart of one or two bars.
    const checker = (
      await api.request(REGISTER, {
        input: { name: "Checker", email: `ck-${run}@example.test`, password: "screenshot-ck-1" },
      })
    ).data!.register.token;
    await api.request(DEPOSIT, { asset: "ETH", amount: "10" }, auth);
    await api.request(
      DEPOSIT,
      { asset: "BTC", amount: "1" },
      { authorization: `Bearer ${checker}` },
    );
    for (const [side, who] of [
      ["SELL", auth],
      ["BUY", { authorization: `Bearer ${checker}` }],
    ] as const) {
      const input = {
        market: "ETH_BTC",
        side,
        type: "LIMIT" as const,
        price: "0.04895",
        amount: "0.5",
      };
      await api.request(PLACE, { input }, who);
    }
    await alice.page.setViewportSize({ width: 1440, height: 900 });
    await alice.page.goto(`${origin}/?market=ETH_BTC`);
    await alice.byTestId("interval-W1").click();
    await alice.byTestId("candle-current").filter({ hasText: "C 0.04895" }).waitFor();
    await alice.page.waitForTimeout(400);
    const path = resolve(narrowDir, "trading-page-eth-btc-1w.png");
    await alice.page.screenshot({ path });
    console.log(`saved ${path}`);
  }
} finally {
  await browser.close();
  await platform.stop();
  await cleanUp();
}

/** The throwaway database, streams and keys. */
async function cleanUp() {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "eventhub_screenshot_${run}" WITH (FORCE)`);
  await admin.end();
  const nc = await connect({ servers: config.natsUrl });
  await deleteStreams(nc, busNames(config.namespace));
  await nc.close();
  const redis = new Redis(config.redisUrl);
  const keys = await redis.keys(`${config.namespace}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
