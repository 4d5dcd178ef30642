// `chibo member add|move|status|end|attach|history`: the office records one person's
// membership changes (member-mutations.ts: each dated, audited as "cli", nothing
// deleted) and reads the periods they had. The office acts for the committees, so it may
// record removals and expulsions too.
//
// Days are typed as people write them (DD/MM/YYYY) and read in the time zone of the cell
// the change is about; without --on a change is dated today (the injected clock's day).
// A change is dated at the start of its day. Exit codes: 0 done, 1 refused or not found,
// 2 wrong arguments.
import { parseArgs } from "node:util";
import { CliFailure, UsageError, freeText, openCliDatabase, type CliContext } from "../../cli/io.js";
import type { Db } from "../../db/client.js";
import { auditRead } from "../../db/audit.js";
import { CELL_KIND } from "../../domain/access.js";
import { DEPARTURE_REASONS, type DepartureReason } from "../../domain/membership.js";
import { TEXT_LIMITS, normalizeName } from "../../domain/names.js";
import { formatLocalDay, localToday, parsePastDate, startOfLocalDay, type LocalDay } from "../../domain/past-date.js";
import { formatPhone, normalizePhone } from "../../domain/phone.js";
import { findOrgByCode } from "./data.js";
import { membershipHistory, personByPhone, type PeriodRow } from "./member-data.js";
import {
  addMember,
  attachMember,
  changeStatus,
  endAttachment,
  endMembership,
  moveMember,
  SETTABLE_STATUSES,
  type ChangedBy,
  type Refusal,
  type SettableStatus,
} from "./member-mutations.js";

/** The departures the CLI records; a move to another cell is `member move`. */
export const CLI_END_REASONS = DEPARTURE_REASONS.filter((reason) => reason !== "moved") as Exclude<DepartureReason, "moved">[];

const ACTOR = "cli";
const NAME_MAX = 200;

type Vars = Record<string, string | number>;
type Data = Record<string, unknown>;

/** What a subcommand did: lines for the operator (or JSON), and notes for standard error. */
type Result = { ok: true; lines: string[]; notes?: string[]; data: Data } | { ok: false; message: string; data: Data };

/** A refusal found on the way: said in the operator's words, exit code 1. */
class Refused extends Error {
  constructor(
    readonly key: string,
    readonly vars: Vars,
    readonly data: Data = {},
  ) {
    super(key);
  }
}

type Org = NonNullable<Awaited<ReturnType<typeof findOrgByCode>>>;
type Person = NonNullable<Awaited<ReturnType<typeof personByPhone>>>;

