// `chibo broadcast <ORG_CODE> ...` sends a notice, a document reference or the year's
// thematic orientation down an organisation's subtree; `chibo broadcasts <ORG_CODE>`
// shows what that organisation sent with delivery and read counts. The same checks
// and mutation as the committee's /broadcast in chat.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { translate } from "../../bot/i18n.js";
import type { Db } from "../../db/client.js";
import { CELL_KIND, oversees } from "../../domain/access.js";
import { normalizePhone } from "../../domain/phone.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { countsOf, recentBroadcasts } from "./data.js";
import { sendBroadcast } from "./mutations.js";
import { AUDIENCES, BROADCAST_KINDS, checkContent, type Audience } from "./schema.js";
import { contentOf, statusLine } from "./text.js";
import { UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { IN_FORCE } from "../../db/memberships.js";

const USAGE =
  "broadcast <ORG_CODE> --kind notice|document|orientation --audience secretaries|members " +
  "(--text ... | --title ... --url ... [--text note] | --topics-file <file> [--text note]) [--as <phone>] [--now <ISO time>]";

/** The flags each kind needs: a missing one is a usage error, not a content error. */
const REQUIRED: Record<string, string[]> = { notice: ["text"], document: ["title", "url"], orientation: ["topics-file"] };

function readTopics(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new UsageError(`--topics-file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** The person named by --as, if they sit on the organisation's committee or lead it. */
async function senderAs(cli: CliContext, db: Db, raw: string, org: { id: number; path: string; name: string }) {
  const phone = normalizePhone(raw);
  if (!phone) {
    cli.io.err(cli.say("cli-phone-invalid", { phone: raw }));
    return undefined;
  }
  const person = await db.person.findUnique({ where: { phone }, include: { memberships: { where: IN_FORCE, include: { org: true } } } });
  const positions = (person?.memberships ?? [])
    .filter((m) => m.orgId === org.id)
    .map((m) => ({ orgId: m.orgId, orgPath: m.org.path, orgKind: m.org.kind, role: m.role }));
  if (!person || !oversees(positions, org.path)) {
    cli.io.err(cli.say("broadcast-cli-not-sender", { phone: raw, org: org.name }));
    return undefined;
  }
  return person;
}

export async function broadcastCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: "string" },
      audience: { type: "string" },
      text: { type: "string" },
      title: { type: "string" },
      url: { type: "string" },
      "topics-file": { type: "string" },
      as: { type: "string" },
    },
  });
  if (positionals.length !== 1 || !values.kind || !values.audience) throw new UsageError(USAGE);
  if (!(BROADCAST_KINDS as readonly string[]).includes(values.kind)) throw new UsageError(`--kind must be one of ${BROADCAST_KINDS.join(", ")}`);
  if (!(AUDIENCES as readonly string[]).includes(values.audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(", ")}`);
  const missing = REQUIRED[values.kind].filter((flag) => values[flag as keyof typeof values] === undefined);
  if (missing.length > 0) throw new UsageError(`--kind ${values.kind} needs ${missing.map((f) => `--${f}`).join(" and ")}`);
  const now = cli.now();
  const topicsFile = values["topics-file"];
  const checked = checkContent({
    kind: values.kind,
    text: values.text,
    title: values.title,
    url: values.url,
    topics: topicsFile === undefined ? undefined : readTopics(topicsFile),
  });
  if (!checked.ok) {
    cli.io.err(cli.say(checked.error));
    return 1;
  }
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[0]);
    if (!org) return 1;
    if (org.kind === CELL_KIND) {
      cli.io.err(cli.say("broadcast-cli-from-cell", { code: org.code }));
      return 1;
    }
    const sender = values.as === undefined ? null : await senderAs(cli, db, values.as, org);
    if (sender === undefined) return 1;
    const outcome = await sendBroadcast(
      db,
      { orgId: org.id, senderPersonId: sender?.id ?? null, actor: sender ? `cli:person:${sender.id}` : "cli", audience: values.audience as Audience, content: checked.value },
      now,
    );
    if (outcome.kind !== "sent") {
      cli.io.err(cli.say("broadcast-cli-from-cell", { code: org.code }));
      return 1;
    }
    cli.io.out(cli.say("broadcast-cli-sent", { id: outcome.broadcastId, org: org.name, recipients: outcome.recipients, queued: outcome.queued, unreachable: outcome.unreachable }));
    return 0;
  } finally {
    await database.close();
  }
}

export async function broadcastsCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" }, limit: { type: "string", default: "20" } } });
  if (positionals.length !== 1) throw new UsageError("broadcasts <ORG_CODE> [--json] [--limit 20]");
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError("--limit must be a whole number from 1 to 500");
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[0]);
    if (!org) return 1;
    const rows = await recentBroadcasts(db, [org.id], limit);
    const counts = await countsOf(db, rows.map((r) => r.id));
    if (values.json) {
      const broadcasts = rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        localTime: formatLocalDateTime(r.createdAt, org.timezone),
        kind: r.kind,
        audience: r.audience,
        sender: r.sender?.fullName ?? null,
        content: contentOf(r),
        ...counts.get(r.id)!,
      }));
      cli.io.out(JSON.stringify({ org: { code: org.code, name: org.name }, broadcasts }, null, 2));
      return 0;
    }
    if (rows.length === 0) cli.io.out(cli.say("broadcast-status-none"));
    for (const r of rows) {
      cli.io.out(statusLine(translate, cli.config.CHIBO_LANG, { ...r, orgName: org.name, timeZone: org.timezone, content: contentOf(r) }, counts.get(r.id)!));
    }
    return 0;
  } finally {
    await database.close();
  }
}
