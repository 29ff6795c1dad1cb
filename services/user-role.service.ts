import { recordAudit } from "../db/audit.repository.ts";
import type { Database } from "../db/client.ts";
import type { UserRow } from "../db/schema.ts";
import { lockUserByEmail, updateUserRole } from "../db/users.repository.ts";
import { badInput } from "../kernel/errors.ts";

/** Roles an operator may give: SYSTEM is the exchange's own accounts (the fee account), not a person's. */
const ASSIGNABLE_ROLES = ["USER", "ADMIN"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/**
 * Who acts when a role is changed from the command line (`npm run user:role`): nobody signed in.
 * The audit log shows it with no actor.
 */
export const COMMAND_LINE_ACTOR = "00000000-0000-0000-0000-000000000000";

export interface RoleChange {
  user: Pick<UserRow, "id" | "email" | "name">;
  from: UserRow["role"];
  to: AssignableRole;
  changed: boolean;
}

export function isAssignableRole(role: string): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}

/**
 * Promotes a user to ADMIN or back to USER, by email (any letter case), and records it in the
 * audit log (action setUserRole) in the same transaction. A session signed in before the change
 * gets the new role at its next request (sessions read the user on every request).
 * BAD_USER_INPUT: `role` not USER or ADMIN, or the account is a SYSTEM one; `email` unknown.
 */
export async function changeUserRole(
  db: Database,
  request: { email: string; role: string },
): Promise<RoleChange> {
  const { role } = request;
  if (!isAssignableRole(role)) {
    throw badInput(`role must be one of ${ASSIGNABLE_ROLES.join(", ")}`, "role");
  }
  return db.transaction(async (tx) => {
    const user = await lockUserByEmail(tx, request.email.trim());
    if (!user) throw badInput(`no user has the email ${request.email}`, "email");
    if (user.role === "SYSTEM") {
      throw badInput(`${user.email} is a SYSTEM account; its role cannot be changed`, "email");
    }
    const summary = { id: user.id, email: user.email, name: user.name };
    if (user.role === role) return { user: summary, from: user.role, to: role, changed: false };
    const after = await updateUserRole(tx, user.id, role);
    await recordAudit(tx, {
      actorId: COMMAND_LINE_ACTOR,
      action: "setUserRole",
      target: `user:${user.id}`,
      before: { role: user.role },
      after: { role: after.role },
    });
    return { user: summary, from: user.role, to: role, changed: true };
  });
}
