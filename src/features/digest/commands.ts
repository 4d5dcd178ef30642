// The digest feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const digestCommands: LazyCommands = {
  digest: async () => (await import("./cli.js")).digestCommand,
};
