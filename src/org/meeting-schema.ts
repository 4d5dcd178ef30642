// The buttons on messages about a meeting, as the callback-data codec writes and reads
// them. Ids only: hints, never proof. The handlers (features/meetings/bot.ts) check that
// the tapper belongs to the meeting's cell (or leads it) and that the meeting, at that
// revision, is still open.
import { callbackCodec, flag, id, int, oneOf } from "../bot/callback-data.js";

export const MEETING_ACTIONS = ["att", "abs", "read", "prop", "ics", "keep"] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** m:<action>:<meetingId>:<revision>: a member's answer (attend, absent, read, propose, calendar, keep attending a moved meeting). */
export const meetingButton = callbackCodec("m", { action: oneOf(MEETING_ACTIONS), meetingId: id, revision: int(0, 999_999) });

/** mp:<a|d>:<proposalId>: the secretary accepts or declines a proposed agenda item. */
export const proposalButton = callbackCodec("mp", { accept: flag("a", "d"), proposalId: id });

/** ms:<c|e>:<meetingId>: confirm or change a meeting proposed from the usual schedule. */
export const proposedMeetingButton = callbackCodec("ms", { confirm: flag("c", "e"), meetingId: id });

/** rs:<meetingId>: the secretary records (or changes) the meeting's conclusion and tasks. */
export const resolutionButton = callbackCodec("rs", { meetingId: id });

/** mn:<meetingId>: the secretary asks for the meeting's minutes as they now stand (after its conclusion was recorded). */
export const minutesButton = callbackCodec("mn", { meetingId: id });
