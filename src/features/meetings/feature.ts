// Meetings: scheduling, notices and answers, proposals, reminders, the cell's group and
// calendar feeds.
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../feature.js";
import { meetingConversations, meetings, meetingTaps } from "./bot.js";
import { groups } from "./group-bot.js";
import { runMeetingTick } from "./planner.js";
import { calendarRoute } from "./routes.js";

export const meetingsFeature: Feature = {
  name: "meetings",
  taps: meetingTaps,
  conversations: meetingConversations,
  composer: new Composer<BotContext>(meetings, groups),
  menu: ["schedule", "calendar"],
  tick: async (db, now, logger) => ({ ...(await runMeetingTick(db, now, logger)) }),
  routes: [calendarRoute],
};
