// The follow feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const followCommands: LazyCommands = {
  assign: async () => (await import("./cli.js")).assignCommand,
  follows: async () => (await import("./cli.js")).followsCommand,
};
