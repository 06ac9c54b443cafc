import { describe, expect, it } from "vitest";
import {
  ADD_PARTICIPANT,
  REMOVE_PARTICIPANT,
  changedFields,
  engagementFieldsOf,
  formValuesOf,
  parseFormValues,
  withParticipantRowsChanged,
} from "./engagement-form";
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

  it.each(["China", "china", "CN", "cn", " People's Republic of China "])(
    "stores CN for the country typed as %j",
    (typed) => {
      const parsed = engagementFieldsOf(formValuesOf(form({ ...filled, country: typed, hostCountry: typed })));
      expect(parsed).toMatchObject({ ok: true, fields: { country: "CN", hostCountry: "CN" } });
    },
  );

  it.each(["Chin", "ZZ", "Congo", ""])("asks to choose from the list for %j, keeping what was typed", (typed) => {
    const values = formValuesOf(form({ ...filled, country: typed }));
    expect(engagementFieldsOf(values)).toEqual({
      ok: false,
      fieldErrors: { country: "Choose a country from the list." },
    });
    expect(values.country).toBe(typed);
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

describe("an edit sends only what changed", () => {
  const original = formValuesOf(form(filled));

  it("finds the fields that differ from where the form started, participants by the rows chosen", () => {
    const values = formValuesOf(
      form({ ...filled, title: "Renamed", "participants.2.organizationId": "", "participants.2.role": "HOST" }),
    );
    expect([...changedFields(values, original)]).toEqual(["title"]);
    const moreParticipants = formValuesOf(form({ ...filled, "participants.0.organizationId": "T3JnOjI=" }));
    expect([...changedFields(moreParticipants, original)]).toEqual(["participants"]);
  });

  it("reads the starting values back from the page, and nothing malformed", () => {
    expect(parseFormValues(JSON.stringify(original))).toEqual(original);
    expect(parseFormValues(JSON.stringify({ ...original, title: 7 }))).toBeNull();
    expect(parseFormValues("not json")).toBeNull();
  });
});

describe("participant rows without JavaScript", () => {
  const values = formValuesOf(form(filled));

  it("adds an empty row, or removes the one asked, keeping the rest as typed", () => {
    expect(withParticipantRowsChanged(values, ADD_PARTICIPANT)?.participants).toHaveLength(3);
    expect(withParticipantRowsChanged(values, `${REMOVE_PARTICIPANT}0`)?.participants).toEqual([
      { organizationId: "T3JnOjE=", role: "HOST" },
    ]);
    expect(withParticipantRowsChanged({ ...values, title: "Kept" }, ADD_PARTICIPANT)?.title).toBe("Kept");
  });

  it("leaves a real submission alone", () => {
    expect(withParticipantRowsChanged(values, "")).toBeNull();
  });
});
