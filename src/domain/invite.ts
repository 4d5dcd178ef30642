// When an invite code may still be used.

export interface InviteState {
  expiresAt: Date;
  maxUses: number;
  uses: number;
}

export type InviteCheck = "ok" | "expired" | "used_up";

export function checkInvite(invite: InviteState, now: Date): InviteCheck {
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  if (invite.uses >= invite.maxUses) return "used_up";
  return "ok";
}

/** Deep-link payloads allow A-Z, a-z, 0-9, _ and - up to 64 characters. */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{4,64}$/;

/** No invite lives longer than this: ten years. */
export const MAX_DURATION_DAYS = 3650;

/** Parses "14d", "36h", "90m" or a bare number of days into milliseconds (at most ten years). */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*([dhm]?)$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (amount <= 0) return undefined;
  const unit = match[2] || "d";
  const minutes = unit === "d" ? amount * 1440 : unit === "h" ? amount * 60 : amount;
  if (minutes > MAX_DURATION_DAYS * 1440) return undefined;
  return minutes * 60_000;
}
