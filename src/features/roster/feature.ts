// Rosters: the CSV import, the roster of a cell (/members, `chibo members`) and keeping
// it in chat (the actions under /members, transfers between cells).
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../feature.js";
import { runProbationTick } from "./planner.js";
import { roster } from "./bot.js";
import { memberActions, memberConversations } from "./member-bot.js";

export const rosterFeature: Feature = {
  name: "roster",
  conversations: memberConversations,
  composer: new Composer<BotContext>(roster, memberActions),
  menu: ["members"],
  tick: (db, now) => runProbationTick(db, now),
};
