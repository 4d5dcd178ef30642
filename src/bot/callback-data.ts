// One codec for every button's callback data: a prefix and typed fields, joined by ":"
// ("m:att:12:3"), read back with zod. Callback data is a hint, never proof: a decoded
// button only says what was tapped; the handler checks on the server that the tapper
// may do it and that the thing is still open. Anything that does not decode (forged,
// stale, of another format) is undefined, never an exception.
import { z } from "zod";

/** One field: how it is written, and the schema that reads it back. */
export interface Field<T> {
  write(value: T): string;
  read: z.ZodType<T>;
}

/** A database id: a positive integer below 2^31. */
export const id: Field<number> = {
  write: String,
  read: z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().positive().max(2_147_483_647)),
};

/** A whole number from min to max. */
export function int(min: number, max: number): Field<number> {
  return { write: String, read: z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().min(min).max(max)) };
}

/** One of a few short words (an action, a language). */
export function oneOf<const T extends string>(values: readonly [T, ...T[]]): Field<T> {
  return { write: (value) => value, read: z.enum(values) as unknown as z.ZodType<T> };
}

/** A yes/no written as two letters (accept/decline: "a"/"d"). */
export function flag(yes: string, no: string): Field<boolean> {
  return { write: (value) => (value ? yes : no), read: z.enum([yes, no]).transform((letter) => letter === yes) as unknown as z.ZodType<boolean> };
}

type Fields = Record<string, Field<unknown>>;
type Values<F extends Fields, O extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never } & {
  [K in keyof O]?: O[K] extends Field<infer T> ? T : never;
};

/** Telegram's limit on callback data, in bytes. */
const MAX_BYTES = 64;

export interface CallbackCodec<V> {
  /** Matches every button of this prefix, for `composer.callbackQuery(codec.filter, ...)`. */
  filter: RegExp;
  encode(values: V): string;
  decode(data: string): V | undefined;
}

/**
 * A codec for "prefix:field:field[:optional...]". Optional fields come last, in order:
 * a later one is written only with the ones before it.
 */
export function callbackCodec<F extends Fields, O extends Fields = Record<never, never>>(prefix: string, fields: F, optional?: O): CallbackCodec<Values<F, O>> {
  const required = Object.entries(fields);
  const extra = Object.entries(optional ?? {});
  return {
    filter: new RegExp(`^${prefix}:`),
    encode(values) {
      const parts = [prefix, ...required.map(([name, field]) => field.write((values as Record<string, unknown>)[name]))];
      for (const [name, field] of extra) {
        const value = (values as Record<string, unknown>)[name];
        if (value === undefined) break;
        parts.push(field.write(value));
      }
      const data = parts.join(":");
      if (Buffer.byteLength(data) > MAX_BYTES) throw new RangeError(`callback data over ${MAX_BYTES} bytes: ${data}`);
      return data;
    },
    decode(data) {
      if (data.length > MAX_BYTES) return undefined;
      const [head, ...parts] = data.split(":");
      if (head !== prefix || parts.length < required.length || parts.length > required.length + extra.length) return undefined;
      const values: Record<string, unknown> = {};
      const all = [...required, ...extra];
      for (const [index, part] of parts.entries()) {
        const [name, field] = all[index]!;
        const read = field.read.safeParse(part);
        if (!read.success) return undefined;
        values[name] = read.data;
      }
      return values as Values<F, O>;
    },
  };
}
