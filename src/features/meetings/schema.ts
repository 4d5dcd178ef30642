// Callback data of meeting buttons: small ids only. They are hints, never proof: the
// handler checks that the tapper belongs to the meeting's cell and that the meeting
// (and its revision) is still open.
import { z } from "zod";

const id = z.number().int().positive().max(2_000_000_000);

/** m:<action>:<meetingId>:<revision> */
export const meetingActionSchema = z
  .string()
  .max(64)
  .regex(/^m:(att|abs|read|prop|ics|keep):\d{1,10}:\d{1,6}$/)
  .transform((data) => {
    const [, action, meetingId, revision] = data.split(":");
    return { action: action as MeetingAction, meetingId: Number(meetingId), revision: Number(revision) };
  })
  // An id out of range is a failed parse (a stale button), never an exception.
  .pipe(z.object({ action: z.custom<MeetingAction>(), meetingId: id, revision: z.number() }));
export type MeetingAction = "att" | "abs" | "read" | "prop" | "ics" | "keep";
export const meetingAction = (action: MeetingAction, meetingId: number, revision: number) => `m:${action}:${meetingId}:${revision}`;

/** mp:<a|d>:<proposalId>: the secretary accepts or declines a proposed agenda item. */
export const proposalDecisionSchema = z
  .string()
  .max(64)
  .regex(/^mp:[ad]:\d{1,10}$/)
  .transform((data) => {
    const [, action, proposalId] = data.split(":");
    return { accept: action === "a", proposalId: Number(proposalId) };
  })
  .pipe(z.object({ accept: z.boolean(), proposalId: id }));
export const proposalDecision = (accept: boolean, proposalId: number) => `mp:${accept ? "a" : "d"}:${proposalId}`;

/** ms:<c|e>:<meetingId>: confirm or change a meeting proposed from the usual schedule. */
export const proposedMeetingSchema = z
  .string()
  .max(64)
  .regex(/^ms:[ce]:\d{1,10}$/)
  .transform((data) => {
    const [, action, meetingId] = data.split(":");
    return { confirm: action === "c", meetingId: Number(meetingId) };
  })
  .pipe(z.object({ confirm: z.boolean(), meetingId: id }));
export const proposedMeetingAction = (confirm: boolean, meetingId: number) => `ms:${confirm ? "c" : "e"}:${meetingId}`;

export const ABSENCE_REASONS = ["work", "illness", "travel", "family", "other"] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const MEETING_KINDS = ["regular", "thematic", "combined"] as const;

/** A document's link in a notice; longer ones would crowd out the rest of the message. */
export const DOCUMENT_URL_MAX = 500;

/** "Title | https://..." or "Title https://...": a document reference, never the file. */
export function parseDocumentLine(line: string): { title: string; url: string } | undefined {
  const match = /^(.*?)[\s|–-]*\b(https?:\/\/\S+)\s*$/.exec(line.trim());
  if (!match) return undefined;
  const title = match[1].trim().replace(/[|:]\s*$/, "").trim();
  const url = match[2];
  try {
    new URL(url);
  } catch {
    return undefined;
  }
  return { title: title || url, url };
}
