// Inputs of the meetings feature: absence reasons, kinds, document lines. Its buttons'
// callback data is in org/meeting-schema.ts (messages about meetings carry them).

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
