// npm run db:seed                           demo data (idempotent)
// npm run db:seed -- --synthetic 100000     generated engagements for load tests (add --seed N for another set)
// Applies pending migrations first, so it works on an empty database.
import { parseArgs } from "node:util";
import { openDatabase } from "../database.ts";
import { applyMigrations } from "../migrations/index.ts";
import { seedDemoData, seedSyntheticData } from "../seed/index.ts";
import { databaseTargetFromEnv, describeTarget } from "../target.ts";

const { values } = parseArgs({
  options: { synthetic: { type: "string" }, seed: { type: "string" } },
});
const syntheticCount = values.synthetic === undefined ? null : wholeNumber("--synthetic", values.synthetic);
const syntheticSeed = values.seed === undefined ? undefined : wholeNumber("--seed", values.seed);

const target = databaseTargetFromEnv();
const db = await openDatabase(target);
let exitCode = 0;
try {
  const started = performance.now();
  const { applied } = await applyMigrations(db);
  console.log(`${describeTarget(target)}: ${applied.length} migration(s) applied`);

  const seeding = performance.now();
  const { created } =
    syntheticCount === null
      ? await seedDemoData(db.prisma)
      : await seedSyntheticData(db.prisma, {
          count: syntheticCount,
          seed: syntheticSeed,
          onProgress: (written, count) => process.stdout.write(`\r  ${written} / ${count} synthetic engagements`),
        });
  if (syntheticCount !== null) process.stdout.write("\n");
  const what = syntheticCount === null ? "demo data" : `${syntheticCount} synthetic engagements`;
  console.log(`${what}: ${created} row(s) created in ${seconds(performance.now() - seeding)}`);

  const [engagements, participations, milestones, statusChanges] = await Promise.all([
    db.prisma.engagement.count(),
    db.prisma.participation.count(),
    db.prisma.milestone.count(),
    db.prisma.statusChange.count(),
  ]);
  console.log(
    `database now holds ${engagements} engagements, ${participations} participations, ` +
      `${milestones} milestones, ${statusChanges} status changes (total ${seconds(performance.now() - started)})`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await db.close();
}
// The migration engine leaves a timer pending for several seconds.
process.exit(exitCode);

function wholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`${flag} takes a whole number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
