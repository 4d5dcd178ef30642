import { describe, expect, it } from "vitest";
import { childPath, findTreeProblems, idsOnPath, isWithin, parentsFirst, type OrgNode, type TreeProblem } from "../../src/domain/tree.js";

const node = (code: string, parentCode?: string): OrgNode => ({ code, parentCode });

/** A chain root → n1 → n2 … of the given length. */
function chain(length: number): OrgNode[] {
  return Array.from({ length }, (_, i) => node(`n${i}`, i === 0 ? undefined : `n${i - 1}`));
}

/** A full tree of the given depth and branching factor; codes encode the path. */
function fullTree(depth: number, branching: number): OrgNode[] {
  const nodes: OrgNode[] = [node("r")];
  let level = ["r"];
  for (let d = 1; d < depth; d++) {
    const next: string[] = [];
    for (const parent of level) {
      for (let b = 0; b < branching; b++) {
        const code = `${parent}.${b}`;
        nodes.push(node(code, parent));
        next.push(code);
      }
    }
    level = next;
  }
  return nodes;
}

/** Deterministic shuffle (mulberry32) so failures are reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const cycles = (problems: TreeProblem[]) =>
  problems.filter((p): p is Extract<TreeProblem, { kind: "cycle" }> => p.kind === "cycle").map((p) => [...p.codes].sort());

describe("findTreeProblems", () => {
  describe("finds nothing wrong in valid trees", () => {
    it.each([
      ["no nodes", []],
      ["a single root", [node("P")]],
      ["province → commune → cell", [node("P"), node("C", "P"), node("K", "C")]],
      ["children listed before parents", [node("K", "C"), node("C", "P"), node("P")]],
      ["multiple roots", [node("P1"), node("P2"), node("C1", "P1"), node("C2", "P2")]],
      ["a chain 200 deep", chain(200)],
      ["a chain 200 deep, reversed", chain(200).reverse()],
      ["a full tree 5 deep, 3 wide", fullTree(5, 3)],
      ["a shuffled full tree", shuffled(fullTree(6, 2), 7)],
    ])("%s", (_label, nodes) => {
      expect(findTreeProblems(nodes)).toEqual([]);
    });
  });

  describe("reports unknown parents", () => {
    it.each<[string, OrgNode[], TreeProblem[]]>([
      ["a child of a missing node", [node("P"), node("C", "X")], [{ kind: "unknown_parent", code: "C", parentCode: "X" }]],
      [
        "two children of missing nodes",
        [node("A", "X"), node("P"), node("B", "Y")],
        [
          { kind: "unknown_parent", code: "A", parentCode: "X" },
          { kind: "unknown_parent", code: "B", parentCode: "Y" },
        ],
      ],
      ["codes are case-sensitive", [node("p"), node("C", "P")], [{ kind: "unknown_parent", code: "C", parentCode: "P" }]],
      ["empty-string parent is a code, not 'no parent'", [node("C", "")], [{ kind: "unknown_parent", code: "C", parentCode: "" }]],
    ])("%s", (_label, nodes, expected) => {
      expect(findTreeProblems(nodes)).toEqual(expected);
    });

    it("does not report the valid descendants of a node with an unknown parent", () => {
      const problems = findTreeProblems([node("C", "X"), node("K1", "C"), node("K2", "K1")]);
      expect(problems).toEqual([{ kind: "unknown_parent", code: "C", parentCode: "X" }]);
    });
  });

  describe("reports each cycle exactly once", () => {
    it.each<[string, OrgNode[], string[][]]>([
      ["self-parent", [node("A", "A")], [["A"]]],
      ["self-parent beside a valid tree", [node("P"), node("C", "P"), node("A", "A")], [["A"]]],
      ["2-node cycle", [node("A", "B"), node("B", "A")], [["A", "B"]]],
      ["2-node cycle, other order", [node("B", "A"), node("A", "B")], [["A", "B"]]],
      ["3-node cycle", [node("A", "B"), node("B", "C"), node("C", "A")], [["A", "B", "C"]]],
      ["3-node cycle, listed backwards", [node("C", "A"), node("B", "C"), node("A", "B")], [["A", "B", "C"]]],
      [
        "3-node cycle with a tail hanging into it (tail first)",
        [node("T2", "T1"), node("T1", "A"), node("A", "B"), node("B", "C"), node("C", "A")],
        [["A", "B", "C"]],
      ],
      [
        "3-node cycle with a tail hanging into it (tail last)",
        [node("A", "B"), node("B", "C"), node("C", "A"), node("T1", "A"), node("T2", "T1")],
        [["A", "B", "C"]],
      ],
      ["two separate cycles", [node("A", "B"), node("B", "A"), node("X", "Y"), node("Y", "Z"), node("Z", "X")], [["A", "B"], ["X", "Y", "Z"]]],
      ["a 50-node ring", Array.from({ length: 50 }, (_, i) => node(`r${String(i).padStart(2, "0")}`, `r${String((i + 1) % 50).padStart(2, "0")}`)), [Array.from({ length: 50 }, (_, i) => `r${String(i).padStart(2, "0")}`)]],
    ])("%s", (_label, nodes, expected) => {
      const problems = findTreeProblems(nodes);
      expect(problems.every((p) => p.kind === "cycle")).toBe(true);
      expect(cycles(problems).sort()).toEqual(expected);
    });

    it.each([0, 1, 2, 3, 4, 5])("reports one 3-node cycle whatever the listing order (shuffle seed %i)", (seed) => {
      const nodes = shuffled([node("A", "B"), node("B", "C"), node("C", "A"), node("T", "A"), node("P"), node("Q", "P")], seed);
      expect(cycles(findTreeProblems(nodes))).toEqual([["A", "B", "C"]]);
    });

    it("reports unknown parents and cycles together", () => {
      const problems = findTreeProblems([node("A", "B"), node("B", "A"), node("C", "X")]);
      expect(problems).toHaveLength(2);
      expect(problems).toContainEqual({ kind: "unknown_parent", code: "C", parentCode: "X" });
      expect(cycles(problems)).toEqual([["A", "B"]]);
    });
  });
});

describe("parentsFirst", () => {
  const assertParentsFirst = (ordered: OrgNode[]) => {
    const index = new Map(ordered.map((n, i) => [n.code, i]));
    for (const n of ordered) {
      if (n.parentCode !== undefined && index.has(n.parentCode)) {
        expect(index.get(n.parentCode)!, `${n.parentCode} before ${n.code}`).toBeLessThan(index.get(n.code)!);
      }
    }
  };

  it.each([1, 2, 3, 42, 1234, 99999])("puts every parent before its child in a shuffled deep tree (seed %i)", (seed) => {
    const tree = [...fullTree(6, 3), ...chain(40)];
    const input = shuffled(tree, seed);
    const before = [...input];
    const ordered = parentsFirst(input);
    expect(ordered).toHaveLength(input.length);
    expect(new Set(ordered)).toEqual(new Set(input));
    assertParentsFirst(ordered);
    expect(input).toEqual(before); // input not reordered in place
  });

  it.each<[string, OrgNode[]]>([
    ["a reversed chain", chain(30).reverse()],
    ["multiple roots, children first", [node("K2", "C2"), node("C2", "P2"), node("K1", "C1"), node("C1", "P1"), node("P2"), node("P1")]],
    ["a node whose parent is outside the set", [node("K", "C"), node("C", "EXISTING")]],
  ])("orders %s", (_label, nodes) => {
    assertParentsFirst(parentsFirst(nodes));
  });

  it("returns the same objects, extra fields included", () => {
    const nodes = [{ code: "C", parentCode: "P", name: "Commune" }, { code: "P", parentCode: undefined, name: "Province" }];
    const ordered = parentsFirst(nodes);
    expect(ordered.map((n) => n.name)).toEqual(["Province", "Commune"]);
    expect(ordered[0]).toBe(nodes[1]);
  });
});

describe("childPath", () => {
  it.each<[string | undefined, number, string]>([
    [undefined, 1, "/1/"],
    [undefined, 11, "/11/"],
    ["/1/", 4, "/1/4/"],
    ["/1/4/", 9, "/1/4/9/"],
    ["/1/4/9/", 123, "/1/4/9/123/"],
  ])("childPath(%j, %i) → %j", (parent, id, expected) => {
    expect(childPath(parent, id)).toBe(expected);
  });
});

describe("isWithin", () => {
  it.each([
    ["/1/", "/1/", true],
    ["/1/4/", "/1/", true],
    ["/1/4/9/", "/1/", true],
    ["/1/4/9/", "/1/4/", true],
    ["/11/", "/1/", false],
    ["/11/4/", "/1/", false],
    ["/21/", "/1/", false],
    ["/1/41/", "/1/4/", false],
    ["/1/", "/1/4/", false],
    ["/2/4/", "/1/", false],
    ["/2/1/", "/1/", false],
  ])("isWithin(%j, %j) → %s", (path, ancestor, expected) => {
    expect(isWithin(path, ancestor)).toBe(expected);
  });

  it("holds along paths built with childPath, and not across siblings", () => {
    const root = childPath(undefined, 1);
    const a = childPath(root, 4);
    const b = childPath(root, 41);
    const leaf = childPath(a, 9);
    expect(isWithin(leaf, root)).toBe(true);
    expect(isWithin(leaf, a)).toBe(true);
    expect(isWithin(leaf, b)).toBe(false);
    expect(isWithin(b, a)).toBe(false);
  });
});

describe("idsOnPath", () => {
  it.each<[string, number[]]>([
    ["/", []],
    ["/1/", [1]],
    ["/12/", [12]],
    ["/1/4/9/", [1, 4, 9]],
    ["/10/200/3000/", [10, 200, 3000]],
  ])("%j → %j", (path, expected) => {
    expect(idsOnPath(path)).toEqual(expected);
  });

  it.each([[[1]], [[1, 4, 9]], [[7, 70, 700, 7000]]])("inverts childPath for %j", (ids) => {
    const path = ids.reduce<string | undefined>((p, id) => childPath(p, id), undefined)!;
    expect(idsOnPath(path)).toEqual(ids);
  });
});
