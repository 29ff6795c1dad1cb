// npm run bench:hostile [-- --seconds 3]
// Issue 9's hostile inputs against a real API process (its own scratch database), each sent again
// and again while a probe asks `{ __typename }` back to back: how long each attack takes to be
// refused, and how long the API's event loop was held meanwhile (the probe's worst answer, against
// its worst answer on a quiet API). Prints a table; the last stdout line is one JSON object.
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { getIntrospectionQuery } from "graphql";
import { createDatabase, createPool } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "3" } } });
const seconds = Number(values.seconds);
const server = process.env.BENCH_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const stamp = Date.now().toString(36);
const databaseUrl = `${server}/eventhub_bench_hostile_${stamp}`;
const port = 4000 + Math.floor(Math.random() * 1000) + 1000;
const url = `http://127.0.0.1:${port}/graphql`;
const round = (x: number) => Number(x.toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each attack's body is built before the clock starts, so the client's own work is not timed. */
function attacks(): { name: string; body: string }[] {
  const q = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const deposit = `mutation($a: Decimal!) { deposit(input: { asset: "USDT", amount: $a }) { available } }`;
  let bomb = "query { ...F0 }\n";
  for (let i = 0; i < 30; i++) bomb += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  bomb += "fragment F30 on Query { __typename }";
  const deep = `${"[".repeat(50_000)}1${"]".repeat(50_000)}`; // JSON.stringify would overflow
  return [
    {
      name: "decimal literal, 20,000 zeros",
      body: q(
        `mutation { deposit(input: { asset: "USDT", amount: "0.${"0".repeat(20_000)}1" }) { available } }`,
      ),
    },
    {
      name: "decimal variable, 200,000 zeros",
      body: q(deposit, { a: `0.${"0".repeat(200_000)}1` }),
    },
    { name: "fragment bomb, 30 levels", body: q(bomb) },
    {
      name: "400 × markets { symbol base }",
      body: q(`{ ${"markets { symbol base } ".repeat(400)}}`),
    },
    { name: "query text of 250 KB", body: q(`{ __typename }${" ".repeat(250_000)}`) },
    { name: "body of 2 MB", body: q("{ __typename }", { pad: "x".repeat(2 << 20) }) },
    {
      name: "variables nested 50,000 deep",
      body: `{"query":"{ __typename }","variables":{"deep":${deep}}}`,
    },
    { name: "4,000 tokens of __typename", body: q(`{ ${"__typename ".repeat(3_990)}}`) },
    {
      name: "body nested 100,000 deep",
      body: `{"query":"{ __typename }","variables":{"deep":${"[".repeat(100_000)}1${"]".repeat(100_000)}}}`,
    },
    { name: "introspection (legitimate)", body: q(getIntrospectionQuery({ descriptions: true })) },
  ];
}

async function post(body: string): Promise<{ status: number; code: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? "none";
  return { status: response.status, code };
}

/**
 * `{ __typename }` back to back for `ms`, from a process of its own so that building and sending
 * the attacks costs the probe nothing: its p99 and worst answer, ms.
 */
const PROBE = `
const [url, ms] = [process.argv[1], Number(process.argv[2])];
const samples = [];
for (const end = Date.now() + ms; Date.now() < end; ) {
  const started = performance.now();
  await fetch(url, { method: "POST", headers: { "content-type": "application/json" },
    body: '{"query":"{ __typename }"}' }).then((r) => r.text());
  samples.push(performance.now() - started);
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ p99: samples[Math.floor(samples.length * 0.99)], worst: samples.at(-1) }));`;

function probe(ms: number): Promise<{ p99: number; worst: number }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE, url, String(ms)]);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { p99: number; worst: number })
        : reject(new Error(`probe exited ${code}`)),
    ),
  );
}

