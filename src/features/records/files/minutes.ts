// The minutes of a cell meeting (biên bản sinh hoạt chi bộ) as a Word document to print,
// fill in by hand and keep, and as a short chat summary. Pure functions of plain data:
// the caller loads the meeting, counts and names; nothing here reads the database.
// Times are shown in the organisation's zone, never the server's. Every label comes from
// the Fluent files (keys minutes-*), so the document reads in the chosen language.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LeaderType,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import type { Locale, Translate } from "../../../bot/i18n.js";
import { formatLocalDateTime } from "../../../domain/time.js";
import { tallyTasks } from "../../../domain/tasks.js";
import { toLocal } from "../../../domain/zoned.js";
import { formatDueDay, type MeetingReview } from "../../../org/meeting-text.js";

/** What the meeting concluded, and the vote when it was put to one. */
export interface MinutesConclusion {
  text: string;
  votes: { for: number; against: number; abstain: number } | null;
  /** The counted official members the vote was checked against (the record's quorum). */
  countedOfficial: number | null;
  /** Null when not voted. */
  passed: boolean | null;
}

/** A task the meeting assigned: to named members, or to the whole cell. */
export interface MinutesTask {
  text: string;
  assignees: string[];
  wholeCell: boolean;
  /** The start of the due day in the cell's zone. */
  dueOn: Date;
}

export interface MinutesData {
  /** The cell, e.g. "Chi bộ Khu phố 3" (printed in capitals in the header). */
  orgName: string;
  /** The organisation above, e.g. "Đảng bộ phường Ba Đình". */
  parentName?: string;
  /** Already translated, e.g. "Sinh hoạt thường kỳ tháng 12/2026". */
  meetingKindLabel: string;
  startedAt: Date | null;
  endedAt: Date | null;
  scheduledAt: Date;
  /** IANA zone of the organisation. */
  timeZone: string;
  place: string;
  chair: string | null;
  noteTaker: string | null;
  guests: string[];
  /**
   * total = everyone on the cell's list (official + probationary); exempt and transferred
   * are counted inside total and are not expected to attend, so the members expected are
   * total − exempt − transferred, plus those attached from elsewhere (sinh hoạt tạm
   * thời here: expected, not in total). present = everyone who attended (an exempt
   * member who came counts too).
   */
  counts: { total: number; official: number; probationary: number; exempt: number; transferred: number; attached?: number; present: number };
  absentWithReason: { name: string; reason: string }[];
  absentWithoutReason: string[];
  agenda: string;
  topic: string | null;
  /** Proposals members sent before the meeting; accepted null = not decided yet. */
  proposals: { name: string; text: string; accepted: boolean | null }[];
  /** Set when the meeting did not take place: the document then only says so and why. */
  notHeld?: { reason: string };
  /** Unset until the secretary records it: section VI is then left to write by hand. */
  conclusion?: MinutesConclusion;
  tasks?: MinutesTask[];
  /** The previous resolution this meeting reviewed (a regular meeting after one that left one). */
  review?: MeetingReview & { kindLabel: string };
}

// A4 portrait; margins as Vietnamese administrative documents use them (3 cm left, 2 cm
// elsewhere). Widths are in twips (1/1440 inch).
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Times New Roman 13 pt (docx sizes are half-points). */
const FONT = "Times New Roman";
const SIZE = 26;
/** Dotted lines left blank for what is said in the meeting and for the conclusion. */
const DISCUSSION_LINES = 20;
const CONCLUSION_LINES = 10;
const BLANK = "………";

const pad = (n: number) => String(n).padStart(2, "0");

/** Members expected to attend: everyone listed except the exempt and those attending elsewhere, and those attached here. */
export function expectedCount(counts: MinutesData["counts"]): number {
  return Math.max(0, counts.total - counts.exempt - counts.transferred) + (counts.attached ?? 0);
}

function lengthMinutes(data: MinutesData): number | null {
  if (!data.startedAt || !data.endedAt) return null;
  return Math.round((data.endedAt.getTime() - data.startedAt.getTime()) / 60_000);
}

/** "21:15" when the end is on the start's local day, otherwise the full date and time. */
function formatEnd(start: Date, end: Date, timeZone: string): string {
  const full = formatLocalDateTime(end, timeZone);
  return formatLocalDateTime(start, timeZone).slice(0, 10) === full.slice(0, 10) ? full.slice(11) : full;
}

// ---- paragraphs ------------------------------------------------------------------------