interface Subcommand {
  usage: string;
  options: NonNullable<Parameters<typeof parseArgs>[0]>["options"];
  /** How many positionals (after the subcommand) it takes: [min, max]. */
  positionals: [number, number];
  run(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<Result>;
}

const DAY_OPTIONS = { on: { type: "string" }, note: { type: "string" }, json: { type: "boolean" } } as const;

const SUBCOMMANDS: Record<string, Subcommand> = {
  add: {
    usage: 'member add <CELL> --name "..." --phone <phone> --status probationary|official|exempt [--admitted DD/MM/YYYY] [--on DD/MM/YYYY] [--note ...] [--json]',
    options: { ...DAY_OPTIONS, name: { type: "string" }, phone: { type: "string" }, status: { type: "string" }, admitted: { type: "string" } },
    positionals: [1, 1],
    run: runAdd,
  },
  move: {
    usage: "member move <PHONE> <TO_CELL> [--on DD/MM/YYYY] [--note ...] [--json]",
    options: DAY_OPTIONS,
    positionals: [2, 2],
    run: runMove,
  },
  attach: {
    usage: "member attach <PHONE> <TO_CELL> [--on DD/MM/YYYY] [--until DD/MM/YYYY] [--note ...] [--json] | member attach <PHONE> --end [--on DD/MM/YYYY] [--json]",
    options: { ...DAY_OPTIONS, until: { type: "string" }, end: { type: "boolean" } },
    positionals: [1, 2],
    run: runAttach,
  },
  status: {
    usage: `member status <PHONE> ${SETTABLE_STATUSES.join("|")} [--cell <CELL>] [--on DD/MM/YYYY] [--note <reason>] [--json]`,
    options: { ...DAY_OPTIONS, cell: { type: "string" } },
    positionals: [2, 2],
    run: runStatus,
  },
  end: {
    usage: `member end <PHONE> <CELL> --reason ${CLI_END_REASONS.join("|")} [--on DD/MM/YYYY] [--note ...] [--json]`,
    options: { ...DAY_OPTIONS, reason: { type: "string" } },
    positionals: [2, 2],
    run: runEnd,
  },
  history: {
    usage: "member history <PHONE> [--json]",
    options: { json: { type: "boolean" } },
    positionals: [1, 1],
    run: runHistory,
  },
};

export async function memberCommand(cli: CliContext, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "help" || name === "--help" || name === "-h") {
    cli.io.out(cli.say("cli-member-usage"));
    return 0;
  }
  const sub = name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    if (name !== undefined) cli.io.err(cli.say("cli-member-unknown", { command: name }));
    cli.io.err(cli.say("cli-member-usage"));
    return 2;
  }
  const parsed = parseArgs({ args: rest, allowPositionals: true, options: sub.options });
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (positionals.length < sub.positionals[0] || positionals.length > sub.positionals[1]) throw new UsageError(sub.usage);
  const json = values.json === true;
  const database = await openCliDatabase(cli);
  let result: Result;
  try {
    result = await sub.run(cli, database.db, values, positionals).catch((error: unknown) => {
      if (!(error instanceof Refused)) throw error;
      return { ok: false, message: cli.say(error.key, error.vars), data: { refused: error.key.replace(/^cli-(member-refused-)?/, ""), ...error.data } } as const;
    });
  } finally {
    await database.close();
  }
  if (!result.ok) {
    cli.io.err(result.message);
    if (json) cli.io.out(JSON.stringify({ ok: false, ...result.data, message: result.message }, null, 2));
    return 1;
  }
  for (const note of result.notes ?? []) cli.io.err(note);
  if (json) cli.io.out(JSON.stringify({ ok: true, ...result.data }, null, 2));
  else for (const line of result.lines) cli.io.out(line);
  return 0;
}

// ---- subcommands

async function runAdd(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, [code]: string[]): Promise<Result> {
  const status = settableStatus(values.status as string | undefined, "--status");
  const fullName = freeText(values.name as string | undefined, "--name", NAME_MAX)!;
  if (values.phone === undefined) throw new UsageError("--phone is missing");
  const phone = phoneOf(values.phone as string);
  const note = noteOf(values);
  const cell = await cellOf(db, code);
  const now = cli.now();
  const on = dayOf(cli, values.on, "--on", cell.timezone);
  const admitted = values.admitted === undefined ? undefined : dayOf(cli, values.admitted, "--admitted", cell.timezone);
  const by: ChangedBy = { actor: ACTOR, now };
  const known = await personByPhone(db, phone);
  const who = { name: known?.fullName ?? fullName, phone: formatPhone(phone) };
  const done = await addMember(
    db,
    { orgId: cell.id, fullName, phone, status, on: startOfLocalDay(on, cell.timezone), admittedOn: admitted && startOfLocalDay(admitted, cell.timezone), note },
    by,
  );
  if (done.kind !== "done") throw refusal(cli, done, { who, cell, day: on, context: "add" });
  const notes: string[] = [];
  if (known && normalizeName(known.fullName) !== normalizeName(fullName)) notes.push(cli.say("cli-member-name-kept", { ...who, given: fullName }));
  const vars = { ...who, cell: cell.name, code: cell.code, status: cli.say(`status-${status}`), day: formatLocalDay(on) };
  return {
    ok: true,
    lines: [cli.say(done.created ? "cli-member-added" : "cli-member-added-again", vars)],
    notes,
    data: {
      action: "add",
      person: { id: done.personId, fullName: who.name, phone, created: done.created },
      cell: orgJson(cell),
      status,
      on: isoDay(on),
      admittedOn: admitted ? isoDay(admitted) : status === "probationary" ? isoDay(on) : null,
    },
  };
}

