import { describe, expect, it } from "vitest";
import { engagementFieldsOf, formValuesOf } from "./engagement-form";
import { formErrorsOf } from "./form-state";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const filled = {
  title: " Maritime safety working group ",
  kind: "WORKING_GROUP",
  seriesId: "",
  round: "",
  startsOn: "2027-02-10",
  endsOn: "2027-02-12",
  locationName: "Qingdao",
  region: "",
  country: "cn",
  hostCountry: "CN",
  summary: "",
  objectives: "Review encounters\n\n  Agree a drill  \n",
  "participants.0.organizationId": "",
  "participants.0.role": "HOST",
  "participants.1.organizationId": "T3JnOjE=",
  "participants.1.role": "HOST",
};

describe("the engagement form", () => {
  it("turns what was typed into the API's input: trimmed, blanks as none, one objective per line", () => {
    const parsed = engagementFieldsOf(formValuesOf(form(filled)));
    expect(parsed).toMatchObject({
      ok: true,
      fields: {
        title: "Maritime safety working group",
        seriesId: null,
        round: null,
        country: "CN",
        objectives: ["Review encounters", "Agree a drill"],
        participants: [{ organizationId: "T3JnOjE=", role: "HOST" }],
      },
    });
  });

  it("refuses locally only what GraphQL itself could not parse", () => {
    const parsed = engagementFieldsOf(formValuesOf(form({ ...filled, startsOn: "", round: "17th", kind: "PARTY" })));
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: { startsOn: "Enter a date.", round: "Enter a whole number, such as 17.", kind: "Choose a kind." },
    });
  });

  it("puts an API error about a participant beside the row it came from, skipping blank rows", () => {
    const parsed = engagementFieldsOf(formValuesOf(form(filled)));
    if (!parsed.ok) throw new Error("expected the form to parse");
    const errors = formErrorsOf(
      [{ code: "NOT_FOUND", message: "No such organization.", field: ["participants", "0", "organizationId"] }],
      parsed.fieldNameOf,
    );
    expect(errors.fieldErrors).toEqual({ "participants.1.organizationId": "No such organization." });
  });
});
