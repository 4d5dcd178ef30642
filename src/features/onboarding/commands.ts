// The onboarding feature's CLI commands, each loaded only when it runs (features/commands.ts).
import type { LazyCommands } from "../feature.js";

export const onboardingCommands: LazyCommands = {
  invite: async () => (await import("./cli.js")).inviteCommand,
};
