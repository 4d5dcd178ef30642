// `chibo resolutions <ORG_CODE> [--json]`: per child organisation, the tasks the cells'
// meetings assigned, done on time, late and open, and the cells whose held meeting
// recorded no conclusion, at `--now`: the figures the weekly digest and /report show
// (org/resolutions.ts counts them for all three), as a table or as JSON for scripts.
import { parseArgs } from "node:util";
import { auditRead } from "../../db/audit.js";
import { formatLocalDay, localToday } from "../../domain/past-date.js";
import type { ResolutionCounts, ResolutionFigures } from "../../domain/resolution-figures.js";
import { resolutionsOf } from "../../org/resolutions.js";
import { openCliDatabase, orgOrSay, UsageError, type CliContext } from "../../cli/io.js";

export async function resolutionsCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("resolutions <ORG_CODE> [--json]");
  const now = cli.now();
  const database = await openCliDatabase(cli);
  try {
    const org = await orgOrSay(cli, database.db, positionals[0]!);
    if (!org) return 1;
    const figures = await resolutionsOf(database.db, org, now);
    await auditRead(database.db, "cli", "resolutions", { org: org.code, json: Boolean(values.json) }, now);
    const named = { id: org.id, code: org.code, name: org.name };
    cli.io.out(values.json ? JSON.stringify({ org: named, at: now.toISOString(), ...figures }, null, 2) : resolutionsTable(cli, named, figures, org.timezone));
    return 0;
  } finally {
    await database.close();
  }
}

type Org = { code: string; name: string };

/** A table of the children and the total, then the meetings without a conclusion. */
function resolutionsTable(cli: CliContext, org: Org, f: ResolutionFigures, timeZone: string): string {
  const day = (iso: string) => formatLocalDay(localToday(new Date(iso), timeZone));
  const header = ["org", "code", "on-time", "late", "open", "no-conclusion"].map((c) => cli.say(`cli-resolutions-col-${c}`));
  const row = (o: Org, c: ResolutionCounts) => [o.name, o.code, ...[c.onTime, c.late, c.open, c.noConclusionCells].map(String)];
  const rows = [header, ...f.children.map((c) => row(c.org, c.counts)), row({ name: cli.say("cli-resolutions-total"), code: org.code }, f.totals)];
  const lines = [cli.say("cli-resolutions-title", { org: org.name, code: org.code, from: day(f.from) }), ...aligned(rows)];
  if (f.noConclusion.length > 0) {
    lines.push("", cli.say("cli-resolutions-no-conclusion", { count: f.noConclusion.length }));
    for (const m of f.noConclusion) lines.push(cli.say("cli-resolutions-no-conclusion-line", { name: m.name, code: m.code, date: day(m.date) }));
  }
  return lines.join("\n");
}

/** Columns padded to their widest cell; the figures right-aligned. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) => r.map((cell, j) => (j < 2 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("  ").trimEnd());
}
