// The digest as a person reads it in chat: figures first, then the lists, each cut to
// the worst cases with "and N more" (the full lists go in the attached XLSX).
import type { Translate } from "../../bot/i18n.js";
import type { Digest, DigestRoster, MonthCounts, RosterCounts } from "../../domain/digest.js";
import { anyResolutionFigure, type ResolutionCounts, type ResolutionFigures } from "../../domain/resolution-figures.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { monthLabel } from "../../domain/zoned.js";

/** Items shown per list in chat; the attachment has them all. */
export const LIST_LIMIT = 5;

function counts(t: Translate, locale: string, c: MonthCounts): string {
  return t(locale, "digest-counts", { held: c.held, scheduled: c.scheduled, notScheduled: c.notScheduled, cells: c.cells, percent: c.heldPercent });
}

function list<T>(t: Translate, locale: string, titleKey: string, items: T[], line: (item: T) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LIST_LIMIT).map((item) => `• ${line(item)}`);
  const more = items.length > LIST_LIMIT ? [t(locale, "digest-more", { count: items.length - LIST_LIMIT })] : [];
  return ["", t(locale, titleKey, { count: items.length }), ...shown, ...more];
}

/** Children shown in chat; the chart and the attachment have them all. */
export const CHILD_LIMIT = 10;

const LISTS = ["missedLastMonth", "noThematicThisQuarter", "lowAttendance", "shortMeetings", "overdueRecords", "flagged", "noLinkedSecretary", "unreachable", "nextWeek"] as const;

const ROSTER_LISTS = ["overdueProbation", "admitted", "movedIn", "movedOut", "departed"] as const;

/** Whether the chat text leaves something out, so the full lists must go with it as a file. */
export function digestWasCut(d: Digest): boolean {
  const roster = d.roster;
  const rosterCut = roster !== undefined && (rosterChildren(roster).length > CHILD_LIMIT || ROSTER_LISTS.some((key) => roster[key].length > LIST_LIMIT));
  const r = d.resolutions;
  const resolutionsCut = r !== undefined && (resolutionChildren(r).length > CHILD_LIMIT || r.noConclusion.length > LIST_LIMIT);
  return d.children.length > CHILD_LIMIT || LISTS.some((key) => d[key].length > LIST_LIMIT) || rosterCut || resolutionsCut;
}

const anyCount = (c: RosterCounts) => c.admitted + c.movedIn + c.movedOut + c.departed + c.overdueProbation > 0;

/** The children the text names in the roster section: those with something to count. */
const rosterChildren = (r: DigestRoster) => (r.children.length > 1 ? r.children.filter((c) => anyCount(c.counts)) : []);

/** "2025-03-10" → "10/03/2025". */
const isoDayText = (iso: string) => iso.split("-").reverse().join("/");

/** The roster section: the window's counts, per child, then the lists; nothing when there is nothing to count. */
function rosterText(t: Translate, locale: string, r: DigestRoster, date: (iso: string) => string): string[] {
  if (!anyCount(r.totals)) return [];
  const counts = (c: RosterCounts) => ({ admitted: c.admitted, movedIn: c.movedIn, movedOut: c.movedOut, departed: c.departed, overdue: c.overdueProbation });
  const children = rosterChildren(r);
  const lines = ["", t(locale, "digest-roster", { from: date(r.from), ...counts(r.totals) })];
  for (const c of children.slice(0, CHILD_LIMIT)) lines.push(t(locale, "digest-roster-child", { name: c.org.name, ...counts(c.counts) }));
  if (children.length > CHILD_LIMIT) lines.push(t(locale, "digest-more", { count: children.length - CHILD_LIMIT }));
  const moved = (m: { member: string; name: string; date: string }) => t(locale, "digest-roster-line", { member: m.member, name: m.name, date: date(m.date) });
  lines.push(
    ...list(t, locale, "digest-probation-overdue", r.overdueProbation, (p) =>
      t(locale, "digest-probation-overdue-line", { member: p.member, name: p.name, admitted: isoDayText(p.admitted), ends: isoDayText(p.ends), days: p.days }),
    ),
    ...list(t, locale, "digest-roster-admitted", r.admitted, moved),
    ...list(t, locale, "digest-roster-moved-in", r.movedIn, moved),
    ...list(t, locale, "digest-roster-moved-out", r.movedOut, moved),
    ...list(t, locale, "digest-roster-departed", r.departed, (m) =>
      t(locale, "digest-roster-departed-line", { member: m.member, name: m.name, date: date(m.date), reason: t(locale, `digest-roster-reason-${m.reason}`) }),
    ),
  );
  return lines;
}

