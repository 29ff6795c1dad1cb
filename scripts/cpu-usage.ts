/**
 * CPU time per process group, read from /proc (Linux): for benchmarks that print where the
 * cycles of a run went. A group is a set of processes named by their pids (and their children's
 * finished time) or by their command name (`postgres`, `redis-server`, `nats-server`).
 * Off Linux every reading is zero.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (CLK_TCK; 100 on Linux everywhere we run). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime of the process itself, in ticks. */
  own: number;
  /** cutime + cstime: its children that have exited and been waited for, in ticks. */
  reaped: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // comm is in parentheses and may hold spaces; the fields after it are space-separated.
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const f = text
    .slice(close + 2)
    .split(" ")
    .map(Number);
  // After comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  return { pid, comm, ppid: f[1]!, own: f[11]! + f[12]!, reaped: f[13]! + f[14]! };
}

function allStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) stats.push(s);
  }
  return stats;
}

/** What a group is: the trees under these pids, or every process with this command name. */
export type ProcessGroup = { pids: readonly number[] } | { comm: string };

/**
 * CPU seconds used so far by each group: a pid group counts its processes and all their
 * descendants, alive or finished; a comm group counts every process of that name, and for the
 * oldest one (a server's parent, as PostgreSQL's postmaster) its finished children as well.
 */
export function cpuSeconds(groups: Record<string, ProcessGroup>): Record<string, number> {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const tree = (root: ProcStat): number => {
    let ticks = root.own + root.reaped;
    for (const child of children.get(root.pid) ?? []) ticks += tree(child);
    return ticks;
  };
  const out: Record<string, number> = {};
  for (const [name, group] of Object.entries(groups)) {
    let ticks = 0;
    if ("pids" in group) {
      for (const pid of group.pids) {
        const s = byPid.get(pid);
        if (s) ticks += tree(s);
      }
    } else {
      const named = stats.filter((s) => s.comm === group.comm);
      const names = new Set(named.map((s) => s.pid));
      for (const s of named) ticks += s.own + (names.has(s.ppid) ? 0 : s.reaped);
    }
    out[name] = ticks / TICKS_PER_SECOND;
  }
  return out;
}

/** The difference of two readings, group by group. */
export function cpuSpent(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([name, seconds]) => [name, seconds - (before[name] ?? 0)]),
  );
}
