// npm run user:role -- --email ada@example.com --role ADMIN   (or --role USER to demote)
import { parseArgs } from "node:util";
import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl } from "../db/client.ts";
import { DomainError } from "../kernel/errors.ts";
import { changeUserRole } from "../services/user-role.service.ts";

const USAGE = "usage: npm run user:role -- --email <email> --role ADMIN|USER";

let values: { email?: string; role?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!values.email || !values.role) {
  console.error(USAGE);
  process.exit(2);
}

// Only PostgreSQL is needed: the role is read from the database on every request.
const pool = createPool(loadConfig().databaseUrl, 1);
try {
  const change = await changeUserRole(createDatabase(pool), {
    email: values.email,
    role: values.role.toUpperCase(),
  });
  const who = `${change.user.email} (${change.user.name}, ${change.user.id})`;
  console.log(
    change.changed
      ? `${who}: role ${change.from} → ${change.to}`
      : `${who}: already ${change.to}; nothing changed`,
  );
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`user:role: ${error.message} (in ${redactUrl(loadConfig().databaseUrl)})`);
  } else {
    // No database there, or PostgreSQL down: say which one, not a stack.
    console.error(
      `user:role: cannot reach ${redactUrl(loadConfig().databaseUrl)}: ${(error as Error).message}; use the DATABASE_URL the platform runs with`,
    );
  }
  process.exitCode = 1;
} finally {
  await pool.end();
}
