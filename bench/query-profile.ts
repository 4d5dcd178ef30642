// `--profile`: where the database time of a benchmark goes, per Prisma operation
// (model.action, or the raw statement kind). It wraps the client in a query extension,
// so the code under test runs unchanged; the wrapper adds a little overhead per query,
// which is why profiled runs are reported apart from the measured ones.
import type { Db } from "../src/db/client.js";

interface OperationStats {
  count: number;
  ms: number;
}

export interface QueryProfile {
  /** The client to hand to the code under test. */
  db: Db;
  reset(): void;
  /** Operations by total time, largest first. */
  top(limit?: number): { operation: string; count: number; totalMs: number; meanMs: number }[];
  totals(): { count: number; ms: number };
}

export function profileQueries(db: Db): QueryProfile {
  let stats = new Map<string, OperationStats>();
  const extended = db.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const started = performance.now();
        try {
          return await query(args);
        } finally {
          // Raw statements are told apart by their first words (INSERT INTO "OutboxMessage"…).
          const raw = model === undefined ? rawLabel(args) : "";
          const name = model === undefined ? `${operation} ${raw}`.trim() : `${model}.${operation}`;
          const entry = stats.get(name) ?? { count: 0, ms: 0 };
          entry.count += 1;
          entry.ms += performance.now() - started;
          stats.set(name, entry);
        }
      },
    },
  });
  return {
    // The extended client has the same models and methods; its static type is wider.
    db: extended as unknown as Db,
    reset: () => {
      stats = new Map();
    },
    top(limit = 12) {
      return [...stats.entries()]
        .map(([operation, s]) => ({ operation, count: s.count, totalMs: s.ms, meanMs: s.ms / s.count }))
        .sort((a, b) => b.totalMs - a.totalMs)
        .slice(0, limit);
    },
    totals() {
      let count = 0;
      let ms = 0;
      for (const s of stats.values()) {
        count += s.count;
        ms += s.ms;
      }
      return { count, ms };
    },
  };
}

function rawLabel(args: unknown): string {
  const sql = (args as { strings?: string[] } | undefined)?.strings?.[0] ?? (Array.isArray(args) ? String(args[0]) : "");
  return sql.replace(/\s+/g, " ").trim().split(" ").slice(0, 3).join(" ");
}

export function formatProfile(profile: QueryProfile, perUnit?: { count: number; label: string }): string[] {
  const totals = profile.totals();
  // Queries started together (Promise.all) overlap, so their times add up to more than
  // the wall time they took: compare operations with each other, not with the wall.
  const lines = [`database: ${totals.count} queries, ${totals.ms.toFixed(0)} ms summed${perUnit ? ` (${(totals.count / perUnit.count).toFixed(1)} queries per ${perUnit.label})` : ""}; concurrent queries overlap`];
  for (const row of profile.top()) {
    lines.push(
      `  ${row.operation.padEnd(44)} ${String(row.count).padStart(7)} × ${row.meanMs.toFixed(3).padStart(8)} ms = ${row.totalMs.toFixed(0).padStart(6)} ms`,
    );
  }
  return lines;
}
