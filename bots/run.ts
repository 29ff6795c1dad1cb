// npm run bots — the demo bots against a running API (`npm start` runs them itself in development).
import { loadConfig } from "../config/config.ts";
import { createDependencies } from "../kernel/dependencies.ts";
import { stopOnSignal } from "../kernel/process.ts";
import { ensureBotAccounts } from "./accounts.ts";
import { ALL_DEMO_BOT_EMAILS, startDemoBots } from "./demo.ts";

const config = loadConfig();
const url = process.env.EVENTHUB_URL ?? `http://127.0.0.1:${config.port}/graphql`;
const deps = await createDependencies({ ...config, logLevel: "warn" }, "bots");
const accounts = await ensureBotAccounts(deps, { url, emails: ALL_DEMO_BOT_EMAILS });
await deps.close();
const bots = await startDemoBots({ url, accounts, log: (line) => console.log(line) });
console.log(`demo bots trading on ${url}: 1 maker + 2 takers per market. Stop with Ctrl+C.`);
stopOnSignal(() => bots.stop());