async function runMove(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, [rawPhone, code]: string[]): Promise<Result> {
  const note = noteOf(values);
  const person = await personOf(db, rawPhone);
  const cell = await cellOf(db, code);
  const on = dayOf(cli, values.on, "--on", cell.timezone);
  const by: ChangedBy = { actor: ACTOR, now: cli.now() };
  const done = await sameDay(on, cell.timezone, (at) => moveMember(db, { personId: person.id, toOrgId: cell.id, on: at, note }, by));
  const who = whoOf(person);
  if (done.kind !== "done") throw refusal(cli, done, { who, cell, day: on, context: "move" });
  const vars = { ...who, from: done.fromOrgCode ?? "", cell: cell.name, code: cell.code, day: formatLocalDay(on) };
  return {
    ok: true,
    lines: [cli.say(done.fromOrgCode === null ? "cli-member-moved-in" : "cli-member-moved", vars)],
    data: { action: "move", person: personJson(person), from: done.fromOrgCode, cell: orgJson(cell), on: isoDay(on) },
  };
}

async function runAttach(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<Result> {
  const [rawPhone, code] = positionals;
  if (values.end === true) {
    if (code !== undefined || values.until !== undefined || values.note !== undefined) throw new UsageError(SUBCOMMANDS.attach.usage);
    return runDetach(cli, db, values, rawPhone);
  }
  if (code === undefined) throw new UsageError(SUBCOMMANDS.attach.usage);
  const note = noteOf(values);
  const person = await personOf(db, rawPhone);
  const cell = await cellOf(db, code);
  const on = dayOf(cli, values.on, "--on", cell.timezone);
  const until = values.until === undefined ? undefined : dayOf(cli, values.until, "--until", cell.timezone, { future: true });
  if (until && dayNumber(until) <= dayNumber(on)) throw new CliFailure("cli-member-until-before", { until: formatLocalDay(until), day: formatLocalDay(on) }, 2);
  const by: ChangedBy = { actor: ACTOR, now: cli.now() };
  const who = whoOf(person);
  const done = await sameDay(on, cell.timezone, (at) =>
    attachMember(db, { personId: person.id, toOrgId: cell.id, on: at, until: until && startOfLocalDay(until, cell.timezone), note }, by),
  );
  if (done.kind !== "done") throw refusal(cli, done, { who, cell, day: on, context: "attach" });
  const home = currentHome(await membershipHistory(db, person.id));
  const vars = { ...who, cell: cell.name, code: cell.code, day: formatLocalDay(on), home: home?.org.code ?? "" };
  const lines = [cli.say("cli-member-attached", vars)];
  if (until) lines.push(cli.say("cli-member-attached-until", { until: formatLocalDay(until) }));
  return {
    ok: true,
    lines,
    data: { action: "attach", person: personJson(person), home: home ? orgJson(home.org) : null, cell: orgJson(cell), on: isoDay(on), until: until ? isoDay(until) : null },
  };
}

async function runDetach(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, rawPhone: string): Promise<Result> {
  const person = await personOf(db, rawPhone);
  const who = whoOf(person);
  const attached = (await membershipHistory(db, person.id)).find((p) => p.kind === "attached" && p.endedOn === null);
  if (!attached) throw new Refused("cli-member-refused-not_attached", who);
  const cell = attached.org;
  const on = dayOf(cli, values.on, "--on", cell.timezone);
  const by: ChangedBy = { actor: ACTOR, now: cli.now() };
  const done = await sameDay(on, cell.timezone, (at) => endAttachment(db, { personId: person.id, on: at }, by));
  if (done.kind !== "done") throw refusal(cli, done, { who, cell, day: on, context: "detach" });
  const home = currentHome(await membershipHistory(db, person.id));
  return {
    ok: true,
    lines: [cli.say("cli-member-detached", { ...who, cell: cell.name, code: cell.code, day: formatLocalDay(on), home: home?.org.code ?? "" })],
    data: { action: "attach-end", person: personJson(person), cell: orgJson(cell), home: home ? orgJson(home.org) : null, on: isoDay(on) },
  };
}

async function runStatus(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, [rawPhone, rawStatus]: string[]): Promise<Result> {
  const status = settableStatus(rawStatus, "status");
  const note = noteOf(values);
  const person = await personOf(db, rawPhone);
  const who = whoOf(person);
  let cell: Pick<Org, "id" | "code" | "name" | "kind" | "timezone">;
  if (typeof values.cell === "string") {
    cell = await orgOf(db, values.cell);
  } else {
    // The status lives where the member attends: the attachment while there is one, else the home cell.
    const periods = await membershipHistory(db, person.id);
    const current = periods.find((p) => p.kind === "attached" && p.endedOn === null) ?? currentHome(periods);
    if (!current) throw new Refused("cli-member-refused-no_home", who);
    cell = current.org;
  }
  const on = dayOf(cli, values.on, "--on", cell.timezone);
  const by: ChangedBy = { actor: ACTOR, now: cli.now() };
  const done = await sameDay(on, cell.timezone, (at) => changeStatus(db, { orgId: cell.id, personId: person.id, status, on: at, note }, by));
  if (done.kind !== "done") throw refusal(cli, done, { who, cell, day: on, context: "status", status });
  return {
    ok: true,
    lines: [cli.say("cli-member-status-changed", { ...who, cell: cell.name, code: cell.code, from: cli.say(`status-${done.from}`), to: cli.say(`status-${status}`), day: formatLocalDay(on) })],
    data: { action: "status", person: personJson(person), cell: orgJson(cell), from: done.from, to: status, on: isoDay(on) },
  };
}

async function runEnd(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, [rawPhone, code]: string[]): Promise<Result> {
  const reason = values.reason as string | undefined;
  if (reason === undefined || !(CLI_END_REASONS as readonly string[]).includes(reason)) throw new UsageError(`--reason must be one of ${CLI_END_REASONS.join(", ")}`);
  const note = noteOf(values);
  const person = await personOf(db, rawPhone);
  const org = await orgOf(db, code);
  const on = dayOf(cli, values.on, "--on", org.timezone);
  const by: ChangedBy = { actor: ACTOR, now: cli.now() };
  const who = whoOf(person);
  const done = await sameDay(on, org.timezone, (at) => endMembership(db, { orgId: org.id, personId: person.id, on: at, reason: reason as DepartureReason, note }, by));
  if (done.kind !== "done") throw refusal(cli, done, { who, cell: org, day: on, context: "end" });
  return {
    ok: true,
    lines: [cli.say("cli-member-ended", { ...who, cell: org.name, code: org.code, reason: cli.say(`cli-member-reason-${reason}`), day: formatLocalDay(on), count: done.ended })],
    data: { action: "end", person: personJson(person), cell: orgJson(org), reason, on: isoDay(on), ended: done.ended },
  };
}

async function runHistory(cli: CliContext, db: Db, values: Record<string, string | boolean | undefined>, [rawPhone]: string[]): Promise<Result> {
  const person = await personOf(db, rawPhone);
  const periods = await membershipHistory(db, person.id);
  await auditRead(db, ACTOR, "member.history", { personId: person.id, json: values.json === true }, cli.now());
  // The person's own dates are read in their home cell's zone (the latest period's, when none).
  const zone = (currentHome(periods) ?? periods.at(-1))?.org.timezone ?? cli.config.DEFAULT_TIMEZONE;
  const dayIn = (instant: Date | null, timeZone: string) => (instant ? localToday(instant, timeZone) : null);
  const admitted = dayIn(person.admittedOn, zone);
  const official = dayIn(person.officialOn, zone);
  const lines = [cli.say("cli-member-history-header", { ...whoOf(person), count: periods.length })];
  if (admitted) lines.push(cli.say("cli-member-history-admitted", { day: formatLocalDay(admitted) }));
  if (official) lines.push(cli.say("cli-member-history-official", { day: formatLocalDay(official) }));
  if (periods.length === 0) lines.push(cli.say("cli-member-history-none"));
  for (const p of periods) {
    const from = dayIn(p.startedOn, p.org.timezone);
    const to = dayIn(p.endedOn, p.org.timezone);
    const until = dayIn(p.until, p.org.timezone);
    const parts = [
      cli.say("cli-member-history-line", {
        from: from ? formatLocalDay(from) : cli.say("cli-member-history-from-start"),
        to: to ? formatLocalDay(to) : cli.say("cli-member-history-to-now"),
        org: p.org.name,
        code: p.org.code,
        kind: cli.say(`cli-member-kind-${p.kind}`),
        status: cli.say(`status-${p.status}`),
        role: cli.say(`role-${p.role}`),
      }),
    ];
    if (until && p.endedOn === null) parts.push(cli.say("cli-member-history-until", { day: formatLocalDay(until) }));
    if (p.endReason) parts.push(cli.say("cli-member-history-ended", { reason: cli.say(`cli-member-reason-${p.endReason}`) }));
    if (p.note) parts.push(cli.say("cli-member-history-note", { note: p.note }));
    lines.push(parts.join(" · "));
  }
  return {
    ok: true,
    lines,
    data: {
      person: { ...personJson(person), admittedOn: admitted ? isoDay(admitted) : null, officialOn: official ? isoDay(official) : null },
      periods: periods.map((p) => {
        const from = dayIn(p.startedOn, p.org.timezone);
        const to = dayIn(p.endedOn, p.org.timezone);
        const until = dayIn(p.until, p.org.timezone);
        return {
          org: orgJson(p.org),
          kind: p.kind,
          status: p.status,
          role: p.role,
          from: from ? isoDay(from) : null,
          to: to ? isoDay(to) : null,
          endReason: p.endReason,
          note: p.note,
          until: until ? isoDay(until) : null,
          startedOn: p.startedOn?.toISOString() ?? null,
          endedOn: p.endedOn?.toISOString() ?? null,
        };
      }),
    },
  };
}

// ---- pieces

function settableStatus(text: string | undefined, option: string): SettableStatus {
  if (text === undefined || !(SETTABLE_STATUSES as readonly string[]).includes(text)) throw new UsageError(`${option} must be one of ${SETTABLE_STATUSES.join(", ")}`);
  return text as SettableStatus;
}

function noteOf(values: Record<string, string | boolean | undefined>): string | undefined {
  return freeText(values.note as string | undefined, "--note", TEXT_LIMITS.note, { optional: true });
}

function phoneOf(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone) throw new Refused("cli-phone-invalid", { phone: raw }, { refused: "phone_invalid" });
  return phone;
}

