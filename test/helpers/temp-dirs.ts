// Temporary folders for a test file (CSV files, SQLite files, exports), removed when the
// file's tests are done (test/helpers/temp-dirs-cleanup.ts, a vitest setup file), so a
// run of the suite leaves nothing behind in the system's temp folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const created: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `chibo-${prefix}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