/** The children the text names in the resolutions section: those with something to count. */
const resolutionChildren = (r: ResolutionFigures) => (r.children.length > 1 ? r.children.filter((c) => anyResolutionFigure(c.counts)) : []);

const resolutionCounts = (c: ResolutionCounts) => ({ onTime: c.onTime, late: c.late, open: c.open, cells: c.noConclusionCells });

/** Tasks done on time, late and open, per child, then the meetings without a conclusion; nothing when there is nothing to count. */
function resolutionsText(t: Translate, locale: string, r: ResolutionFigures, date: (iso: string) => string): string[] {
  if (!anyResolutionFigure(r.totals)) return [];
  const children = resolutionChildren(r);
  const lines = ["", t(locale, "digest-tasks-summary", { from: date(r.from), ...resolutionCounts(r.totals) })];
  for (const c of children.slice(0, CHILD_LIMIT)) lines.push(t(locale, "digest-tasks-child", { name: c.org.name, ...resolutionCounts(c.counts) }));
  if (children.length > CHILD_LIMIT) lines.push(t(locale, "digest-more", { count: children.length - CHILD_LIMIT }));
  lines.push(...list(t, locale, "digest-tasks-no-conclusion", r.noConclusion, (m) => t(locale, "digest-tasks-no-conclusion-line", { name: m.name, date: date(m.date) })));
  return lines;
}

export function digestText(t: Translate, locale: string, d: Digest, timeZone: string): string {
  const date = (iso: string) => formatLocalDateTime(new Date(iso), timeZone).slice(0, 10);
  const lines = [
    t(locale, "digest-title", { org: d.committee.name, date: date(d.at) }),
    t(locale, "digest-this-month", { month: monthLabel(d.thisMonth), counts: counts(t, locale, d.totals.thisMonth) }),
    t(locale, "digest-last-month", { month: monthLabel(d.lastMonth), counts: counts(t, locale, d.totals.lastMonth) }),
  ];
  if (d.totals.thisMonth.cells === 0) lines.push("", t(locale, "digest-empty"));
  if (d.children.length > 1) {
    lines.push("", t(locale, "digest-children"));
    for (const c of d.children.slice(0, CHILD_LIMIT)) {
      lines.push(t(locale, "digest-child", { name: c.org.name, last: c.compliantLastMonthPercent, now: c.compliantThisMonthPercent, cells: c.thisMonth.cells }));
    }
    if (d.children.length > CHILD_LIMIT) lines.push(t(locale, "digest-more", { count: d.children.length - CHILD_LIMIT }));
  }
  lines.push(
    ...list(t, locale, "digest-missed", d.missedLastMonth, (c) =>
      t(locale, "digest-missed-line", { name: c.name, secretary: c.secretary ?? "—", last: c.lastMeeting ? date(c.lastMeeting) : t(locale, "digest-never") }),
    ),
    ...list(t, locale, "digest-no-thematic", d.noThematicThisQuarter, (c) => c.name),
    ...list(t, locale, "digest-low-attendance", d.lowAttendance, (m) => t(locale, "digest-meeting-percent", { name: m.name, date: date(m.date), percent: m.percent })),
    ...list(t, locale, "digest-short", d.shortMeetings, (m) => t(locale, "digest-meeting-minutes", { name: m.name, date: date(m.date), minutes: m.minutes })),
    ...list(t, locale, "digest-overdue", d.overdueRecords, (m) => t(locale, "digest-meeting-days", { name: m.name, date: date(m.date), days: m.days })),
    ...list(t, locale, "digest-flagged", d.flagged, (f) => t(locale, "digest-flagged-line", { member: f.member, name: f.name, months: f.months.map(monthLabel).join(", ") })),
    ...list(t, locale, "digest-no-secretary", d.noLinkedSecretary, (c) => c.name),
    ...list(t, locale, "digest-unreachable", d.unreachable, (u) => `${u.member} (${u.name})`),
    ...list(t, locale, "digest-next-week", d.nextWeek, (m) =>
      t(locale, "digest-next-week-line", { name: m.name, when: formatLocalDateTime(new Date(m.startsAt), timeZone), followers: m.followers.join(", ") || "—" }),
    ),
    ...(d.resolutions ? resolutionsText(t, locale, d.resolutions, date) : []),
    ...(d.roster ? rosterText(t, locale, d.roster, date) : []),
  );
  return lines.join("\n");
}
