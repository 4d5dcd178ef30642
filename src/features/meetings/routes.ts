// A cell's private calendar feed: a signed URL a member can subscribe to in any
// calendar app. The signature (HMAC of the cell id and the link's generation) is the
// only secret in the URL. Revoking the link (chibo calendar <CELL> --revoke) moves the
// generation on: every earlier link stops working, and members get the new one from
// /calendar.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client.js";
import { auditRead } from "../../db/audit.js";
import { claimOnce } from "../../db/plan-marks.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { translate as t } from "../../bot/i18n.js";
import { calendarIcs } from "./files/ics.js";
import { describeMeeting, formatKind } from "../../org/meeting-text.js";
import { viewOf } from "../../org/meetings.js";
import type { HttpRoute } from "../feature.js";

/** GET /calendar/<cell>-<generation>-<signature>.ics: the cell's feed, or 404. */
export const calendarRoute: HttpRoute = {
  prefix: "/calendar/",
  async serve(path, deps) {
    const link = verifyCalendarPath(deps.secret, path);
    const body = link === undefined ? undefined : await calendarForLink(deps.db, link, deps.now());
    return body === undefined ? undefined : { status: 200, headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" }, body };
  },
};

/** Links made before generations existed signed the cell id alone: they are generation 1. */
function signature(secret: string, orgId: number, generation: number): string {
  const payload = generation === 1 ? `calendar:${orgId}` : `calendar:${orgId}:${generation}`;
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 24);
}

export function calendarPath(secret: string, org: { id: number; calendarLink: number }): string {
  return org.calendarLink === 1
    ? `/calendar/${org.id}-${signature(secret, org.id, 1)}.ics`
    : `/calendar/${org.id}-${org.calendarLink}-${signature(secret, org.id, org.calendarLink)}.ics`;
}

/** The cell id and link generation of a signed feed path, or undefined. */
export function verifyCalendarPath(secret: string, path: string): { orgId: number; generation: number } | undefined {
  const match = /^\/calendar\/(\d{1,10})(?:-(\d{1,6}))?-([A-Za-z0-9_-]{24})\.ics$/.exec(path);
  if (!match) return undefined;
  const orgId = Number(match[1]);
  const generation = match[2] === undefined ? 1 : Number(match[2]);
  const expected = Buffer.from(signature(secret, orgId, generation));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { orgId, generation } : undefined;
}

/**
 * The feed for a request on a signed path: undefined unless the link is the cell's
 * current one. Reads are audited, once a day per cell and link (calendar apps fetch a
 * feed every few minutes).
 */
export async function calendarForLink(db: Db, link: { orgId: number; generation: number }, now: Date): Promise<string | undefined> {
  const org = await db.org.findUnique({ where: { id: link.orgId } });
  if (!org || org.calendarLink !== link.generation) return undefined;
  const day = formatLocalDateTime(now, org.timezone).slice(0, 10);
  if (await claimOnce(db, `audit:calendar:${org.id}:${org.calendarLink}:${day}`)) {
    await auditRead(db, "link", "calendar", { org: org.code, generation: org.calendarLink, day }, now);
  }
  return cellCalendar(db, org.id, now);
}

/** Meetings from 60 days back onwards, cancelled ones marked so calendars drop them. */
export async function cellCalendar(db: Db, orgId: number, now: Date, locale = "vi"): Promise<string | undefined> {
  const org = await db.org.findUnique({ where: { id: orgId } });
  if (!org) return undefined;
  const meetings = await db.meeting.findMany({
    where: { orgId, status: { in: ["confirmed", "cancelled"] }, confirmedAt: { not: null }, startsAt: { gte: new Date(now.getTime() - 60 * 86_400_000) } },
    include: { org: true, documents: true },
    orderBy: { startsAt: "asc" },
  });
  const events = meetings.map((m) => {
    const view = viewOf(m);
    return {
      ...view,
      revision: m.revision,
      title: `${formatKind(t, locale, m.kind, m.forMonth)} – ${org.name}`,
      description: describeMeeting(t, locale, view),
      cancelled: m.status === "cancelled",
    };
  });
  return calendarIcs(events, now, "chibo", org.name);
}
