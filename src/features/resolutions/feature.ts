// How a meeting ends in decisions that get done: the conclusion and its vote, the tasks,
// the assignees' answers, reminders before the due day and overdue notices.
import type { Feature } from "../feature.js";
import { resolutionConversations, resolutions, resolutionTaps } from "./bot.js";
import { runTasksTick } from "./planner.js";

export const resolutionsFeature: Feature = {
  name: "resolutions",
  taps: resolutionTaps,
  conversations: resolutionConversations,
  composer: resolutions,
  menu: ["resolution"],
  tick: (db, now) => runTasksTick(db, now),
};
