import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Temporary folders made through test/helpers/temp-dirs.ts are removed after each file.
    setupFiles: ["test/helpers/temp-dirs-cleanup.ts"],
    // The PostgreSQL of the run: the local server, or one from npm when none answers.
    globalSetup: ["test/helpers/postgres-setup.ts"],
    // An unusual time zone, so code that forgets the organisation's zone fails here.
    env: { TZ: "America/St_Johns", LOG_LEVEL: "silent" },
    // Generous: CLI tests spawn several processes, and CI machines are shared.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Integration files each start a Bot API stand-in and databases; two cores.
    maxWorkers: 2,
  },
});