interface Style {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

const run = (text: string, style: Style = {}) =>
  new TextRun({
    text,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
    size: style.size,
  });

function para(
  runs: TextRun[],
  options: { align?: "center" | "both" | "left"; before?: number; after?: number; indent?: number; dotted?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children: runs,
    alignment:
      options.align === "center" ? AlignmentType.CENTER : options.align === "left" ? AlignmentType.LEFT : AlignmentType.BOTH,
    spacing: { before: options.before ?? 0, after: options.after ?? 60 },
    indent: options.indent ? { firstLine: options.indent } : undefined,
    // A dot leader up to the right margin: what is left to write by hand.
    tabStops: options.dotted ? [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH, leader: LeaderType.DOT }] : undefined,
  });
}

const dots = () => new TextRun({ children: [new Tab()] });

/** "Label: value", or "Label: ......" to the margin when the value is not known yet. */
function field(label: string, value: string | null | undefined, indent = 567): Paragraph {
  if (value === null || value === undefined || value === "") {
    return new Paragraph({
      children: [run(`${label} `), dots()],
      spacing: { after: 60 },
      indent: { firstLine: indent },
      tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH, leader: LeaderType.DOT }],
    });
  }
  return para([run(`${label} `), run(value)], { indent });
}

const heading = (text: string) => para([run(text, { bold: true })], { before: 160, after: 80, align: "left" });
const bullet = (runs: TextRun[]) => para([run("- "), ...runs], { indent: 567 });
const dottedLines = (count: number) =>
  Array.from({ length: count }, () => para([dots()], { dotted: true, after: 80 }));

const noBorders = TableBorders.NONE;

function cell(children: Paragraph[], width: number): TableCell {
  // Word reports a damaged file for a table cell without a paragraph.
  const content = children.length > 0 ? children : [new Paragraph({})];
  return new TableCell({ children: content, width: { size: width, type: WidthType.DXA }, borders: noBorders });
}

/** Two columns without borders: the header and the signatures. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftWidth: number): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, CONTENT_WIDTH - leftWidth],
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, CONTENT_WIDTH - leftWidth)] })],
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/** A ruled table: a bold header row, then one row per item, each cell a paragraph per line. */
function grid(widths: number[], header: string[], rows: string[][][]): Table {
  const line = (text: string, bold = false) => new Paragraph({ children: [run(text, { bold })], spacing: { after: 0 } });
  const gridCell = (lines: Paragraph[], width: number) =>
    new TableCell({ children: lines.length > 0 ? lines : [new Paragraph({})], width: { size: width, type: WidthType.DXA } });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: GRID,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => gridCell([line(h, true)], widths[i]!)) }),
      ...rows.map((cells) => new TableRow({ children: cells.map((c, i) => gridCell(c.map((l) => line(l)), widths[i]!)) })),
    ],
  });
}

const textLines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");

// ---- the document ----------------------------------------------------------------------

function header(data: MinutesData, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const upper = (s: string) => s.toLocaleUpperCase("vi");
  const left: Paragraph[] = [];
  if (data.parentName) left.push(para([run(upper(data.parentName))], { align: "center", after: 0 }));
  left.push(para([run(upper(data.orgName), { bold: true })], { align: "center", after: 0 }));
  left.push(para([run("*")], { align: "center", after: 0 }));

  const day = toLocal(data.startedAt ?? data.scheduledAt, data.timeZone);
  const right = [
    para([run(t(locale, "minutes-party"), { bold: true, underline: true })], { align: "center", after: 120 }),
    para(
      [
        run(
          t(locale, "minutes-place-date", {
            place: data.place,
            // Vietnamese documents write 05 for days below 10 and 01, 02 for January, February.
            day: pad(day.day),
            month: day.month < 3 ? pad(day.month) : String(day.month),
            year: String(day.year), // a number would be grouped: "2.026"
            date: `${pad(day.day)}/${pad(day.month)}/${day.year}`,
          }),
          { italics: true },
        ),
      ],
      { align: "center", after: 0 },
    ),
  ];
  return [
    twoColumns(left, right, 3900),
    para([run(t(locale, "minutes-title"), { bold: true, size: 30 })], { align: "center", before: 360, after: 0 }),
    para([run(data.meetingKindLabel, { bold: true })], { align: "center", after: 240 }),
  ];
}

function signatures(locale: Locale, t: Translate, blocks: { title: string; name: string | null }[]): Table | Paragraph {
  const column = (b: { title: string; name: string | null }) => [
    para([run(b.title, { bold: true })], { align: "center", after: 0 }),
    para([run(t(locale, "minutes-sign-hint"), { italics: true })], { align: "center", after: 1200 }),
    para([run(b.name ?? "", { bold: true })], { align: "center", after: 0 }),
  ];
  if (blocks.length === 1) return twoColumns([], column(blocks[0]!), CONTENT_WIDTH / 2);
  return twoColumns(column(blocks[0]!), column(blocks[1]!), CONTENT_WIDTH / 2);
}

