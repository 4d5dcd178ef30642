// /settings (language, notices for exempt members, messenger) and `chibo settings`.
import type { Feature } from "../feature.js";
import { settings } from "./bot.js";

export const settingsFeature: Feature = {
  name: "settings",
  composer: settings,
  menu: ["settings"],
};
