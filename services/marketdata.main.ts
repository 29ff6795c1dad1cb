import { runProcess } from "../api/process.ts";
import { startMarketDataConsumer } from "./marketdata.consumer.ts";

/** The market-data consumer alone (ticks and candles from the matcher's trades). */
await runProcess("marketdata", (deps) => startMarketDataConsumer(deps));
