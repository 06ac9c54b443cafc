import { databaseTargetFromEnv, type DatabaseTarget } from "@engagement-tracker/db";

export interface ApiConfig {
  port: number;
  host: string;
  production: boolean;
  database: DatabaseTarget;
  /** Seed the demo data on start: the embedded default does, PostgreSQL only when asked. */
  seedDemoData: boolean;
  /** Largest request body accepted. */
  bodyLimit: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const database = databaseTargetFromEnv(env);
  return {
    port: Number(env.API_PORT ?? env.PORT ?? 4000),
    host: env.API_HOST ?? "127.0.0.1",
    production: env.NODE_ENV === "production",
    database,
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === "true" : database.kind === "pglite",
    bodyLimit: env.API_BODY_LIMIT ?? "1mb",
  };
}