async function personOf(db: Db, raw: string): Promise<Person> {
  const person = await personByPhone(db, phoneOf(raw));
  if (!person) throw new Refused("cli-member-person-unknown", { phone: raw }, { refused: "person_unknown" });
  return person;
}

async function orgOf(db: Db, code: string): Promise<Org> {
  const org = await findOrgByCode(db, code);
  if (!org) throw new Refused("cli-org-not-found", { code }, { refused: "org_not_found" });
  return org;
}

async function cellOf(db: Db, code: string): Promise<Org> {
  const org = await orgOf(db, code);
  if (org.kind !== CELL_KIND) throw new Refused("cli-member-refused-not_a_cell", { code: org.code });
  return org;
}

const FAR_FUTURE = new Date(Date.UTC(9999, 11, 31));

/**
 * A day option in the cell's zone: today when absent. A day after today is refused (exit
 * 1) unless `future` (a planned end); a malformed or impossible day is a usage error.
 */
export function dayOf(cli: CliContext, text: string | boolean | undefined, option: string, timeZone: string, how: { future?: boolean } = {}): LocalDay {
  const now = cli.now();
  const today = localToday(now, timeZone);
  if (typeof text !== "string") return today;
  const parsed = parsePastDate(text, how.future ? FAR_FUTURE : now, timeZone);
  if (parsed.ok) return { year: parsed.year, month: parsed.month, day: parsed.day };
  if (parsed.error === "future") throw new Refused("cli-member-refused-future_date", { day: text.trim(), today: formatLocalDay(today) });
  throw new CliFailure("cli-member-bad-day", { option, text, reason: cli.say(`cli-member-bad-day-${parsed.error}`) }, 2);
}

