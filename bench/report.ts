// What every benchmark hands back to bench/run.ts: figures to print, targets judged
// against them, and checks of correctness. A missed target is a finding to report; a
// failed check (a lost or duplicated message, a wrong row count) means the figures
// cannot be trusted, and makes `npm run bench` exit non-zero.

export interface BenchOptions {
  /** Small sizes, for a smoke run of the harness itself: figures mean little. */
  quick: boolean;
  /** Also run once more with per-query timing (bench/query-profile.ts). */
  profile: boolean;
  log: (line: string) => void;
}

export interface Target {
  name: string;
  /** As written in the issue, e.g. "< 5 s". */
  goal: string;
  actual: string;
  met: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BenchResult {
  name: string;
  /** One line each: what was measured and how. */
  setup: string[];
  /** Tables or lines of measured figures. */
  figures: string[];
  targets: Target[];
  checks: Check[];
  /** Per-query profiles, only with --profile. */
  profile?: string[];
  /** 1-minute load average before and after, set by bench/run.ts: the machine is shared. */
  load?: { before: number; after: number };
}

/**
 * Wall and CPU time of this process: on a shared 2-core machine the wall time moves
 * with the neighbours' load, the CPU time much less. (PostgreSQL's own CPU is not in it.)
 */
export function stopwatch(): () => { wallMs: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Nearest-rank percentile of an array of numbers (sorted copy; the input is left alone). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Left-aligned first column, right-aligned others: readable in a terminal and in Markdown. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ` ${"-".repeat(w)} ` : ` ${"-".repeat(w - 1)}: `)).join("|")}|`, ...rows.map(line)];
}
