import { describe, expect, it } from "vitest";
import { canManage, capabilitiesOf, leads, oversees, type Capabilities, type Position } from "../../src/domain/access.js";

// Province P (/1/)
// ├── Commune C1 (/1/2/)
// │   ├── Cell A (/1/2/4/)
// │   └── Cell B (/1/2/5/)
// └── Commune C2 (/1/3/)
//     └── Cell D (/1/3/6/)
// Province Q (/11/)  — path shares the prefix "/1" with P
// └── Cell E (/11/12/)
const ORGS = {
  P: { id: 1, path: "/1/", kind: "province" },
  C1: { id: 2, path: "/1/2/", kind: "commune" },
  C2: { id: 3, path: "/1/3/", kind: "commune" },
  A: { id: 4, path: "/1/2/4/", kind: "cell" },
  B: { id: 5, path: "/1/2/5/", kind: "cell" },
  D: { id: 6, path: "/1/3/6/", kind: "cell" },
  Q: { id: 11, path: "/11/", kind: "province" },
  E: { id: 12, path: "/11/12/", kind: "cell" },
} as const;
type OrgName = keyof typeof ORGS;
const ALL = Object.keys(ORGS) as OrgName[];

const at = (org: OrgName, role: string): Position => ({
  orgId: ORGS[org].id,
  orgPath: ORGS[org].path,
  orgKind: ORGS[org].kind,
  role,
});

const PEOPLE: Record<string, Position[]> = {
  "nobody": [],
  "member of A": [at("A", "member")],
  "secretary of A": [at("A", "secretary")],
  "deputy of A": [at("A", "deputy")],
  "committee of cell A": [at("A", "committee")],
  "member of C1": [at("C1", "member")],
  "committee of C1": [at("C1", "committee")],
  "secretary of C1": [at("C1", "secretary")],
  "deputy of C2": [at("C2", "deputy")],
  "committee of P": [at("P", "committee")],
  "member of A, secretary of D": [at("A", "member"), at("D", "secretary")],
  "unknown role in C1": [at("C1", "chair")],
};

// For each person, exactly the organisations they may manage.
const MANAGES: Record<string, OrgName[]> = {
  "nobody": [],
  "member of A": [],
  "secretary of A": ["A"],
  "deputy of A": ["A"],
  "committee of cell A": [],
  "member of C1": [],
  "committee of C1": ["C1", "A", "B"],
  "secretary of C1": ["C1", "A", "B"],
  "deputy of C2": ["C2", "D"],
  "committee of P": ["P", "C1", "C2", "A", "B", "D"],
  "member of A, secretary of D": ["D"],
  "unknown role in C1": [],
};

const manageCases = Object.entries(MANAGES).flatMap(([who, allowed]) =>
  ALL.map((org) => [who, org, allowed.includes(org)] as const),
);

describe("canManage", () => {
  it.each(manageCases)("%s → %s: %s", (who, org, expected) => {
    expect(canManage(PEOPLE[who]!, { id: ORGS[org].id, path: ORGS[org].path })).toBe(expected);
  });

  it.each([
    ["secretary of A", "sibling cell B", "B"],
    ["deputy of A", "sibling cell B", "B"],
    ["committee of C1", "cell D in another commune", "D"],
    ["committee of C1", "parent province P", "P"],
    ["committee of P", "cell E under province Q (/11/ vs /1/)", "E"],
    ["committee of P", "province Q (/11/ vs /1/)", "Q"],
  ] as const)("%s may not manage %s", (who, _label, org) => {
    expect(canManage(PEOPLE[who]!, { id: ORGS[org].id, path: ORGS[org].path })).toBe(false);
  });
});

describe("leads", () => {
  it.each([
    ["secretary of A", "A", true],
    ["deputy of A", "A", true],
    ["secretary of A", "B", false],
    ["member of A", "A", false],
    ["committee of cell A", "A", false],
    ["committee of C1", "C1", false],
    ["secretary of C1", "C1", true],
    ["secretary of C1", "A", false], // leading is about the organisation itself only
    ["member of A, secretary of D", "D", true],
    ["member of A, secretary of D", "A", false],
    ["nobody", "A", false],
  ] as const)("%s leads %s: %s", (who, org, expected) => {
    expect(leads(PEOPLE[who]!, ORGS[org].id)).toBe(expected);
  });
});

describe("oversees", () => {
  it.each([
    ["committee of C1", "A", true],
    ["committee of C1", "C1", true],
    ["committee of C1", "D", false],
    ["committee of C1", "C2", false],
    ["secretary of C1", "B", true],
    ["deputy of C2", "D", true],
    ["deputy of C2", "A", false],
    ["member of C1", "A", false],
    ["committee of cell A", "A", false],
    ["secretary of A", "A", false], // a cell has nothing below it to oversee
    ["committee of P", "D", true],
    ["committee of P", "E", false],
    ["unknown role in C1", "A", false],
  ] as const)("%s oversees %s: %s", (who, org, expected) => {
    expect(oversees(PEOPLE[who]!, ORGS[org].path)).toBe(expected);
  });

  it("treats any non-'cell' kind as able to have a subtree", () => {
    const ward: Position = { orgId: 2, orgPath: "/1/2/", orgKind: "ward", role: "committee" };
    expect(oversees([ward], "/1/2/4/")).toBe(true);
    expect(oversees([ward], "/1/3/6/")).toBe(false);
  });
});

describe("capabilitiesOf", () => {
  const caps = (linked: boolean, member: boolean, leadsCell: boolean, overseesSubtree: boolean): Capabilities => ({
    linked,
    member,
    leadsCell,
    overseesSubtree,
  });

  it.each<[string, boolean, Capabilities]>([
    ["nobody", false, caps(false, false, false, false)],
    ["nobody", true, caps(true, false, false, false)],
    ["member of A", true, caps(true, true, false, false)],
    ["member of A", false, caps(false, true, false, false)],
    ["secretary of A", true, caps(true, true, true, false)],
    ["deputy of A", true, caps(true, true, true, false)],
    ["committee of cell A", true, caps(true, true, false, false)],
    ["member of C1", true, caps(true, true, false, false)],
    ["committee of C1", true, caps(true, true, false, true)],
    ["secretary of C1", true, caps(true, true, false, true)],
    ["committee of P", true, caps(true, true, false, true)],
    ["member of A, secretary of D", true, caps(true, true, true, false)],
    ["unknown role in C1", true, caps(true, true, false, false)],
  ])("%s (linked=%s)", (who, linked, expected) => {
    expect(capabilitiesOf(linked, PEOPLE[who]!)).toEqual(expected);
  });

  it("combines a cell lead and a committee seat", () => {
    expect(capabilitiesOf(true, [at("A", "secretary"), at("P", "committee")])).toEqual(caps(true, true, true, true));
  });
});
