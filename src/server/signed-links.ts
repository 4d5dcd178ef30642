// Signed, expiring links to files the server renders on request (minutes drafts), for
// cells whose documents may not go into the chat, and to files kept for a chat (Zalo,
// which has no documents). The signature covers the path and the expiry; nothing else
// is secret.
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
  return isSignedAndFresh(secret, `minutes:${meetingId}:${expires}`, expires, match[3], now) ? meetingId : undefined;
}

/** The signature matches the payload and the expiry (seconds) is still ahead. */
function isSignedAndFresh(secret: string, payload: string, expires: number, signature: string, now: Date): boolean {
  if (expires * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A link to a file kept for a chat (SharedFile): Zalo gets documents and charts this way.
 * The name at the end is for the person's browser; only the id and expiry are signed.
 */
export function sharedFileLink(secret: string, baseUrl: string, fileId: number, expiresAt: Date, filename: string): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const name = encodeURIComponent(filename.replace(/[/\\]/g, "_"));
  return `${baseUrl.replace(/\/$/, "")}/files/shared/${fileId}/${expires}/${sign(secret, `shared:${fileId}:${expires}`)}/${name}`;
}

/** The file id of a valid, unexpired shared-file link path, else undefined. */
export function verifySharedFilePath(secret: string, path: string, now: Date): number | undefined {
  const match = /^\/files\/shared\/(\d{1,10})\/(\d{1,12})\/([A-Za-z0-9_-]{32})\/[^/]+$/.exec(path);
  if (!match) return undefined;
  const [fileId, expires] = [Number(match[1]), Number(match[2])];
  return isSignedAndFresh(secret, `shared:${fileId}:${expires}`, expires, match[3], now) ? fileId : undefined;
}

/**
 * A person's link to the dashboard outside Telegram (Zalo, a browser): `/app/?s=<token>`,
 * the token naming the person and the expiry. Whoever holds it sees what that person may
 * see until it expires, as with the other links: it is sent to the person's own chat.
 */
export function dashboardLink(secret: string, baseUrl: string, personId: number, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${baseUrl.replace(/\/$/, "")}/app/?s=${personId}.${expires}.${sign(secret, `dashboard:${personId}:${expires}`)}`;
}

/** The person id of a valid, unexpired dashboard token, else undefined. */
export function verifyDashboardToken(secret: string, token: string, now: Date): number | undefined {
  const match = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const [personId, expires] = [Number(match[1]), Number(match[2])];
  return isSignedAndFresh(secret, `dashboard:${personId}:${expires}`, expires, match[3], now) ? personId : undefined;
}
