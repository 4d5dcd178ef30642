// The organisation tree has any depth and free-text kinds. These pure functions check
// a set of organisations (existing plus imported) and compute materialised paths.

export interface OrgNode {
  code: string;
  parentCode: string | undefined;
}

export type TreeProblem =
  | { kind: "unknown_parent"; code: string; parentCode: string }
  | { kind: "cycle"; codes: string[] };

/** Finds unknown parents and cycles. `nodes` must have unique codes. */
export function findTreeProblems(nodes: OrgNode[]): TreeProblem[] {
  const byCode = new Map(nodes.map((node) => [node.code, node]));
  const problems: TreeProblem[] = [];
  for (const node of nodes) {
    if (node.parentCode !== undefined && !byCode.has(node.parentCode)) {
      problems.push({ kind: "unknown_parent", code: node.code, parentCode: node.parentCode });
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  for (const start of nodes) {
    const chain: string[] = [];
    let current: OrgNode | undefined = start;
    while (current && state.get(current.code) !== "done") {
      if (state.get(current.code) === "visiting") {
        const cycle = chain.slice(chain.indexOf(current.code));
        if (!cycle.some((code) => reported.has(code))) {
          cycle.forEach((code) => reported.add(code));
          problems.push({ kind: "cycle", codes: cycle });
        }
        break;
      }
      state.set(current.code, "visiting");
      chain.push(current.code);
      current = current.parentCode === undefined ? undefined : byCode.get(current.parentCode);
    }
    chain.forEach((code) => state.set(code, "done"));
  }
  return problems;
}

/** Orders nodes so that every parent comes before its children (the tree must be valid). */
export function parentsFirst<T extends OrgNode>(nodes: T[]): T[] {
  const byCode = new Map(nodes.map((node) => [node.code, node]));
  const depth = new Map<string, number>();
  const depthOf = (node: T): number => {
    const known = depth.get(node.code);
    if (known !== undefined) return known;
    const parent = node.parentCode === undefined ? undefined : byCode.get(node.parentCode);
    const value = parent ? depthOf(parent) + 1 : 0;
    depth.set(node.code, value);
    return value;
  };
  return [...nodes].sort((a, b) => depthOf(a) - depthOf(b));
}

/** The materialised path of a child: its parent's path plus its own id. */
export function childPath(parentPath: string | undefined, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The ids on a path, root first: "/1/4/9/" → [1, 4, 9]. */
export function idsOnPath(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}
