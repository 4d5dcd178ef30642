// A benchmark's measured part in a child process (the benchmark's own file, forked
// through tsx, with node's flags as bin/chibo.mjs runs the CLI), so its peak memory is
// its own and not the seeding's.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Runs `moduleUrl` as a child with `request` and returns what it sent back. */
export function runInChild<Request, Reply extends object>(moduleUrl: string, name: string, request: Request): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(moduleUrl), [JSON.stringify(request)], {
      execArgv: [...chiboNodeFlags(), "--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let reply: Reply | { error: string } | undefined;
    child.on("message", (message) => (reply = message as Reply | { error: string }));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (reply && !("error" in reply)) resolve(reply);
      else reject(new Error(`${name} worker exited with ${code}: ${reply && "error" in reply ? reply.error : "no reply"}`));
    });
  });
}

/** In the child (when `moduleUrl` is the file node runs): answers the parent with `work`'s result. */
export async function answerAsChild<Request, Reply>(moduleUrl: string, work: (request: Request) => Promise<Reply>): Promise<void> {
  if (!process.argv[1] || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  try {
    process.send!(await work(JSON.parse(process.argv[2]!) as Request));
  } catch (error) {
    process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  }
}

/** Node's flags as `npx chibo` runs: those on bin/chibo.mjs's first line (#!/usr/bin/env -S node …). */
export function chiboNodeFlags(): string[] {
  const shebang = readFileSync(new URL("../bin/chibo.mjs", import.meta.url), "utf8").split("\n", 1)[0]!;
  return shebang.split(/\s+/).filter((word) => word.startsWith("--"));
}
