import "reflect-metadata";
import { printSchema } from "graphql";
import { buildAppSchema } from "../schema.ts";

// The API's schema as SDL on stdout; the schema package writes it where its consumers read it.
process.stdout.write(printSchema(await buildAppSchema()) + "\n");