function notHeldBody(data: MinutesData, reason: string, locale: Locale, t: Translate): (Paragraph | Table)[] {
  return [
    para(
      [
        run(
          t(locale, "minutes-not-held", {
            time: formatLocalDateTime(data.scheduledAt, data.timeZone),
            place: data.place,
            kind: data.meetingKindLabel,
          }),
        ),
      ],
      { indent: 567, before: 120 },
    ),
    para([run(`${t(locale, "minutes-not-held-reason")} `), run(reason)], { indent: 567, after: 480 }),
    signatures(locale, t, [{ title: t(locale, "minutes-sign-for-cell"), name: data.chair }]),
  ];
}

function heldBody(data: MinutesData, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const tz = data.timeZone;
  const c = data.counts;
  const expected = expectedCount(c);
  const minutes = lengthMinutes(data);
  const body: (Paragraph | Table)[] = [];

  // I. Time and place
  body.push(heading(t(locale, "minutes-section-time-place")));
  if (data.startedAt) body.push(field(t(locale, "minutes-started-label"), formatLocalDateTime(data.startedAt, tz)));
  else {
    // Printed before the meeting: the start is written in by hand; the plan is shown.
    body.push(
      new Paragraph({
        children: [
          run(`${t(locale, "minutes-started-label")} `),
          dots(),
          run(` ${t(locale, "minutes-planned", { time: formatLocalDateTime(data.scheduledAt, tz) })}`, { italics: true }),
        ],
        spacing: { after: 60 },
        indent: { firstLine: 567 },
        tabStops: [{ type: TabStopType.LEFT, position: 5400, leader: LeaderType.DOT }],
      }),
    );
  }
  if (data.startedAt && data.endedAt) {
    const end = formatEnd(data.startedAt, data.endedAt, tz);
    body.push(field(t(locale, "minutes-ended-label"), `${end} ${t(locale, "minutes-duration", { minutes: minutes ?? 0 })}`));
  } else body.push(field(t(locale, "minutes-ended-label"), null));
  body.push(field(t(locale, "minutes-place-label"), data.place));

  // II. Who led, who wrote, who was invited
  body.push(heading(t(locale, "minutes-section-people")));
  body.push(field(t(locale, "minutes-chair-label"), data.chair));
  body.push(field(t(locale, "minutes-note-taker-label"), data.noteTaker));
  body.push(field(t(locale, "minutes-guests-label"), data.guests.length > 0 ? data.guests.join("; ") : t(locale, "minutes-none")));

  // III. Members: counts by status, present, absentees by name
  body.push(heading(t(locale, "minutes-section-members")));
  body.push(para([run(t(locale, "minutes-counts-total", { total: c.total, official: c.official, probationary: c.probationary }))], { indent: 567 }));
  body.push(para([run(t(locale, "minutes-counts-excluded", { exempt: c.exempt, transferred: c.transferred, attached: c.attached ?? 0, expected }))], { indent: 567 }));
  body.push(
    para(
      [
        run(
          t(locale, "minutes-counts-present", {
            present: c.present,
            expected,
            percent: expected > 0 ? Math.round((100 * Math.min(c.present, expected)) / expected) : "—",
          }),
          { bold: true },
        ),
      ],
      { indent: 567 },
    ),
  );
  const absent = data.absentWithReason.length + data.absentWithoutReason.length;
  body.push(para([run(t(locale, "minutes-absent-total", { count: absent }))], { indent: 567 }));
  body.push(
    para(
      [
        run(`${t(locale, "minutes-absent-with-reason", { count: data.absentWithReason.length })} `, { italics: true }),
        ...(data.absentWithReason.length === 0 ? [run(t(locale, "minutes-none"))] : []),
      ],
      { indent: 567 },
    ),
  );
  for (const a of data.absentWithReason) body.push(bullet([run(a.name), run(` (${a.reason})`)]));
  body.push(
    para(
      [
        run(`${t(locale, "minutes-absent-without-reason", { count: data.absentWithoutReason.length })} `, { italics: true }),
        ...(data.absentWithoutReason.length === 0 ? [run(t(locale, "minutes-none"))] : []),
      ],
      { indent: 567 },
    ),
  );
  for (const name of data.absentWithoutReason) body.push(bullet([run(name)]));

  // IV. Content: agenda, topic, proposals received beforehand
  body.push(heading(t(locale, "minutes-section-content")));
  const agendaLines = data.agenda.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  if (agendaLines.length <= 1) body.push(field(t(locale, "minutes-agenda-label"), agendaLines[0] ?? null));
  else {
    body.push(para([run(t(locale, "minutes-agenda-label"))], { indent: 567 }));
    for (const line of agendaLines) body.push(para([run(line)], { indent: 851 }));
  }
  if (data.topic) body.push(field(t(locale, "minutes-topic-label"), data.topic));
  body.push(
    para(
      [
        run(`${t(locale, "minutes-proposals-label", { count: data.proposals.length })} `),
        ...(data.proposals.length === 0 ? [run(t(locale, "minutes-none"))] : []),
      ],
      { indent: 567 },
    ),
  );
  for (const p of data.proposals) {
    const state =
      p.accepted === true ? "minutes-proposal-accepted" : p.accepted === false ? "minutes-proposal-rejected" : "minutes-proposal-pending";
    body.push(bullet([run(`${p.name}: `, { bold: true }), run(p.text), run(` ${t(locale, state)}`, { italics: true })]));
  }
  if (data.review) body.push(...reviewPart(data.review, tz, locale, t));

  // V. Left blank for the note-taker; VI. the conclusion as recorded, else blank too
  body.push(heading(t(locale, "minutes-section-discussion")));
  body.push(...dottedLines(DISCUSSION_LINES));
  body.push(...conclusionSection(data, locale, t));

  const closingTime = data.endedAt ? formatLocalDateTime(data.endedAt, tz) : BLANK;
  body.push(para([run(t(locale, "minutes-closing", { time: closingTime }))], { indent: 567, before: 160, after: 360 }));
  body.push(
    signatures(locale, t, [
      { title: t(locale, "minutes-sign-note-taker"), name: data.noteTaker },
      { title: t(locale, "minutes-sign-chair"), name: data.chair },
    ]),
  );
  return body;
}

