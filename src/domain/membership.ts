// When a membership counts. Its holder's rights (a secretary's, a committee member's)
// and what they receive as such (absence notes, join requests with phone numbers,
// nudges, digests) come only from memberships in force: a member temporarily
// transferred to another cell attends there and holds no office here meanwhile.
// Every query for leaders, approvers, readers and positions applies this rule
// (src/db/memberships.ts gives it as a Prisma filter and as SQL).

export const NOT_IN_FORCE_STATUS = "transferred";

export function inForce(membership: { status: string }): boolean {
  return membership.status !== NOT_IN_FORCE_STATUS;
}
