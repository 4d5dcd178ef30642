// The records feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const recordsCommands: LazyCommands = {
  attendance: async () => (await import("./cli.js")).attendanceCommand,
  export: async () => (await import("./cli.js")).exportCommand,
  dues: async () => (await import("./cli.js")).duesCommand,
};
