// CPU of this machine's processes, from Linux's /proc: the bot's, PostgreSQL's backends',
// and the whole machine's busy share. The benchmarks run on 2 shared cores, where wall
// time alone does not say who did the work.
import { readFileSync } from "node:fs";
import type { Db } from "../src/db/client.js";

/** utime + stime of a process in ms (USER_HZ is 100 on Linux); 0 when it is gone or unknown. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU of the PostgreSQL backends serving this database, by pid. The server's shared
 * processes (WAL writer, checkpointer) are not in it.
 */
export async function backendCpu(db: Db): Promise<Map<number, number>> {
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
}

/** CPU used between two snapshots; a backend that ended in between is lost (pools keep theirs open while busy). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

/** Busy and total jiffies of the whole machine, for its utilisation over a stretch. */
export function machineJiffies(): { busy: number; total: number } {
  try {
    const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - n[3]! - n[4]!, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
