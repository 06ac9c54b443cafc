import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { MoveStatus, Rename } from "../test/shared-operations.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("the audit trail", () => {
  it("names the user who made each change", async () => {
    const engagement = await insertEngagement(api.prisma);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    await api.query(Rename, { input: { id: engagement.globalId, title: "Renamed by the editor" } });
    const history = await api.prisma.statusChange.findMany({
      where: { engagementId: engagement.id, fromStatus: { not: null } },
    });
    expect(history.map((row) => row.actorId)).toEqual([api.users.EDITOR.id]);
    const events = await api.prisma.engagementEvent.findMany({
      where: { engagementId: engagement.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((event) => [event.kind, event.actorId, event.version])).toEqual([
      ["STATUS_CHANGED", api.users.EDITOR.id, 2],
      ["EDITED", api.users.EDITOR.id, 3],
    ]);
    expect(events[1]!.changes).toEqual({ title: { from: engagement.title, to: "Renamed by the editor" } });
  });

  it("cannot be edited or deleted through the API", async () => {
    const { data } = (await (
      await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${api.users.ADMIN.token}` },
        body: JSON.stringify({ query: "{ __schema { mutationType { fields { name } } } }" }),
      })
    ).json()) as { data: { __schema: { mutationType: { fields: { name: string }[] } } } };
    const mutations = data.__schema.mutationType.fields.map((field) => field.name);
    expect(mutations.filter((name) => /history|statusChange|event|activity/i.test(name))).toEqual([]);
  });
});
