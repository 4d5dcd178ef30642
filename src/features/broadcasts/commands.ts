// The broadcasts feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const broadcastsCommands: LazyCommands = {
  broadcast: async () => (await import("./cli.js")).broadcastCommand,
  broadcasts: async () => (await import("./cli.js")).broadcastsCommand,
};
