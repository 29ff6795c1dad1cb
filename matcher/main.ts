import { runProcess } from "../api/process.ts";
import { startMatcher } from "./process.ts";

/** A matcher alone. MATCHER_MARKETS=BTC_USDT,ETH_USDT limits which markets it may own. */
const markets = process.env.MATCHER_MARKETS?.split(",").filter(Boolean);
await runProcess("matcher", (deps) => startMatcher(deps, { markets }));
