// The `chibo` command: one entry point for operators, the demo and tests.
import { loadConfig, ConfigError } from "./config.js";
import { CliFailure, cliTranslator, firstLine, takeNow, UsageError, type CliContext, type CliIo } from "./cli/io.js";
import { FEATURE_COMMANDS } from "./features/commands.js";
import type { LazyCommands } from "./features/feature.js";
import { rememberSecrets, scrub, secretsOfEnv } from "./lib/secrets.js";

export async function runCli(argv: string[], given: CliIo): Promise<number> {
  // Whatever a command prints, no secret of its environment goes with it.
  rememberSecrets(secretsOfEnv(given.env));
  const io: CliIo = { ...given, out: (line) => given.out(scrub(line)), err: (line) => given.err(scrub(line)) };
  const [command, ...commandArgs] = argv;
  // The doctor reports a bad configuration itself, among its other checks.
  if (command === "doctor") return (await import("./cli/doctor.js")).doctorCommand(io);
  let say = cliTranslator(io.env.CHIBO_LANG === "en" ? "en" : "vi");
  let cli: CliContext;
  let args: string[];
  try {
    const config = loadConfig(io.env);
    say = cliTranslator(config.CHIBO_LANG);
    const clock = takeNow(command, commandArgs, io.now);
    args = clock.args;
    cli = { io, config, say, now: clock.now };
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(say("cli-bad-arguments", { detail: error.message }));
      return 2;
    }
    if (!(error instanceof ConfigError)) throw error;
    io.err(say("cli-config-invalid"));
    for (const problem of error.problems) io.err(`  - ${problem}`);
    return 2;
  }
  try {
    if (command === undefined || command === "help" || command === "--help") {
      io.out(say("cli-usage"));
      return 0;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      io.err(say("cli-unknown-command", { command }));
      io.err(say("cli-usage"));
      return 2;
    }
    const run = await load();
    return await run(cli, args);
  } catch (error) {
    return reportFailure(io, say, error);
  }
}

/** Whatever went wrong, a line the operator can act on, never a stack trace (but with LOG_LEVEL=debug). */
function reportFailure(io: CliIo, say: CliContext["say"], error: unknown): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    io.err(say("cli-bad-arguments", { detail: (error as Error).message }));
    return 2;
  }
  if (error instanceof CliFailure) {
    io.err(say(error.key, error.vars));
    return error.exitCode;
  }
  const file = error as NodeJS.ErrnoException;
  if (typeof file.code === "string" && typeof file.path === "string") {
    io.err(say("cli-file-error", { path: file.path, reason: say(`cli-file-${FILE_ERRORS.has(file.code) ? file.code : "other"}`, { code: file.code }) }));
  } else {
    io.err(say("cli-failed", { detail: firstLine(error) }));
  }
  if (io.env.LOG_LEVEL === "debug" || io.env.LOG_LEVEL === "trace") io.err(String((error as Error).stack ?? error));
  return 1;
}

/**
 * The core's commands and every feature's (features/commands.ts), each loaded when it
 * runs: a command loads only what it uses, so the CLI starts sooner and a province's
 * import or register stays within its memory.
 */
const COMMANDS: LazyCommands = {
  start: async () => (await import("./cli/start.js")).startCommand,
  tick: async () => (await import("./cli/tick.js")).tickCommand,
  outbox: async () => (await import("./cli/outbox.js")).outboxCommand,
  demo: async () => (await import("./demo/run.js")).demoCommand,
  ...FEATURE_COMMANDS,
};

/** File errors explained in words; others are named by their code. */
const FILE_ERRORS = new Set(["EISDIR", "ENOENT", "EACCES", "EPERM", "EROFS", "ENOSPC", "ENOTDIR"]);