const dayNumber = (d: LocalDay) => d.year * 10_000 + d.month * 100 + d.day;

/** 2026-12-05: local days in JSON. */
export function isoDay(d: LocalDay): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/**
 * Runs a change dated at the start of `day`. A period that began later that same day (a
 * change recorded earlier today, or at a time of day) cannot end before it began: the
 * change then takes effect when that period began, still on the day asked for.
 */
async function sameDay<T extends { kind: string }>(day: LocalDay, timeZone: string, change: (at: Date) => Promise<T | Extract<Refusal, { kind: "before_start" }>>): Promise<T> {
  let at = startOfLocalDay(day, timeZone);
  for (let attempt = 0; ; attempt++) {
    const outcome = (await change(at)) as T | Extract<Refusal, { kind: "before_start" }>;
    if (outcome.kind !== "before_start" || attempt >= 3) return outcome as T;
    const since = (outcome as Extract<Refusal, { kind: "before_start" }>).since;
    if (dayNumber(localToday(since, timeZone)) !== dayNumber(day) || since.getTime() <= at.getTime()) return outcome as T;
    at = since;
  }
}

function currentHome(periods: PeriodRow[]): PeriodRow | undefined {
  return periods.find((p) => p.kind === "home" && p.endedOn === null && p.org.kind === CELL_KIND);
}

