// Writes CSV files for a test into a temporary folder.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./temp-dirs.js";

export function csvFiles(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = tempDir("csv");
  const paths: Record<string, string> = { dir };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    paths[name] = file;
  }
  return paths as Record<string, string> & { dir: string };
}

/** When tests that have no "now" of their own import their roster. */
export const IMPORTED_AT = new Date("2026-11-01T03:00:00Z");

export const ORGS = `code,name,kind,parent_code
P1,Đảng bộ tỉnh Thử,province,
C1,Đảng bộ xã Một,commune,P1
C2,Đảng bộ xã Hai,commune,P1
A1,Chi bộ Ấp Một,cell,C1
A2,Chi bộ Ấp Hai,cell,C1
B1,Chi bộ Bản Ba,cell,C2
`;

export const MEMBERS = `org_code,full_name,phone,status,role
P1,Trần Tỉnh Ủy,0903 000 001,official,committee
C1,Lê Xã Ủy,0903 000 002,official,committee
A1,Nguyễn Văn Bí,0912 000 101,official,secretary
A1,Trần Thị Phó,+84912000102,official,deputy
A1,Lê Văn Một,84912000103,official,member
A1,Phạm Thị Hai,0912 000 104,probationary,member
A1,Hoàng Văn Ba,0912 000 105,exempt,member
A2,Đỗ Thị Bốn,0912 000 201,official,secretary
A2,Vũ Văn Năm,0912 000 202,official,member
B1,Bùi Văn Sáu,0912 000 301,official,secretary
B1,Ngô Thị Bảy,0912 000 302,transferred,member
`;