/** How the previous resolution was carried out: its conclusion, then each task with its status and notes. */
function reviewPart(review: NonNullable<MinutesData["review"]>, tz: string, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [para([run(t(locale, "minutes-review-title", { kind: review.kindLabel }), { bold: true })], { indent: 567, before: 120 })];
  if (review.conclusion) out.push(para([run(t(locale, "minutes-review-conclusion", { text: review.conclusion.replace(/\s+/g, " ").trim() }))], { indent: 567 }));
  if (review.tasks.length === 0) return [...out, para([run(t(locale, "minutes-review-no-tasks"))], { indent: 567 })];
  const tally = tallyTasks(review.tasks.map((task) => task.status));
  out.push(para([run(t(locale, "minutes-review-tally", { total: review.tasks.length, ...tally }))], { indent: 567 }));
  const rows = review.tasks.map((task, i) => [
    [String(i + 1)],
    [task.text],
    [formatDueDay(task.dueOn, tz)],
    [t(locale, `task-status-${task.status}`)],
    task.notes.map((n) => `${n.name}: ${n.text}`),
  ]);
  const header = ["minutes-task-col-number", "minutes-task-col-task", "minutes-task-col-due", "minutes-review-col-status", "minutes-review-col-notes"].map((k) => t(locale, k));
  out.push(grid([600, 3171, 1400, 1300, 2600], header, rows));
  return out;
}

/** The vote's figures against the counted official members, and whether it passed. */
function voteLines(c: MinutesConclusion, locale: Locale, t: Translate): Paragraph[] {
  if (!c.votes) return [];
  const counted = c.countedOfficial === null ? "—" : String(c.countedOfficial);
  const lines = [para([run(t(locale, "minutes-conclusion-vote", { for: c.votes.for, against: c.votes.against, abstain: c.votes.abstain, counted }))], { indent: 567 })];
  if (c.passed !== null) {
    lines.push(para([run(t(locale, c.passed ? "minutes-conclusion-passed" : "minutes-conclusion-not-passed"), { bold: true })], { indent: 567 }));
  }
  return lines;
}

