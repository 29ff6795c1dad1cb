import { setMaxListeners } from "node:events";
import { createExchangeClient, type ExchangeClient } from "../client/exchange-client.ts";
import { graphql } from "../client/generated/index.ts";
import { watchOrderBook } from "../client/order-book.ts";
import { socketClient } from "../client/ws.ts";
import { parseDecimal } from "../money/decimal.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { createProgressBar } from "../marketdata/progress.ts";
import { ensureBotAccounts, type BotAccount } from "./accounts.ts";
import { funding, topUp, type BotLog } from "./funding.ts";
import {
  DEMO_BOT_MARKETS,
  ensureRecentHistory,
  fillQuietMinutes,
  type RecentHistory,
} from "./history.ts";
import { DEFAULT_MAKER, describe, runMarketMaker } from "./market-maker.ts";
import { loadBotMarket, type BotMarket } from "./market-spec.ts";
import { runNoiseTaker } from "./noise-taker.ts";
import { createReferenceWalk } from "./reference-price.ts";

const BOT_TICKER = graphql(`
  query BotTicker($market: String!) {
    ticker(market: $market) {
      last
    }
  }
`);

/** Bot names (emails) per demo market: one maker and two noise takers. */
export function demoBotEmails(market: string): { maker: string; takers: [string, string] } {
  const name = market.toLowerCase();
  const at = "@bots.eventhub.internal";
  return { maker: `maker.${name}${at}`, takers: [`taker1.${name}${at}`, `taker2.${name}${at}`] };
}

export const ALL_DEMO_BOT_EMAILS = DEMO_BOT_MARKETS.flatMap(({ symbol }) => {
  const emails = demoBotEmails(symbol);
  return [emails.maker, ...emails.takers];
});

/**
 * Runs 1 market maker and 2 noise takers on each demo market through the public API at `url`,
 * each with its own account's key (`accounts`, from ensureBotAccounts). Each market's walk
 * starts at its last price (the ticker's: the last trade, else the history's last close). Logs
 * one line per market the first time its book shows ≥ 5 levels a side. `stop` cancels the
 * makers' orders and closes every connection.
 */
export async function startDemoBots(options: {
  url: string;
  accounts: readonly BotAccount[];
  log: BotLog;
}): Promise<{ stop(): Promise<void>; twoSided: Promise<void> }> {
  const controller = new AbortController();
  const { signal } = controller;
  // Every bot's pause and every book watch listens to it: 12 for the three demo markets.
  setMaxListeners(100, signal);
  const clients: ExchangeClient[] = [];
  const running: Promise<void>[] = [];
  const watchers: Promise<void>[] = [];
  const keyOf = (email: string) => {
    const account = options.accounts.find((a) => a.email === email);
    if (!account) throw new Error(`no account for bot ${email}`);
    return account.apiKey;
  };
  const botClient = (email: string, prefix: string) => {
    const client = createExchangeClient({
      url: options.url,
      credentials: { apiKey: keyOf(email) },
      socket: socketClient,
      clientOrderIdPrefix: prefix,
    });
    clients.push(client);
    return client;
  };
  const publicClient = createExchangeClient({ url: options.url, socket: socketClient });
  clients.push(publicClient);
  const started = Date.now();

  for (const { symbol, startPrice, seed } of DEMO_BOT_MARKETS) {
    const market = await loadBotMarket(publicClient, symbol);
    const { ticker } = await publicClient.request(BOT_TICKER, { market: symbol });
    const walk = createReferenceWalk({
      market: symbol,
      startPrice: parseDecimal(ticker.last ?? startPrice),
      tickSize: market.tickSize,
      lotSize: market.lotSize,
      seed: seed * 1_000 + 1,
      startMs: Date.now(),
    });
    const reference = walk.priceAt(Date.now());
    const emails = demoBotEmails(symbol);
    const maker = botClient(emails.maker, "mm");
    const makerFunds = funding(targets(market, reference, 400));
    await topUp(maker, makerFunds);
    running.push(
      runMarketMaker({
        client: maker,
        market,
        walk,
        funding: makerFunds,
        signal,
        log: options.log,
      }),
    );
    for (const [index, email] of emails.takers.entries()) {
      const taker = botClient(email, "nt");
      const takerFunds = funding(targets(market, reference, 50));
      await topUp(taker, takerFunds);
      running.push(
        runNoiseTaker({
          client: taker,
          market,
          walk,
          funding: takerFunds,
          seed: seed * 1_000 + 10 + index,
          signal,
          log: options.log,
        }),
      );
    }
    watchers.push(logWhenTwoSided(publicClient, symbol, signal, started, options.log));
  }

  return {
    twoSided: Promise.all(watchers).then(() => undefined),
    async stop() {
      controller.abort();
      await Promise.allSettled(running);
      await Promise.allSettled(clients.map((c) => c.close()));
    },
  };
}

