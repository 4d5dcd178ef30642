// The resolutions feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const resolutionsCommands: LazyCommands = {
  resolutions: async () => (await import("./cli.js")).resolutionsCommand,
};
