// Memoising a pure function of plain arguments, for planners that render the same
// text or compute the same due time for many rows.

/**
 * Computes once per distinct argument list (a language, a language and a flag…): texts,
 * settings, due times. An undefined result ("nothing due") is remembered too.
 */
export function memoize<A extends unknown[], R>(render: (...args: A) => R): (...args: A) => R {
  const done = new Map<string, R>();
  return (...args) => {
    const key = args.join("\u0000");
    if (!done.has(key)) done.set(key, render(...args));
    return done.get(key) as R;
  };
}
