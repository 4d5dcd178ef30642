// Setup file (vitest.config.ts): after each test file, its temporary folders go.
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp-dirs.js";

afterAll(removeTempDirs);
