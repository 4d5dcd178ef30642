// Signed, expiring links to files the server renders on request (minutes drafts), for
// cells whose documents may not go into the chat. The signature covers the path and
// the expiry; nothing else is secret.
import { createHmac, timingSafeEqual } from "node:crypto";

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 32);
}

export function minutesLink(secret: string, baseUrl: string, meetingId: number, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${baseUrl.replace(/\/$/, "")}/files/minutes/${meetingId}/${expires}/${sign(secret, `minutes:${meetingId}:${expires}`)}.docx`;
}

/** The meeting id of a valid, unexpired minutes link path, else undefined. */
export function verifyMinutesPath(secret: string, path: string, now: Date): number | undefined {
  const match = /^\/files\/minutes\/(\d{1,10})\/(\d{1,12})\/([A-Za-z0-9_-]{32})\.docx$/.exec(path);
  if (!match) return undefined;
  const [meetingId, expires] = [Number(match[1]), Number(match[2])];
  if (expires * 1000 <= now.getTime()) return undefined;
  const expected = Buffer.from(sign(secret, `minutes:${meetingId}:${expires}`));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? meetingId : undefined;
}
