// /help by role, and the pointer for a message nothing else understood.
import type { Feature } from "../feature.js";
import { fallback, help } from "./bot.js";

export const helpFeature: Feature = {
  name: "help",
  composer: help,
  fallback,
  menu: ["help"],
};
