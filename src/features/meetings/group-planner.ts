// A linked group's live tally: each confirmed meeting is posted in the cell's group with
// its answers (attend / absent / no answer), edited at most every few seconds. Run by
// the runtime's short loop, not the minute tick: an answer shows within seconds.
import type { Api } from "grammy";
import type { Db } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { translate as t } from "../../bot/i18n.js";
import { isQuiet } from "../../domain/quiet.js";
import { tallyOf } from "./data.js";
import { loadMeeting, viewOf } from "../../org/meetings.js";
import { settingsFor } from "../../org/settings.js";
import { describeMeeting } from "../../org/meeting-text.js";

function tallyText(locale: string, body: string, tally: { attend: number; absent: number; noAnswer: number }, status: string) {
  const lines = [t(locale, "group-notice-title"), body, ""];
  lines.push(status === "cancelled" ? t(locale, "group-tally-cancelled") : t(locale, "group-tally", tally));
  lines.push(t(locale, "group-answer-privately"));
  return lines.join("\n");
}

/**
 * Posts or edits the group message of every meeting whose tally changed, through the
 * bot of the meeting's cell (`apiOf` its Org.bot: the one its secretary added to the group).
 */
export async function refreshGroupTallies(db: Db, apiOf: (bot: string) => Api, now: Date, logger: Logger): Promise<number> {
  // Edited less than a second ago: wait without loading anything (settings may allow more).
  const dirty = await db.groupTally.findMany({
    where: { dirty: true, OR: [{ lastEditAt: null }, { lastEditAt: { lte: new Date(now.getTime() - 1000) } }] },
  });
  let updated = 0;
  for (const row of dirty) {
    const meeting = await loadMeeting(db, row.meetingId);
    if (!meeting) continue;
    const settings = await settingsFor(db, meeting.org.path);
    if (row.lastEditAt && now.getTime() - row.lastEditAt.getTime() < settings.groupTallyEverySeconds * 1000) continue;
    // A first post rings every phone in the group: it waits for the morning, as the
    // members' own notices do. Edits of the tally ring nobody and go on at night.
    if (row.messageId === null && isQuiet(now, meeting.org.timezone, settings.quietHours)) continue;
    // Clear the flag first: an answer arriving during the edit sets it again.
    const taken = await db.groupTally.updateMany({ where: { meetingId: row.meetingId, dirty: true }, data: { dirty: false, lastEditAt: now } });
    if (taken.count === 0) continue;
    const text = tallyText("vi", describeMeeting(t, "vi", viewOf(meeting)), await tallyOf(db, meeting), meeting.status);
    const api = apiOf(meeting.org.bot);
    try {
      if (row.messageId === null) {
        const sent = await api.sendMessage(row.chatId, text);
        await db.groupTally.update({ where: { meetingId: row.meetingId }, data: { messageId: sent.message_id } });
      } else {
        await api.editMessageText(row.chatId, row.messageId, text);
      }
      updated++;
    } catch (error) {
      const description = (error as { description?: string }).description ?? String(error);
      if (!/message is not modified/.test(description)) {
        logger.warn({ meetingId: row.meetingId, chatId: row.chatId, err: description }, "group tally not updated");
        await db.groupTally.update({ where: { meetingId: row.meetingId }, data: { dirty: true } });
      }
    }
  }
  return updated;
}