/** The tasks assigned: what, who (names or the whole cell), by when. */
function taskTable(tasks: MinutesTask[], tz: string, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const label = para(
    [run(`${t(locale, "minutes-task-heading", { count: tasks.length })} `, { bold: true }), ...(tasks.length === 0 ? [run(t(locale, "minutes-none"))] : [])],
    { indent: 567, before: 120 },
  );
  if (tasks.length === 0) return [label];
  const rows = tasks.map((task, i) => [
    [String(i + 1)],
    [task.text],
    task.wholeCell ? [t(locale, "minutes-task-whole-cell")] : task.assignees,
    [formatDueDay(task.dueOn, tz)],
  ]);
  const header = ["minutes-task-col-number", "minutes-task-col-task", "minutes-task-col-who", "minutes-task-col-due"].map((k) => t(locale, k));
  return [label, grid([600, 4271, 2800, 1400], header, rows)];
}

/** VI: dotted lines while nothing is recorded; the conclusion, the vote and the tasks once they are. */
function conclusionSection(data: MinutesData, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(t(locale, "minutes-section-conclusion"))];
  const c = data.conclusion;
  const tasks = data.tasks ?? [];
  if (!c) out.push(...dottedLines(tasks.length > 0 ? CONCLUSION_LINES / 2 : CONCLUSION_LINES));
  else out.push(...textLines(c.text).map((l) => para([run(l)], { indent: 567 })), ...voteLines(c, locale, t));
  if (c || tasks.length > 0) out.push(...taskTable(tasks, data.timeZone, locale, t));
  return out;
}

/** The minutes as a .docx file, laid out like a Vietnamese biên bản. */
export async function buildMinutesDocx(data: MinutesData, locale: Locale, t: Translate): Promise<Buffer> {
  const children = [
    ...header(data, locale, t),
    ...(data.notHeld ? notHeldBody(data, data.notHeld.reason, locale, t) : heldBody(data, locale, t)),
  ];
  const doc = new Document({
    creator: "chibo",
    title: `${t(locale, "minutes-title")} — ${data.orgName}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** A few lines for the chat: kind, time, present out of expected, absentees, length. */
export function minutesSummary(data: MinutesData, locale: Locale, t: Translate): string {
  const tz = data.timeZone;
  const lines = [t(locale, "minutes-summary-title", { org: data.orgName, kind: data.meetingKindLabel })];
  if (data.notHeld) {
    lines.push(t(locale, "minutes-summary-time-planned", { start: formatLocalDateTime(data.scheduledAt, tz) }));
    lines.push(t(locale, "minutes-summary-not-held", { reason: data.notHeld.reason }));
    return lines.join("\n");
  }
  if (data.startedAt) {
    lines.push(
      t(locale, "minutes-summary-time", {
        start: formatLocalDateTime(data.startedAt, tz),
        end: data.endedAt ? formatEnd(data.startedAt, data.endedAt, tz) : "…",
      }),
    );
  } else lines.push(t(locale, "minutes-summary-time-planned", { start: formatLocalDateTime(data.scheduledAt, tz) }));
  const minutes = lengthMinutes(data);
  lines.push(minutes === null ? t(locale, "minutes-summary-length-unknown") : t(locale, "minutes-summary-length", { minutes }));
  lines.push(t(locale, "minutes-summary-present", { present: data.counts.present, expected: expectedCount(data.counts) }));
  const none = t(locale, "minutes-none");
  lines.push(
    t(locale, "minutes-summary-absent-with", {
      count: data.absentWithReason.length,
      names: data.absentWithReason.map((a) => `${a.name} (${a.reason})`).join(", ") || none,
    }),
  );
  lines.push(
    t(locale, "minutes-summary-absent-without", {
      count: data.absentWithoutReason.length,
      names: data.absentWithoutReason.join(", ") || none,
    }),
  );
  return [...lines, ...conclusionSummary(data, locale, t)].join("\n");
}

/** The conclusion's first words, the vote's outcome and how many tasks: the document has the rest. */
const SUMMARY_CONCLUSION_MAX = 200;

function conclusionSummary(data: MinutesData, locale: Locale, t: Translate): string[] {
  const c = data.conclusion;
  const tasks = data.tasks ?? [];
  const lines: string[] = [];
  if (c) {
    const text = c.text.replace(/\s+/g, " ").trim();
    lines.push(t(locale, "minutes-conclusion-summary", { text: text.length > SUMMARY_CONCLUSION_MAX ? `${text.slice(0, SUMMARY_CONCLUSION_MAX - 1)}…` : text }));
    if (c.votes && c.passed !== null) {
      lines.push(t(locale, c.passed ? "minutes-conclusion-summary-passed" : "minutes-conclusion-summary-not-passed", { for: c.votes.for, against: c.votes.against, abstain: c.votes.abstain }));
    }
  }
  if (c || tasks.length > 0) lines.push(t(locale, "minutes-task-summary", { count: tasks.length }));
  return lines;
}
