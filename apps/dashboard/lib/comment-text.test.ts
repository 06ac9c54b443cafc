import { describe, expect, it } from "vitest";
import { commentLines } from "./comment-text";

describe("comment text", () => {
  it("keeps lines, links web addresses and leaves markup as text", () => {
    expect(commentLines("Agenda: https://example.org/a?b=1\n<script>alert(1)</script> javascript:alert(1)")).toEqual([
      [{ text: "Agenda: " }, { text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" }],
      [{ text: "<script>alert(1)</script> javascript:alert(1)" }],
    ]);
  });

  it("keeps empty lines", () => {
    expect(commentLines("a\n\nb")).toEqual([[{ text: "a" }], [{ text: "" }], [{ text: "b" }]]);
  });
});
