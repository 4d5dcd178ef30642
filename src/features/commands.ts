// Every feature's CLI commands (features/<name>/commands.ts), each loaded when it runs:
// `chibo import` loads the roster's import, not the bot.
import type { LazyCommands } from "./feature.js";
import { broadcastsCommands } from "./broadcasts/commands.js";
import { digestCommands } from "./digest/commands.js";
import { followCommands } from "./follow/commands.js";
import { meetingsCommands } from "./meetings/commands.js";
import { onboardingCommands } from "./onboarding/commands.js";
import { privacyCommands } from "./privacy/commands.js";
import { recordsCommands } from "./records/commands.js";
import { resolutionsCommands } from "./resolutions/commands.js";
import { rosterCommands } from "./roster/commands.js";
import { settingsCommands } from "./settings/commands.js";

export const FEATURE_COMMANDS: LazyCommands = {
  ...onboardingCommands,
  ...meetingsCommands,
  ...recordsCommands,
  ...digestCommands,
  ...resolutionsCommands,
  ...followCommands,
  ...settingsCommands,
  ...rosterCommands,
  ...broadcastsCommands,
  ...privacyCommands,
};
