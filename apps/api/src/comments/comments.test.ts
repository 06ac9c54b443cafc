import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { recordChanges } from "../test/subscriptions.ts";

const Add = graphql(`
  mutation CommentsAdd($input: AddCommentInput!) {
    addComment(input: $input) {
      comment {
        id
        body
        editedAt
        author {
          name
        }
        mentions {
          name
        }
      }
      engagement {
        version
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const Edit = graphql(`
  mutation CommentsEdit($input: EditCommentInput!) {
    editComment(input: $input) {
      comment {
        body
        editedAt
      }
      errors {
        code
        field
      }
    }
  }
`);

const Remove = graphql(`
  mutation CommentsRemove($input: RemoveCommentInput!) {
    removeComment(input: $input) {
      comment {
        removedAt
      }
      errors {
        code
        field
      }
    }
  }
`);

const Thread = graphql(`
  query CommentsThread($id: ID!) {
    engagement(id: $id) {
      version
      comments {
        body
        editedAt
        author {
          name
        }
      }
      activity(kinds: [COMMENTED, COMMENT_EDITED, COMMENT_REMOVED]) {
        kind
        changes
        actor {
          name
        }
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("comments", () => {
  it("a viewer comments with line breaks, script-like text and a mention; the engagement's version stays", async () => {
    const engagement = await insertEngagement(api.prisma);
    const body = "Who leads the delegation?\n<script>alert(1)</script> see https://example.org/brief";
    const { addComment } = await api.as("VIEWER").query(Add, {
      input: { engagementId: engagement.globalId, body, mentionIds: [globalIdOf("User", api.users.EDITOR.id)] },
    });
    expect(addComment).toMatchObject({
      errors: [],
      comment: { body, editedAt: null, author: { name: "Test VIEWER" }, mentions: [{ name: "Test EDITOR" }] },
      engagement: { version: 1 },
    });
    const { engagement: read } = await api.query(Thread, { id: engagement.globalId });
    expect(read!.version).toBe(1);
    expect(read!.comments).toEqual([{ body, editedAt: null, author: { name: "Test VIEWER" } }]);
    expect(read!.activity).toEqual([expect.objectContaining({ kind: "COMMENTED", actor: { name: "Test VIEWER" } })]);
  });

  it.each([
    ["empty", { body: "  \n " }, "VALIDATION", ["body"]],
    ["over 10,000 characters", { body: "x".repeat(10_001) }, "VALIDATION", ["body"]],
    [
      "a mention of nobody",
      { body: "Hi", mentionIds: [globalIdOf("User", crypto.randomUUID())] },
      "NOT_FOUND",
      ["mentionIds", "0"],
    ],
  ])("a comment that is %s is refused and nothing is written", async (_, fields, code, field) => {
    const engagement = await insertEngagement(api.prisma);
    const events = await api.prisma.engagementEvent.count();
    const { addComment } = await api.query(Add, { input: { engagementId: engagement.globalId, ...fields } });
    expect(addComment.comment).toBeNull();
    expect(addComment.errors).toEqual([expect.objectContaining({ code, field })]);
    expect(await api.prisma.comment.count({ where: { engagementId: engagement.id } })).toBe(0);
    expect(await api.prisma.engagementEvent.count()).toBe(events);
  });

  it("a disabled user cannot be mentioned", async () => {
    const engagement = await insertEngagement(api.prisma);
    const gone = await createUserWithToken(api.prisma, "EDITOR");
    await api.prisma.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const { addComment } = await api.query(Add, {
      input: { engagementId: engagement.globalId, body: "Ask them", mentionIds: [globalIdOf("User", gone.id)] },
    });
    expect(addComment.errors).toEqual([expect.objectContaining({ code: "VALIDATION", field: ["mentionIds", "0"] })]);
  });

  it("only its author edits or removes a comment; an edit is recorded and shown, a removal leaves a mark", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { addComment } = await api.query(Add, {
      input: { engagementId: engagement.globalId, body: "Draft agenda?" },
    });
    const id = addComment.comment!.id;

    const theirs = await api.as("ADMIN").query(Edit, { input: { id, body: "Hijacked" } });
    expect(theirs.editComment.errors).toEqual([{ code: "NOT_YOURS", field: ["id"] }]);
    const notTheirs = await api.as("ADMIN").query(Remove, { input: { id } });
    expect(notTheirs.removeComment.errors).toEqual([{ code: "NOT_YOURS", field: ["id"] }]);

    const edited = await api.query(Edit, { input: { id, body: "Draft agenda sent?" } });
    expect(edited.editComment).toMatchObject({ errors: [], comment: { body: "Draft agenda sent?" } });
    expect(edited.editComment.comment!.editedAt).not.toBeNull();

    const removed = await api.query(Remove, { input: { id } });
    expect(removed.removeComment.errors).toEqual([]);
    const again = await api.query(Edit, { input: { id, body: "Back?" } });
    expect(again.editComment.errors).toEqual([{ code: "NOT_FOUND", field: ["id"] }]);

    const { engagement: read } = await api.query(Thread, { id: engagement.globalId });
    expect(read!.comments).toEqual([]);
    expect(read!.activity.map((event) => event.kind)).toEqual(["COMMENTED", "COMMENT_EDITED", "COMMENT_REMOVED"]);
    expect(read!.activity[1]!.changes).toEqual({
      comment: { id, changes: { body: { from: "Draft agenda?", to: "Draft agenda sent?" } } },
    });
  });

  it("a comment reaches live subscribers as a change to its engagement", async () => {
    const engagement = await insertEngagement(api.prisma);
    const subscriber = await recordChanges(api.url, api.users.EDITOR.token);
    await api.as("VIEWER").query(Add, { input: { engagementId: engagement.globalId, body: "Live?" } });
    const [change] = await subscriber.waitFor(1);
    expect([change!.engagement.id, change!.event.kind, change!.event.version]).toEqual([
      engagement.globalId,
      "COMMENTED",
      1,
    ]);
    await subscriber.close();
  });

  it("a comment on an archived engagement is refused", async () => {
    const engagement = await insertEngagement(api.prisma, { archivedAt: new Date() });
    const { addComment } = await api.query(Add, { input: { engagementId: engagement.globalId, body: "Late" } });
    expect(addComment.errors).toEqual([expect.objectContaining({ code: "ARCHIVED" })]);
  });
});
