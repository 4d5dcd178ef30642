// A cell's private calendar feed: a signed URL a member can subscribe to in any
// calendar app. The signature (HMAC of the cell id) is the only secret in the URL.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { calendarIcs } from "./ics.js";
import { describeMeeting, formatKind } from "./format.js";
import { viewOf } from "./data.js";

function signature(secret: string, orgId: number): string {
  return createHmac("sha256", secret).update(`calendar:${orgId}`).digest("base64url").slice(0, 24);
}

export function calendarPath(secret: string, orgId: number): string {
  return `/calendar/${orgId}-${signature(secret, orgId)}.ics`;
}

/** The cell id of a feed path, or undefined when the signature does not match. */
export function verifyCalendarPath(secret: string, path: string): number | undefined {
  const match = /^\/calendar\/(\d{1,10})-([A-Za-z0-9_-]{24})\.ics$/.exec(path);
  if (!match) return undefined;
  const orgId = Number(match[1]);
  const expected = Buffer.from(signature(secret, orgId));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? orgId : undefined;
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
