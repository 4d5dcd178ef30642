// The buttons on a task's messages, as the callback-data codec writes and reads them.
// Ids only: hints, never proof. The handlers (resolutions/bot.ts) check that the tapper
// is still an assignee, still in the task's cell, and that the task still stands.
import { callbackCodec, id, oneOf } from "../../bot/callback-data.js";

/** tk:<d|n>:<taskId>: an assignee says the task is done (d) or gives a progress note (n). */
export const taskButton = callbackCodec("tk", { action: oneOf(["d", "n"]), taskId: id });

/** What a task may be, as typed in the conversation. */
export const TASK_TEXT_MAX = 500;
export const CONCLUSION_TEXT_MAX = 3000;
export const NOTE_TEXT_MAX = 500;
