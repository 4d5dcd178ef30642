// SQLite through Prisma accepts at most 999 bound values per query, and Prisma does not
// split `in` lists for it: a province's thousands of cells must be queried in parts.
export const IN_CHUNK = 500;

/** Runs `query` on each part of `ids` (at most IN_CHUNK) and concatenates the rows. */
export async function inChunks<I, R>(ids: I[], query: (part: I[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) rows.push(...(await query(ids.slice(i, i + IN_CHUNK))));
  return rows;
}
