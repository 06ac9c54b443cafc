import { Role } from "@engagement-tracker/db";
import { assertObjectType, parse } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { Authorized, buildSchema, Field, ObjectType, Query, Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import { authChecker } from "../auth/auth.checker.ts";
import type { Context } from "../context.ts";
import { readPlainFieldsDirectly } from "./plain-fields.ts";

@ObjectType()
class Dossier {
  @Field(() => String)
  title: string;

  @Authorized(Role.ADMIN)
  @Field(() => String)
  secret: string;

  @Field(() => String, { name: "summary" })
  abstract: string;
}

@Resolver()
class DossierResolver {
  @Query(() => Dossier)
  dossier(): Dossier {
    return { title: "Open", secret: "Admins only", abstract: "Short" };
  }
}

const schema = await buildSchema({ resolvers: [DossierResolver], authChecker, validate: false });
readPlainFieldsDirectly(schema);

async function read(query: string, role: Role) {
  const compiled = compileQuery(schema, parse(query));
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled.errors));
  const context = { viewer: { id: "reader", role } } as Context;
  return compiled.query(undefined, context, {});
}

describe("fields read as plain properties", () => {
  it("are those with nothing attached; a guarded or renamed field keeps its resolver", () => {
    const resolved = Object.values(assertObjectType(schema.getType("Dossier")).getFields())
      .filter((field) => field.resolve)
      .map((field) => field.name);
    expect(resolved.sort()).toEqual(["secret", "summary"]);
  });

  it("still refuse a guarded field to a role below it, compiled", async () => {
    expect(await read("{ dossier { title summary } }", Role.VIEWER)).toEqual({
      data: { dossier: { title: "Open", summary: "Short" } },
    });
    const refused = await read("{ dossier { title secret } }", Role.VIEWER);
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(await read("{ dossier { secret } }", Role.ADMIN)).toEqual({ data: { dossier: { secret: "Admins only" } } });
  });
});
