// The meetings feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const meetingsCommands: LazyCommands = {
  schedule: async () => (await import("./cli.js")).scheduleCommand,
  meetings: async () => (await import("./cli.js")).meetingsCommand,
  calendar: async () => (await import("./cli.js")).calendarCommand,
};
