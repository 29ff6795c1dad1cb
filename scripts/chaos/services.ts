import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kvm } from "@nats-io/kv";
import { connect } from "@nats-io/transport-node";

/** A free TCP port on 127.0.0.1, as the kernel hands one out. */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
    probe.on("error", reject);
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * A server of the chaos run's own (nats-server, redis-server) on a spare port, never the
 * machine's shared one: it may be stopped gracefully, killed (-9) and started again on the same
 * port and, for NATS, the same store.
 */
export interface OwnServer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  /** SIGTERM and wait for the exit (a graceful restart's first half). */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, whatever was in flight is cut. */
  kill(): Promise<void>;
  /** Stops for good and removes what it stored. */
  dispose(): Promise<void>;
}

function ownServer(
  name: string,
  port: number,
  url: string,
  command: string,
  args: string[],
  cleanup: () => void,
): OwnServer {
  let child: ChildProcess | null = null;
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill(signal);
    });
  };
  return {
    name,
    port,
    url,
    async start() {
      child = spawn(command, args, { stdio: "ignore" });
      for (let i = 0; i < 100; i++) {
        if (await portOpen(port)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${name} did not start on port ${port}`);
    },
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    async dispose() {
      await end("SIGTERM");
      cleanup();
    },
  };
}

/** nats-server with JetStream, its store in a temporary directory kept across restarts. */
export async function ownNats(): Promise<OwnServer> {
  const port = await sparePort();
  const store = mkdtempSync(join(tmpdir(), "eventhub-chaos-nats-"));
  return ownServer(
    "nats-server",
    port,
    `nats://127.0.0.1:${port}`,
    "nats-server",
    ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", store],
    () => rmSync(store, { recursive: true, force: true }),
  );
}

/** redis-server keeping nothing on disk, as the README suggests for the book mirror. */
export async function ownRedis(): Promise<OwnServer> {
  const port = await sparePort();
  return ownServer(
    "redis-server",
    port,
    `redis://127.0.0.1:${port}`,
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    () => undefined,
  );
}

/**
 * Which process owns each market's matcher lease: market → pid, read from the lease bucket
 * (values are "<host>:<pid>:<id>", workers/matcher.worker.ts). Empty when NATS is away.
 */
export async function leaseOwners(natsUrl: string, bucket: string): Promise<Map<string, number>> {
  const owners = new Map<string, number>();
  const nc = await connect({ servers: natsUrl, timeout: 2_000 }).catch(() => null);
  if (!nc) return owners;
  try {
    const kv = await new Kvm(nc).open(bucket);
    for await (const market of await kv.keys()) {
      const entry = await kv.get(market);
      const pid = Number(entry?.string().split(":")[1]);
      if (entry?.operation === "PUT" && Number.isInteger(pid)) owners.set(market, pid);
    }
  } catch {
    // no bucket yet, or NATS went away meanwhile: nobody known to own anything
  } finally {
    await nc.close().catch(() => undefined);
  }
  return owners;
}
