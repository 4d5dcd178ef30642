// Rosters: the CSV import and the roster of a cell (/members, `chibo members`).
import type { Feature } from "../feature.js";
import { roster } from "./bot.js";
import { importCommand, membersCommand } from "./cli.js";

export const rosterFeature: Feature = {
  name: "roster",
  composer: roster,
  menu: ["members"],
  cli: { import: importCommand, members: membersCommand },
};
