// Meetings: scheduling, notices and answers, proposals, reminders, the cell's group and
// calendar feeds.
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../feature.js";
import { meetingConversations, meetings, meetingTaps } from "./bot.js";
import { groups } from "./group.js";
import { runMeetingTick } from "./planner.js";
import { calendarForLink, verifyCalendarPath } from "./calendar-feed.js";
import { calendarCommand, meetingsCommand, scheduleCommand } from "./cli.js";

export const meetingsFeature: Feature = {
  name: "meetings",
  taps: meetingTaps,
  conversations: meetingConversations,
  composer: new Composer<BotContext>(meetings, groups),
  menu: ["schedule", "calendar"],
  tick: async (db, now, logger) => ({ ...(await runMeetingTick(db, now, logger)) }),
  routes: [
    {
      prefix: "/calendar/",
      async serve(path, deps) {
        const link = verifyCalendarPath(deps.secret, path);
        const body = link === undefined ? undefined : await calendarForLink(deps.db, link, deps.now());
        return body === undefined ? undefined : { status: 200, headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" }, body };
      },
    },
  ],
  cli: { schedule: scheduleCommand, meetings: meetingsCommand, calendar: calendarCommand },
};