function whoOf(person: Person): { name: string; phone: string } {
  return { name: person.fullName, phone: formatPhone(person.phone) };
}

function personJson(person: Person) {
  return { id: person.id, fullName: person.fullName, phone: person.phone };
}

function orgJson(org: { code: string; name: string; kind: string }) {
  return { code: org.code, name: org.name, kind: org.kind };
}

type Context = "add" | "move" | "attach" | "detach" | "status" | "end";

/** Every refusal of member-mutations.ts in the operator's words, keyed `cli-member-refused-<what>`. */
function refusal(
  cli: CliContext,
  refused: Refusal,
  ctx: { who: { name: string; phone: string }; cell: { code: string; name: string; timezone: string }; day: LocalDay; context: Context; status?: SettableStatus },
): Refused {
  const base = { ...ctx.who, cell: ctx.cell.name, code: ctx.cell.code, day: formatLocalDay(ctx.day) };
  const key = (what: string) => `cli-member-refused-${what}`;
  switch (refused.kind) {
    case "future_date":
      return new Refused(key("future_date"), { ...base, today: formatLocalDay(localToday(cli.now(), ctx.cell.timezone)) });
    case "before_start":
      return new Refused(key("before_start"), { ...base, since: formatLocalDay(localToday(refused.since, ctx.cell.timezone)) }, { since: refused.since.toISOString() });
    case "not_a_cell":
      return new Refused(key("not_a_cell"), base);
    case "not_member":
      return new Refused(key(ctx.context === "attach" ? "no_home" : ctx.context === "detach" ? "not_attached" : "not_member"), base, { refused: "not_member" });
    case "already_member":
      return new Refused(key("already_member"), base);
    case "home_elsewhere":
      return new Refused(key("home_elsewhere"), { ...base, orgCode: refused.orgCode, orgName: refused.orgName }, { orgCode: refused.orgCode });
    case "same_cell":
      return new Refused(key(ctx.context === "attach" ? "attach_home" : "same_cell"), base, { refused: "same_cell" });
    case "same_status":
      return new Refused(key("same_status"), { ...base, status: cli.say(`status-${ctx.status ?? "official"}`) });
    case "attached_elsewhere":
      return new Refused(key(ctx.context === "status" ? "status_attached" : "attached_elsewhere"), { ...base, orgCode: refused.orgCode, orgName: refused.orgName }, { refused: "attached_elsewhere", orgCode: refused.orgCode });
    case "phone_taken":
      return new Refused(key("phone_taken"), { ...base, fullName: refused.fullName });
    default:
      return refused satisfies never;
  }
}
