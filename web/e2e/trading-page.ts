import { chromium, type Browser, type Locator, type Page } from "playwright-core";

/** Debian's Chromium, headless, as CI runs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

const WAIT_MS = 15_000;

/**
 * One user's tab of the trading page, driven through its data-testid attributes: what the
 * browser test and the screenshot script do, as a person would.
 */
export class TradingPage {
  /** Uncaught exceptions of the page: a working page has none. */
  readonly pageErrors: string[] = [];
  /** Console messages of type error (a Content-Security-Policy violation is one). */
  readonly consoleErrors: string[] = [];

  private constructor(readonly page: Page) {
    page.on("pageerror", (error) => this.pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") this.consoleErrors.push(message.text());
    });
  }

  static async open(browser: Browser, url: string, viewport = { width: 1440, height: 900 }) {
    const context = await browser.newContext({ viewport });
    const tab = new TradingPage(await context.newPage());
    await tab.page.goto(url);
    await tab.byTestId("market-select").locator("option").first().waitFor({ state: "attached" });
    return tab;
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async register(email: string, password = "correct horse battery") {
    await this.byTestId("auth-name").fill(email.split("@")[0]!);
    await this.byTestId("auth-email").fill(email);
    await this.byTestId("auth-password").fill(password);
    await this.byTestId("register").click();
    await this.byTestId("signed-in-as").filter({ hasText: email }).waitFor({ timeout: WAIT_MS });
  }

  /** Deposits from the demo faucet and waits for the live balance to show it. */
  async faucet(asset: string, amount: string) {
    await this.byTestId("faucet-asset").selectOption(asset);
    await this.byTestId("faucet-amount").fill(amount);
    await this.byTestId("faucet-deposit").click();
    await this.waitForText(`balance-${asset}-available`, amount);
  }

  async placeLimit(side: "BUY" | "SELL", price: string, amount: string) {
    await this.byTestId(`order-side-${side}`).click();
    await this.byTestId("order-type").selectOption("LIMIT");
    await this.byTestId("order-price").fill(price);
    await this.byTestId("order-amount").fill(amount);
    await this.byTestId("order-submit").click();
  }

  async placeMarketBuy(quoteAmount: string) {
    await this.byTestId("order-side-BUY").click();
    await this.byTestId("order-type").selectOption("MARKET");
    await this.byTestId("order-quote-amount").fill(quoteAmount);
    await this.byTestId("order-submit").click();
  }

  /** A level of the live book; `amount` given: with exactly that amount. */
  bookLevel(side: "bid" | "ask", price: string, amount?: string): Locator {
    const level = this.page.locator(
      `[data-testid="book-level"][data-side="${side}"][data-price="${price}"]`,
    );
    return amount === undefined
      ? level
      : level.filter({ has: this.page.locator(".amount", { hasText: new RegExp(`^${amount}$`) }) });
  }

  trade(price: string, amount: string): Locator {
    return this.page.locator(
      `[data-testid="trade-row"][data-price="${price}"][data-amount="${amount}"]`,
    );
  }

  openOrders(): Locator {
    return this.page.locator('[data-testid="open-order"]');
  }

  error(code: string): Locator {
    return this.page.locator(`[data-testid="error"][data-code="${code}"]`);
  }

  /** Waits until the element's whole text is `text`. */
  async waitForText(testId: string, text: string) {
    await this.page
      .getByTestId(testId)
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
      .waitFor({ timeout: WAIT_MS });
  }

  async close() {
    await this.page.context().close();
  }
}
