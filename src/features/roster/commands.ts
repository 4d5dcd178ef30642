// The roster feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const rosterCommands: LazyCommands = {
  import: async () => (await import("./cli.js")).importCommand,
  members: async () => (await import("./cli.js")).membersCommand,
  member: async () => (await import("./member-cli.js")).memberCommand,
};
