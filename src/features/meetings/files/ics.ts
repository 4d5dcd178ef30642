// Meetings as iCalendar (RFC 5545): one event for "add to my calendar", or a cell's
// whole feed for a calendar app to subscribe to.
import type { MeetingView } from "../../../org/meeting-text.js";

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** Escapes text values: backslash, semicolon, comma and newlines. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets are folded with CRLF + space. */
function fold(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += ch;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export type IcsEvent = MeetingView & { revision: number; title: string; description: string; cancelled?: boolean };

function eventLines(m: IcsEvent, now: Date, host: string): string[] {
  const end = new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);
  return [
    "BEGIN:VEVENT",
    `UID:meeting-${m.id}@${host}`,
    `SEQUENCE:${m.revision - 1}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(m.startsAt)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${escapeText(m.title)}`,
    `LOCATION:${escapeText(m.place)}`,
    `DESCRIPTION:${escapeText(m.description)}`,
    `STATUS:${m.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
  ];
}

export function calendarIcs(events: IcsEvent[], now: Date, host: string, name?: string): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//chibo//meetings//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...events.flatMap((e) => eventLines(e, now, host)),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

export function meetingIcs(event: IcsEvent, now: Date, host: string): string {
  return calendarIcs([event], now, host);
}
