// The buttons of the records feature, as the callback-data codec writes and reads them.
// Ids only: hints, never proof. The handlers (records/bot.ts) check on the server that the
// tapper leads the meeting's cell (the list) or followed it as a guest (the score), and
// that the record is still at the version or score the button was sent for.
import { callbackCodec, id, int, oneOf } from "../../bot/callback-data.js";

/** at:o:<meetingId>: the record offer and nudge messages' button, opening that meeting's list. */
export const openListButton = callbackCodec("at", { action: oneOf(["o"]), meetingId: id });

/**
 * at:<action>:<meetingId>:<version>[:<arg>[:<page>]]: a button of the attendance list, for
 * the draft record at that version (a correction's new version makes older lists' buttons
 * change nothing). Actions: c cycles a member's mark (arg: the person's id, page: the page
 * to show again), p shows a page (arg: the page, from 0), a marks everyone present, s
 * submits the list, n records that the meeting did not take place.
 */
export const attendanceButton = callbackCodec(
  "at",
  { action: oneOf(["c", "p", "a", "s", "n"]), meetingId: id, version: int(0, 999_999) },
  { arg: int(0, 2_147_483_647), page: int(0, 9_999) },
);

/** scok:<meetingId>:<total>: a follower who attended confirms the secretary's score, if it is still that total. */
export const confirmScoreButton = callbackCodec("scok", { meetingId: id, total: int(0, 9_999) });

/** scadj:<meetingId>:<total>: a follower who attended gives their own total instead, if the score is still that total. */
export const adjustScoreButton = callbackCodec("scadj", { meetingId: id, total: int(0, 9_999) });
