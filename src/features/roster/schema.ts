// zod schemas for the two roster CSV files; the messages are what an operator reads.
import { z } from "zod";
import { ROLES, STATUSES } from "../../domain/access.js";
import { normalizePhone } from "../../domain/phone.js";
import { cleanText } from "../../domain/names.js";

const required = (what: string) =>
  z
    .string({ error: `${what} is missing` })
    .transform(cleanText)
    .pipe(z.string().min(1, `${what} is empty`).max(200, `${what} is longer than 200 characters`));

const code = (what: string) =>
  z
    .string({ error: `${what} is missing` })
    .trim()
    .pipe(
      z
        .string()
        .min(1, `${what} is empty`)
        .regex(/^[A-Za-z0-9_.-]{1,40}$/, `${what} may use only letters, digits, _ . - (at most 40)`),
    );

export const ORG_COLUMNS = ["code", "name", "kind", "parent_code"] as const;
export const MEMBER_COLUMNS = ["org_code", "full_name", "phone", "status", "role"] as const;

export const orgRowSchema = z.object({
  code: code("code"),
  name: required("name"),
  kind: required("kind").transform((kind) => kind.toLowerCase()),
  parent_code: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(code("parent_code").optional()),
});
export type OrgRow = z.infer<typeof orgRowSchema>;

export const memberRowSchema = z.object({
  org_code: code("org_code"),
  full_name: required("full_name"),
  phone: z
    .string({ error: "phone is missing" })
    .transform((raw, ctx) => {
      const phone = normalizePhone(raw);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: `phone "${raw}" is not a phone number` });
        return z.NEVER;
      }
      return phone;
    }),
  status: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` })),
  role: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` })),
});
export type MemberRow = z.infer<typeof memberRowSchema>;
