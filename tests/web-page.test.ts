import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, TradingPage } from "../web/e2e/trading-page.ts";
import { INTERVALS, pricePrecision } from "../web/src/markets.ts";
import { WEB_OUT_DIR } from "../web/vite.config.ts";
import { CHANGE_PASSWORD, DEPOSIT, PLACE_ORDER_ID } from "../client/operations.ts";
import { startExchange, type Exchange } from "./kit/index.ts";

/*
 * The trading page (web/) in headless Chromium against a whole exchange: two users trade through
 * it, once on the API's own origin and once from a page served by another origin (CORS_ORIGINS).
 */

let exchange: Exchange;
let browser: Browser;
let staticServer: Server;
let otherOrigin: string;
const tabs: TradingPage[] = [];

/** Registering hashes a password (seconds on a busy machine): each flow gets a minute. */
const FLOW = { timeout: 60_000 };

beforeAll(async () => {
  // The built page (tests/global-setup.ts built it), served as any static host would.
  staticServer = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = path === "/" ? "index.html" : normalize(path).replace(/^\/+/, "");
    try {
      const body = readFileSync(join(WEB_OUT_DIR, file));
      const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[
        extname(file)
      ];
      res.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => staticServer.listen(0, "127.0.0.1", done));
  otherOrigin = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  [exchange, browser] = await Promise.all([
    startExchange({ overrides: { CORS_ORIGINS: otherOrigin } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  for (const tab of tabs) {
    expect(tab.pageErrors).toEqual([]);
    // The API serves the page with a Content-Security-Policy; the page keeps to it.
    expect(tab.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  }
  await browser?.close();
  await exchange?.stop();
  await new Promise((done) => staticServer?.close(done));
});

async function open(url: string, viewport?: { width: number; height: number }) {
  const tab = await TradingPage.open(browser, url, viewport);
  tabs.push(tab);
  return tab;
}

const unique = (name: string) => `${name}-${Date.now()}-${tabs.length}@example.test`;

describe("the trading page served at / by the API", () => {
  it("serves index.html at / and its hashed assets with long-cache headers", async () => {
    const origin = new URL(exchange.url).origin;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    // The policy the page is held to (every tab's console is checked for violations).
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script && style).toBeTruthy();
    const js = await fetch(`${origin}${script}`);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // Bundled, not fetched from a CDN.
    expect(await js.text()).not.toMatch(/https:\/\/(unpkg|cdn\.jsdelivr|cdnjs)/);
    expect((await fetch(`${origin}${style!}`)).headers.get("content-type")).toMatch(/^text\/css/);
    expect((await fetch(`${origin}/assets/nope.js`)).status).toBe(404);
  });

  it(
    "register → faucet → order in book and open orders → crossing order → tape, ticker and candle → cancel",
    FLOW,
    async () => {
      const origin = new URL(exchange.url).origin;
      const [maker, taker] = await Promise.all([open(`${origin}/`), open(`${origin}/`)]);
      const makerEmail = unique("maker");
      await maker.register(makerEmail);
      await maker.faucet("USDT", "100000");
      await taker.register(unique("taker"));
      await taker.faucet("BTC", "1");
      await expect(maker.byTestId("filter-tick-size").textContent()).resolves.toBe("0.01");

      // A price off the tick size is refused, and the page shows the code.
      await maker.placeLimit("BUY", "64000.001", "0.01");
      await maker.error("BAD_USER_INPUT").waitFor();
      expect(await maker.error("BAD_USER_INPUT").textContent()).toMatch(/tickSize/);

      await maker.placeLimit("BUY", "64000", "0.01");
      // The form shows the order's live status, not placeOrder's PENDING; the refusal before it is
      // cleared by this success.
      await maker.page.locator('[data-testid="order-placed"][data-status="OPEN"]').waitFor();
      expect(await maker.error("BAD_USER_INPUT").count()).toBe(0);
      // Both pages' books (the live stream, checksums verified) show the bid.
      await maker.bookLevel("bid", "64000", "0.01").waitFor();
      await taker.bookLevel("bid", "64000", "0.01").waitFor();
      await maker.openOrders().filter({ hasText: "64000" }).waitFor();
      await maker.waitForText("balance-USDT-locked", "640");
      const candleBefore = await taker.byTestId("candle-current").textContent();

      await taker.placeLimit("SELL", "64000", "0.004");
      for (const tab of [maker, taker]) await tab.trade("64000", "0.004").waitFor();
      await taker.waitForText("ticker-last", "64000");
      await taker.byTestId("candle-current").filter({ hasText: "C 64000 V 0.004" }).waitFor();
      expect(await taker.byTestId("candle-current").textContent()).not.toBe(candleBefore);
      // Every interval's current bar holds the trade (history from the query, then live).
      for (const interval of INTERVALS) {
        await taker.byTestId(`interval-${interval}`).click();
        await taker.byTestId("candle-current").filter({ hasText: "C 64000 V 0.004" }).waitFor();
      }
      await maker.bookLevel("bid", "64000", "0.006").waitFor();
      await maker
        .openOrders()
        .and(maker.page.locator('[data-status="PARTIALLY_FILLED"]'))
        .waitFor();
      await maker.waitForText("balance-BTC-available", "0.003996"); // 0.004 less the 0.1 % fee
      await taker.waitForText("balance-BTC-available", "0.996");

      await maker.byTestId("cancel-order").click();
      await maker.openOrders().first().waitFor({ state: "detached" });
      await maker.bookLevel("bid", "64000").waitFor({ state: "detached" });
      await taker.bookLevel("bid", "64000").waitFor({ state: "detached" });
      await maker.waitForText("balance-USDT-locked", "0");
      await maker.byTestId("tab-order-history").click();
      await maker.page.locator('[data-testid="history-order"][data-status="CANCELLED"]').waitFor();
      expect(await maker.byTestId("book-sequence").textContent()).toMatch(/resyncs 0/);
      await exchange.checkInvariants();
    },
  );
});

describe("the same build served from another origin", () => {
  it("works through ?api= over HTTP and websocket with CORS_ORIGINS", FLOW, async () => {
    const tab = await open(`${otherOrigin}/?api=${encodeURIComponent(exchange.url)}`);
    await tab.register(unique("elsewhere"));
    await tab.faucet("USDT", "5000");
    await tab.placeLimit("BUY", "1500.5", "0.01");
    // The other origin's page reads the API's book over its websocket.
    await tab.bookLevel("bid", "1500.5", "0.01").waitFor();
    await tab.openOrders().filter({ hasText: "1500.5" }).waitFor();
    expect(await tab.error("UNAUTHENTICATED").count()).toBe(0);
  });
});

describe("a token that stopped working", () => {
  it(
    "is dropped: the page signs out, shows UNAUTHENTICATED and keeps streaming public data",
    FLOW,
    async () => {
      const origin = new URL(exchange.url).origin;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // What a tab finds after the session ended elsewhere: a token the API refuses.
      await context.addInitScript(() => localStorage.setItem("eventhub.token", "not-a-token"));
      const page = await context.newPage();
      const errors: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
      await page.goto(`${origin}/?market=ETH_USDT`);
      await page.getByTestId("register").waitFor();
      await page.locator('[data-testid="error"][data-code="UNAUTHENTICATED"]').first().waitFor();
      expect(await page.evaluate(() => localStorage.getItem("eventhub.token"))).toBeNull();
      // Public streams go on without it: the book's snapshot arrived, and the market's filters show.
      await page
        .getByTestId("book-sequence")
        .filter({ hasText: /seq \d+/ })
        .waitFor();
      expect(await page.getByTestId("filter-lot-size").textContent()).toBe("0.0001");
      expect(errors).toEqual([]);
      expect(consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
      await context.close();
    },
  );

  it(
    "ended mid-session (a password change): the socket's 4403 signs the page out",
    FLOW,
    async () => {
      const origin = new URL(exchange.url).origin;
      const tab = await open(`${origin}/`);
      await tab.register(unique("revoked"));
      await tab.byTestId("balances").locator("tr").nth(1).waitFor();
      const token = await tab.page.evaluate(() => localStorage.getItem("eventhub.token"));
      const changed = await exchange.gql(
        CHANGE_PASSWORD,
        {
          input: { currentPassword: "correct horse battery", newPassword: "another horse battery" },
        },
        { authorization: `Bearer ${token}` },
      );
      expect(changed.errors).toBeUndefined();
      // Nothing is asked over HTTP here: only the socket learns that the session ended.
      await tab.byTestId("register").waitFor();
      await tab.error("UNAUTHENTICATED").first().waitFor();
      expect(await tab.page.evaluate(() => localStorage.getItem("eventhub.token"))).toBeNull();
      // Reconnected without it, the public book still streams: an order placed now shows.
      const fresh = { authorization: `Bearer ${changed.data!.changePassword.token}` };
      await exchange.gql(DEPOSIT, { asset: "USDT", amount: "100" }, fresh);
      const placed = await exchange.gql(
        PLACE_ORDER_ID,
        {
          input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "123.45", amount: "0.1" },
        },
        fresh,
      );
      expect(placed.errors).toBeUndefined();
      await tab.bookLevel("bid", "123.45", "0.1").waitFor();
    },
  );
});

describe("the chart's price format", () => {
  it("has as many decimals as the market's tick size", () => {
    expect(pricePrecision("0.00001")).toEqual({ type: "price", precision: 5, minMove: 0.00001 });
    expect(pricePrecision("0.01")).toEqual({ type: "price", precision: 2, minMove: 0.01 });
    expect(pricePrecision("1")).toEqual({ type: "price", precision: 0, minMove: 1 });
  });
});

describe("narrow screens", () => {
  /** The chart's drawing canvas has drawn something wider than nothing. */
  const chartWidth = (tab: TradingPage) =>
    tab.byTestId("chart").evaluate((chart) => {
      const canvas = chart.querySelector("canvas");
      return canvas ? canvas.getBoundingClientRect().width : 0;
    });

  it("a phone (390×844): no sideways scroll, and the chart has a width", FLOW, async () => {
    const origin = new URL(exchange.url).origin;
    const tab = await open(`${origin}/`, { width: 390, height: 844 });
    await tab.byTestId("register").waitFor();
    await tab.byTestId("chart").locator("canvas").first().waitFor();
    expect(await chartWidth(tab)).toBeGreaterThan(0);
    expect(
      (await tab.byTestId("chart").boundingBox())!.height,
      "the chart is tall enough to read",
    ).toBeGreaterThanOrEqual(300);
    const { scrollWidth, innerWidth } = await tab.page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });

  it("a small laptop (1024×768): every interval button shows", FLOW, async () => {
    const origin = new URL(exchange.url).origin;
    const tab = await open(`${origin}/`, { width: 1024, height: 768 });
    const week = tab.byTestId("interval-W1");
    await week.waitFor();
    await expect(week.isVisible()).resolves.toBe(true);
    const box = (await week.boundingBox())!;
    const chart = (await tab.byTestId("chart").boundingBox())!;
    // Inside the chart's panel, not clipped by it.
    expect(box.x + box.width).toBeLessThanOrEqual(chart.x + chart.width + 1);
    expect(chart.width).toBeGreaterThan(600);
    expect(await chartWidth(tab)).toBeGreaterThan(0);
  });
});
