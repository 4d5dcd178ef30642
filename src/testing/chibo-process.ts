// `chibo <command>` as a child process, for the tests and benchmarks that must run the
// real entry point (bin/chibo.mjs) and watch it, stop it or kill it: a webhook
// instance, a tick killed mid-send, a process that must outlive a database outage.
// Its output arrives split into lines; the process goes down with the one that started it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface ChiboProcess {
  child: ChildProcess;
  /** Lines written so far (the last `keepLines` of them when that is set). pino logs to stderr. */
  stdout: string[];
  stderr: string[];
  /** The exit code once the process ended and its output was read; null when a signal ended it. */
  exit: Promise<number | null>;
  alive(): boolean;
  /** SIGTERM, as an orchestrator stops it; SIGKILL if it is still running after graceMs. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<number | null>;
}

export interface ChiboProcessOptions {
  /** Arguments to node before the script, e.g. ["--cpu-prof"]. */
  nodeArgs?: string[];
  /** Each line as it arrives. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  /** Keep only this many of the latest lines of each stream: a long run's log. */
  keepLines?: number;
}

/**
 * A child's environment: only PATH, HOME and TZ of this process's, plus libfaketime's
 * variables when this process runs under a shifted clock (CI runs the suite so), so that
 * a child's "now" is the parent's, plus `env`.
 */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const clock = Object.entries(process.env).filter(([key, value]) => value !== undefined && (key === "LD_PRELOAD" || key.startsWith("FAKETIME")));
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: process.env.TZ ?? "UTC", ...Object.fromEntries(clock), ...env } as Record<string, string>;
}

/** Starts `chibo <args>` in childEnv(env). */
export function spawnChibo(args: string[], env: Record<string, string>, options: ChiboProcessOptions = {}): ChiboProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, "bin", "chibo.mjs"), ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stdout: string[] = [];
  const stderr: string[] = [];
  readLines(child.stdout!, (line) => keep(stdout, line, "stdout"));
  readLines(child.stderr!, (line) => keep(stderr, line, "stderr"));
  function keep(lines: string[], line: string, stream: "stdout" | "stderr") {
    lines.push(line);
    if (options.keepLines !== undefined && lines.length > options.keepLines) lines.shift();
    options.onLine?.(line, stream);
  }
  let ended = false;
  const exit = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      ended = true;
      process.off("exit", killOnExit);
      resolve(code);
    });
  });
  const alive = () => !ended && child.exitCode === null && child.signalCode === null;
  return {
    child,
    stdout,
    stderr,
    exit,
    alive,
    async stop(graceMs = 15_000) {
      if (!alive()) return exit;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exit;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      child.kill("SIGKILL");
      return exit;
    },
  };
}

function readLines(stream: NodeJS.ReadableStream, sink: (line: string) => void): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (line) sink(line);
  });
  stream.on("end", () => {
    if (rest) sink(rest);
    rest = "";
  });
}