/** The attack again and again for `seconds` while the probe runs. */
async function measure(body: string) {
  await loopDelay();
  const probed = probe(seconds * 1000);
  const took: number[] = [];
  let answer = { status: 0, code: "" };
  for (const end = Date.now() + seconds * 1000; Date.now() < end;) {
    const started = performance.now();
    answer = await post(body);
    took.push(performance.now() - started);
  }
  const { p99, worst } = await probed;
  const loop = await loopDelay();
  return {
    ...answer,
    attacks: took.length,
    attackMs: median(took),
    probeP99Ms: p99,
    probeWorstMs: worst,
    loopMaxMs: loop.maxMs,
  };
}

await migrateDatabase(databaseUrl);
const seedPool = createPool(databaseUrl, 1);
await seedDemoMarkets(createDatabase(seedPool));
await seedPool.end();

/** Loaded into the API process: the longest its event loop was held since it was last asked. */
const LOOP_MONITOR = `
import { monitorEventLoopDelay } from "node:perf_hooks";
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
process.on("message", () => {
  process.send({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 });
  delay.reset();
});`;
const monitorUrl = `data:text/javascript,${encodeURIComponent(LOOP_MONITOR)}`;

const api = spawn(
  process.execPath,
  ["--import", "tsx", "--import", monitorUrl, "workers/main.ts", "api"],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      JWT_SECRET: "bench-secret-bench-secret-bench-secret-0",
      DATABASE_URL: databaseUrl,
      EVENTHUB_NAMESPACE: `bench_hostile_${stamp}`,
      PORT: String(port),
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  },
);

/** The API's event-loop delay since the last call: worst and p99, ms. */
function loopDelay(): Promise<{ maxMs: number; p99Ms: number }> {
  return new Promise((resolve) => {
    api.once("message", (m) => resolve(m as { maxMs: number; p99Ms: number }));
    api.send("loop?");
  });
}
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(url.replace("/graphql", "/healthz")).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error("the API did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (let i = 0; i < 200; i++) await post(`{"query":"{ __typename }"}`); // warm up
  await loopDelay();
  const baseline = await probe(seconds * 1000);
  const quietLoop = await loopDelay();

  const cpu = cpus();
  const ms = (x: number) => `${round(x)} ms`;
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, Node ${process.version}`);
  console.log(
    `each attack repeated for ${seconds} s; a probe asks { __typename } from another process;`,
  );
  console.log(
    "'loop held' is the longest the API's event loop was blocked (monitorEventLoopDelay)",
  );
  console.log(
    `quiet API: probe p99 ${ms(baseline.p99)}, worst ${ms(baseline.worst)}; loop held ${ms(quietLoop.maxMs)}`,
  );
  console.log("");
  const columns = ["sent", "answered in", "loop held", "probe p99", "probe worst"];
  console.log(
    `${"attack".padEnd(34)} ${"answer".padEnd(26)} ${columns.map((c) => c.padStart(11)).join(" ")}`,
  );
  const results: Record<string, unknown>[] = [];
  for (const attack of attacks()) {
    const r = await measure(attack.body);
    results.push({ attack: attack.name, ...r });
    const cells = [
      String(r.attacks),
      ms(r.attackMs),
      ms(r.loopMaxMs),
      ms(r.probeP99Ms),
      ms(r.probeWorstMs),
    ];
    console.log(
      `${attack.name.padEnd(34)} ${`${r.status} ${r.code}`.padEnd(26)} ${cells.map((c) => c.padStart(11)).join(" ")}`,
    );
  }
  console.log(
    JSON.stringify({
      machine: { cores: cpu.length, model: cpu[0]?.model },
      quiet: {
        probeP99Ms: round(baseline.p99),
        probeWorstMs: round(baseline.worst),
        loopMaxMs: round(quietLoop.maxMs),
      },
      results,
    }),
  );
} finally {
  api.kill("SIGTERM");
  await new Promise((resolve) => api.once("exit", resolve));
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "eventhub_bench_hostile_${stamp}" WITH (FORCE)`);
  await admin.end();
}