/**
 * Resolves the first time `market`'s book (from the `orderBook` subscription, checksums
 * verified) shows 5 levels a side, after logging it; or when `signal` aborts.
 */
function logWhenTwoSided(
  client: ExchangeClient,
  market: string,
  signal: AbortSignal,
  started: number,
  log: BotLog,
): Promise<void> {
  const watching = new AbortController();
  signal.addEventListener("abort", () => watching.abort(), { once: true });
  return new Promise<void>((resolve) => {
    watchOrderBook(client.socket(), {
      market,
      depth: 20,
      signal: watching.signal,
      onBook(book) {
        if (watching.signal.aborted || book.bids.length < 5 || book.asks.length < 5) return;
        const seconds = ((Date.now() - started) / 1_000).toFixed(1);
        log(
          `${market}: book two-sided, ${book.bids.length} bids from ${book.bids[0]!.price}, ${book.asks.length} asks from ${book.asks[0]!.price} (${seconds} s after the bots started)`,
        );
        watching.abort();
      },
    })
      .catch((error: unknown) => log(`${market} book watch: ${describe(error)}`))
      .finally(resolve);
  });
}

/** Faucet targets: `multiple` best-level notionals of quote, and as much base at `price`. */
function targets(market: BotMarket, price: bigint, multiple: number): Record<string, bigint> {
  const quote = market.minNotional * BigInt(DEFAULT_MAKER.levelMinNotionals) * BigInt(multiple);
  return { [market.quote]: quote, [market.base]: (quote * 10n ** 18n) / price };
}

/**
 * What `npm start` does in development after the platform is up (DEMO_BOTS): recent history for
 * the demo markets (bulk path, a progress bar per market on `progress`), the bot accounts, then
 * the bots. Returns the running bots and what the history import found or made.
 */
export async function startDemoMarkets(
  deps: Dependencies,
  options: { url: string; log: BotLog; progress?: NodeJS.WriteStream; keyDir?: string },
): Promise<
  Awaited<ReturnType<typeof startDemoBots>> & {
    history: RecentHistory[];
    /** Resolves after the first minute's gap (if any) is filled: bars written per market. */
    quietMinutes: Promise<Record<string, number>>;
  }
> {
  const bars = new Map<string, ReturnType<typeof createProgressBar>>();
  const history = await ensureRecentHistory(deps, {
    onProgress(market, done, total) {
      if (!options.progress) return;
      let bar = bars.get(market);
      if (!bar)
        bars.set(market, (bar = createProgressBar(options.progress, `${market} history`, total)));
      bar.update(done);
      if (done >= total) bar.finish();
    },
  });
  for (const { market, imported, lastClose } of history) {
    if (imported > 0)
      options.log(
        `${market}: ${imported.toLocaleString("en")} one-minute bars of history, last close ${lastClose}`,
      );
  }
  const accounts = await ensureBotAccounts(deps, {
    url: options.url,
    emails: ALL_DEMO_BOT_EMAILS,
    keyDir: options.keyDir,
  });
  const bots = await startDemoBots({ url: options.url, accounts, log: options.log });
  // Once the books are two-sided and trading, a first minute the bots missed gets its bar.
  const quietMinutes = bots.twoSided
    .then(() => new Promise((resolve) => setTimeout(resolve, 5_000)))
    .then(() => fillQuietMinutes(deps, history))
    .catch((error: unknown) => {
      options.log(`history after the bots' start: ${describe(error)}`);
      return {};
    });
  return {
    ...bots,
    history,
    quietMinutes,
    async stop() {
      await bots.stop();
      await quietMinutes;
    },
  };
}
