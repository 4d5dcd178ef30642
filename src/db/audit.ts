// The audit log: who did what and when. Every entry is written here, with the instant
// of the injected clock (the column's database default would be the wall clock).
import type { Db } from "./client.js";

export interface AuditEntry {
  /** `person:<id>`, `cli`, `telegram:<user id>`... */
  actor: string;
  action: string;
  detail: unknown;
}

export async function audit(db: Db, entry: AuditEntry, at: Date): Promise<void> {
  await db.auditLog.create({ data: { actor: entry.actor, action: entry.action, detail: JSON.stringify(entry.detail), at } });
}

/**
 * Who read people's data, like an export: a roster, a committee's report or its file,
 * minutes, a calendar feed. `what` names it: the action is "read.<what>".
 */
export function auditRead(db: Db, actor: string, what: string, detail: unknown, at: Date): Promise<void> {
  return audit(db, { actor, action: `read.${what}`, detail }, at);
}
