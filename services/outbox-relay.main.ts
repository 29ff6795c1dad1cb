import { runProcess } from "../api/process.ts";
import { startOutboxRelay } from "./outbox-relay.ts";

/** The outbox relay alone; several may run (one publishes at a time, the others stand by). */
await runProcess("relay", (deps) => startOutboxRelay(deps));
