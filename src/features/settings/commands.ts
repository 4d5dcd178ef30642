// The settings feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const settingsCommands: LazyCommands = {
  settings: async () => (await import("./cli.js")).settingsCommand,
};
