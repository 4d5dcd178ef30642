// `npm run bench [-- --only plan,taps] [-- --quick] [-- --profile] [-- --json file]`
// Runs the benchmarks one after another (never in parallel: they would measure each
// other on a 2-core machine) and prints each one's setup, figures, targets and checks.
// Exit code 1 when a benchmark fails to run or a correctness check fails; a missed
// target is reported as MISSED but is a finding, not an error.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { runCountry } from "./country.js";
import { runCrash } from "./crash.js";
import { runDigest, runDigestNational } from "./digest.js";
import { runDrain } from "./drain.js";
import { runEvening } from "./evening.js";
import { runExport } from "./export.js";
import { runIdle } from "./idle.js";
import { runImportBench } from "./import.js";
import { runPlan } from "./plan.js";
import { runSender } from "./sender.js";
import { runTaps } from "./taps.js";
import { runWebhook } from "./webhook.js";
import type { BenchOptions, BenchResult } from "./report.js";

const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  plan: runPlan,
  evening: runEvening,
  sender: runSender,
  taps: runTaps,
  webhook: runWebhook,
  digest: runDigest,
  "digest-national": runDigestNational,
  drain: runDrain,
  country: runCountry,
  export: runExport,
  idle: runIdle,
  crash: runCrash,
  import: runImportBench,
};

/**
 * What runs without --only. digest-national seeds 5.6 million members on PostgreSQL
 * (several minutes) before it measures anything, and drain sends 90,000 messages per
 * store at 30 a second (about seven real minutes each, in 10× compressed time): run
 * them by name. So does country (PostgreSQL, 34 provinces, 5.6 million members, one bot
 * per province: minutes of seeding, a tick of 5.6 million rows, 3 real minutes of drain).
 */
const BY_NAME_ONLY = new Set(["digest-national", "drain", "country"]);
const DEFAULT_SET = Object.keys(BENCHMARKS).filter((name) => !BY_NAME_ONLY.has(name));

function usage(): string {
  return [
    `usage: npm run bench -- [--only ${Object.keys(BENCHMARKS).join("|")}[,…]] [--quick] [--profile] [--json <file>]`,
    `without --only: ${DEFAULT_SET.join(", ")}; these run only when named: digest-national (PostgreSQL, 5.6 million members, several minutes of seeding), drain (90,000 reminders sent per store at 30/s in 10× compressed time: about 10 minutes per store), country (PostgreSQL, 34 provinces and bots, 5.6 million members: seeding, the T−2h tick, 3 real minutes of 34 senders)`,
  ].join("\n");
}

function parseArgs(argv: string[]): { only: string[]; quick: boolean; profile: boolean; json?: string } {
  const parsed: { only: string[]; quick: boolean; profile: boolean; json?: string } = { only: DEFAULT_SET, quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${usage()}`);
      return v;
    };
    if (flag === "--only") parsed.only = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--quick") parsed.quick = true;
    else if (flag === "--profile") parsed.profile = true;
    else if (flag === "--json") parsed.json = value();
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${usage()}\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${usage()}`);
  }
  const unknown = parsed.only.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(", ")}\n${usage()}`);
  return parsed;
}

function print(result: BenchResult): void {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(`\n== ${result.name} ==`);
  for (const line of result.setup) out(`setup: ${line}`);
  out();
  for (const line of result.figures) out(line);
  out();
  for (const t of result.targets) out(`${t.met ? "MET   " : "MISSED"} ${t.name}: ${t.actual} (target ${t.goal})`);
  for (const c of result.checks) out(`${c.ok ? "ok    " : "FAILED"} ${c.name}: ${c.detail}`);
  if (result.load) out(`load average (1 min) before ${result.load.before.toFixed(2)}, after ${result.load.after.toFixed(2)} on ${os.cpus().length} cpu`);
  if (result.profile) {
    out();
    for (const line of result.profile) out(line);
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const machine = `${os.cpus().length} cpu (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`;
  process.stdout.write(`chibo benchmarks${args.quick ? " (quick: small sizes, a smoke run)" : ""} — ${new Date().toISOString()}\n${machine}\n`);
  const options: BenchOptions = { quick: args.quick, profile: args.profile, log: (line) => process.stderr.write(`${line}\n`) };
  const results: BenchResult[] = [];
  const errors: { name: string; error: string }[] = [];
  for (const name of args.only) {
    const started = performance.now();
    const loadBefore = os.loadavg()[0]!;
    options.log(`${name}: running… (load average ${loadBefore.toFixed(2)})`);
    try {
      const result = await BENCHMARKS[name]!(options);
      result.load = { before: loadBefore, after: os.loadavg()[0]! };
      results.push(result);
      print(result);
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push({ name, error: text });
      process.stdout.write(`\n== ${name} ==\nERROR ${text}\n`);
    }
    options.log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ at: new Date().toISOString(), machine, quick: args.quick, results, errors }, null, 2)}\n`);
  const failedChecks = results.flatMap((r) => r.checks.filter((c) => !c.ok));
  return errors.length > 0 || failedChecks.length > 0 ? 1 : 0;
}

process.exitCode = await main();
