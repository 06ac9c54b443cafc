import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV", () => {
  it("quotes every field, doubles quotes and ends lines with CRLF after a byte-order mark", () => {
    expect(toCsv(["Title", "Place"], [['The "17th" talks', "Washington, D.C."]])).toBe(
      '\uFEFF"Title","Place"\r\n"The ""17th"" talks","Washington, D.C."\r\n',
    );
  });

  it("keeps text that a spreadsheet would run as a formula from running", () => {
    expect(toCsv(["Title"], [["=HYPERLINK(1)"], ["-1"], ["@SUM"], ["+1"], ["plain"]])).toBe(
      '\uFEFF"Title"\r\n"\'=HYPERLINK(1)"\r\n"\'-1"\r\n"\'@SUM"\r\n"\'+1"\r\n"plain"\r\n',
    );
  });
});
