import { runProcess } from "../api/process.ts";
import { startSettlement } from "./settlement.consumer.ts";

/** Settlement alone; several may run (they share one durable consumer, markets stay in order). */
await runProcess("settlement", (deps) => startSettlement(deps));
