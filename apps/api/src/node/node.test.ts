import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { createOrganization, createSeries, insertEngagement } from "../test/fixtures.ts";

const FetchNode = graphql(`
  query FetchNode($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Engagement {
        title
      }
      ... on Organization {
        name
      }
      ... on Series {
        shortName
      }
    }
  }
`);

const FetchNodes = graphql(`
  query FetchNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`);

const ReferenceLists = graphql(`
  query ReferenceLists {
    series {
      id
      name
      shortName
    }
    organizations(country: "CN") {
      id
      name
      country
    }
  }
`);

const OrganizationsOf = graphql(`
  query OrganizationsOf($country: String) {
    organizations(country: $country) {
      id
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("global object IDs", () => {
  it("fetch any object by the ID the API gave it", async () => {
    const engagement = await insertEngagement(api.prisma, { title: "17th Defense Policy Coordination Talks" });
    const organization = await createOrganization(api.prisma, "CN");
    const series = await createSeries(api.prisma);

    expect((await api.query(FetchNode, { id: engagement.globalId })).node).toEqual({
      __typename: "Engagement",
      id: engagement.globalId,
      title: "17th Defense Policy Coordination Talks",
    });
    expect((await api.query(FetchNode, { id: organization.globalId })).node).toMatchObject({
      __typename: "Organization",
    });
    expect((await api.query(FetchNode, { id: series.globalId })).node).toMatchObject({ __typename: "Series" });

    const { nodes } = await api.query(FetchNodes, { ids: [series.globalId, "forged", engagement.globalId] });
    expect(nodes).toEqual([
      { __typename: "Series", id: series.globalId },
      null,
      { __typename: "Engagement", id: engagement.globalId },
    ]);
  });

  it.each([
    "",
    "not base64 at all",
    "RW5nYWdlbWVudDpub3QtYS11dWlk",
    "VW5rbm93bjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=",
  ])("answers null for the malformed or unknown ID %j", async (id) => {
    expect((await api.query(FetchNode, { id })).node).toBeNull();
  });

  it("refuses more than 100 IDs at once", async () => {
    const response = await api.request(FetchNodes, { ids: Array.from({ length: 101 }, () => "x") });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });
});

describe("reference lists", () => {
  it("list series and organizations of a country", async () => {
    const series = await createSeries(api.prisma);
    const chinese = await createOrganization(api.prisma, "CN");
    const american = await createOrganization(api.prisma, "US");
    const lists = await api.query(ReferenceLists);
    expect(lists.series.map((item) => item.id)).toContain(series.globalId);
    const organizationIds = lists.organizations.map((item) => item.id);
    expect(organizationIds).toContain(chinese.globalId);
    expect(organizationIds).not.toContain(american.globalId);
  });

  it.each(["C\u0000", "USA", "1"])("refuse organizations of the country %j with a typed error", async (country) => {
    const response = await api.request(OrganizationsOf, { country });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(response.data).toBeNull();
  });
});
