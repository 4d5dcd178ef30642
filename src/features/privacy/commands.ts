// The privacy feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const privacyCommands: LazyCommands = {
  person: async () => (await import("./cli.js")).personCommand,
};
