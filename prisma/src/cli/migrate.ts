// The project's own migration command: Prisma's CLI would download a native engine.
// Usage: migrate deploy | create <name> | status | check
import { join, relative } from "node:path";
import { openDatabase } from "../database.ts";
import { applyMigrations, checkMigrations, createMigration, migrationStatus } from "../migrations/index.ts";
import { databaseTargetFromEnv, describeTarget } from "../target.ts";

const usage = "usage: migrate deploy | create <name> | status | check";

async function deploy(): Promise<number> {
  const target = databaseTargetFromEnv();
  const db = await openDatabase(target);
  try {
    const { applied } = await applyMigrations(db);
    console.log(
      applied.length === 0
        ? `No pending migrations; ${describeTarget(target)} is up to date.`
        : `Applied ${plural(applied.length, "migration")} to ${describeTarget(target)}: ${applied.join(", ")}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function status(): Promise<number> {
  const target = databaseTargetFromEnv();
  const db = await openDatabase(target);
  try {
    const status = await migrationStatus(db);
    const problems = [
      list("pending", status.pending),
      list("failed", status.failed),
      list("edited after being applied", status.edited),
      list("applied but missing from the folder", status.unknownToFolder),
    ].filter(Boolean);
    const applied = `${plural(status.applied.length, "migration")} applied`;
    console.log(
      `${describeTarget(target)}: ${status.upToDate ? `up to date, ${applied}` : `${applied}; ${problems.join("; ")}`}`,
    );
    return status.upToDate ? 0 : 1;
  } finally {
    await db.close();
  }
}

async function create(name: string | undefined): Promise<number> {
  if (!name) {
    console.error(`A migration needs a name. ${usage}`);
    return 1;
  }
  const directory = await createMigration(name);
  console.log(
    directory
      ? `Created ${relative(process.cwd(), join(directory, "migration.sql"))}; apply it with \`npm run db:migrate\`.`
      : "No schema changes; no migration created.",
  );
  return 0;
}

async function check(): Promise<number> {
  const result = await checkMigrations();
  if (result.ok) {
    console.log("Migrations match schema.prisma.");
    return 0;
  }
  console.error(`${result.message}. Missing:\n${result.missingSql}`);
  return 1;
}

function list(label: string, names: string[]): string {
  return names.length === 0 ? "" : `${names.length} ${label} (${names.join(", ")})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function run(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case "deploy":
      return deploy();
    case "status":
      return status();
    case "create":
      return create(args.join(" "));
    case "check":
      return check();
    default:
      console.error(usage);
      return Promise.resolve(1);
  }
}

const [command, ...args] = process.argv.slice(2);
// Exit explicitly: an open PGlite or pool would otherwise keep the process alive.
run(command, args).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
