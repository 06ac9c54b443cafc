import "reflect-metadata";
import { Role, databaseTargetFromEnv, openDatabase } from "@engagement-tracker/db";
import { applyMigrations } from "@engagement-tracker/db/migrations";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { RefusedError } from "../common/user-error.ts";
import { CreateUserInput } from "../users/user.inputs.ts";
import { createUser } from "../users/user.service.ts";

// Creates a user from the command line — how the first ADMIN of a production
// database comes to exist. The password comes from NEW_USER_PASSWORD (never an
// argument, which would land in shell history), or is generated and printed once.
const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "VIEWER" } },
});
if (!values.email || !values.name || !(values.role! in Role)) {
  console.error(
    "Usage: npm run user:create -- --email someone@example.org --name 'Full Name' --role VIEWER|EDITOR|ADMIN",
  );
  process.exit(2);
}
const password = process.env.NEW_USER_PASSWORD || randomBytes(15).toString("base64url");
const db = await openDatabase(databaseTargetFromEnv());
let exitCode = 0;
try {
  await applyMigrations(db);
  const input = Object.assign(new CreateUserInput(), {
    email: values.email,
    name: values.name,
    role: values.role as Role,
    password,
  });
  const user = await createUser(db.prisma, input);
  console.log(`Created ${user.role} ${user.email}.`);
  if (!process.env.NEW_USER_PASSWORD) console.log(`Password (shown once): ${password}`);
} catch (error) {
  if (!(error instanceof RefusedError)) throw error;
  console.error(error.errors.map((problem) => `${problem.field?.join(".")}: ${problem.message}`).join("\n"));
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
