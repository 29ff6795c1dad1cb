import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { resolve } from "node:path";
import type { Component } from "../../workers/registry.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** One named process of the platform: `tsx workers/main.ts <component>`, as deployed. */
interface Member {
  name: string;
  component: Component;
  child: ChildProcess | null;
  /** Set just before the chaos run kills or stops it: its exit is expected. */
  expectExit: boolean;
}

/** A process that exited without being told to: a violation of "no process exits". */
export interface UnexpectedExit {
  name: string;
  code: number | null;
  signal: string | null;
  at: number;
}

/**
 * The platform as separate processes, each started from the one entry point with the run's
 * environment; what each writes goes to `<logDir>/<name>.log`. A process that exits without the
 * run having killed it is recorded (and started again, as a supervisor would).
 */
export function startProcesses(env: NodeJS.ProcessEnv, logDir: string) {
  mkdirSync(logDir, { recursive: true });
  const members = new Map<string, Member>();
  const logs = new Map<string, WriteStream>();
  const unexpected: UnexpectedExit[] = [];
  let stopping = false;

  function launch(member: Member) {
    let log = logs.get(member.name);
    if (!log) {
      log = createWriteStream(resolve(logDir, `${member.name}.log`), { flags: "a" });
      logs.set(member.name, log);
    }
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "workers/main.ts", member.component],
      {
        cwd: ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    member.child = child;
    member.expectExit = false;
    child.once("exit", (code, signal) => {
      if (member.child !== child) return;
      member.child = null;
      if (stopping || member.expectExit) return;
      unexpected.push({ name: member.name, code, signal, at: Date.now() });
      launch(member);
    });
  }

  async function end(member: Member, signal: NodeJS.Signals): Promise<void> {
    const child = member.child;
    if (!child) return;
    member.expectExit = true;
    await new Promise<void>((done) => {
      child.once("exit", () => done());
      child.kill(signal);
      // A graceful stop that hangs is cut after 5 s.
      if (signal !== "SIGKILL") setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  }

  const find = (name: string) => {
    const member = members.get(name);
    if (!member) throw new Error(`no process named ${name}`);
    return member;
  };

  return {
    unexpected,
    /** Starts `component` as a process called `name` (e.g. two matchers: matcher-a, matcher-b). */
    add(name: string, component: Component) {
      const member: Member = { name, component, child: null, expectExit: false };
      members.set(name, member);
      launch(member);
    },
    names: () => [...members.keys()],
    /** The operating-system pid of the named process now (undefined while it is down). */
    pid: (name: string) => find(name).child?.pid,
    /** kill -9 now. */
    kill: (name: string) => end(find(name), "SIGKILL"),
    /** Starts a stopped or killed process again. */
    restart(name: string) {
      const member = find(name);
      if (!member.child) launch(member);
    },
    async stopAll() {
      stopping = true;
      await Promise.all([...members.values()].map((m) => end(m, "SIGTERM")));
      for (const log of logs.values()) log.end();
    },
  };
}

export type Processes = ReturnType<typeof startProcesses>;
