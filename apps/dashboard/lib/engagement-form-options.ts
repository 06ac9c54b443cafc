import { graphql, type EngagementForm_EngagementFragment } from "@engagement-tracker/schema";
import { countryName } from "@engagement-tracker/schema/countries";
import { query, type ApiResult } from "./api";
import type { EngagementFormValues } from "./engagement-form";

const EngagementFormOptionsQuery = graphql(`
  query EngagementFormOptions {
    series {
      id
      name
      shortName
    }
    organizations {
      id
      name
      country
    }
    assignableUsers {
      id
      name
    }
  }
`);

export interface EngagementFormOptions {
  series: readonly { id: string; name: string; shortName: string }[];
  organizations: readonly { id: string; name: string; country: string }[];
  people: readonly { id: string; name: string }[];
}

/** What the create and edit forms offer to choose from. */
export async function loadFormOptions(): Promise<ApiResult<EngagementFormOptions>> {
  const result = await query(EngagementFormOptionsQuery);
  if (!result.ok) return result;
  const { series, organizations, assignableUsers } = result.data;
  return { ok: true, data: { series, organizations, people: assignableUsers } };
}

export const EngagementFormFragment = graphql(`
  fragment EngagementForm_engagement on Engagement {
    title
    kind
    round
    startsOn
    endsOn
    hostCountry
    summary
    objectives
    outcome
    series {
      id
    }
    owner {
      id
    }
    coOwners {
      id
    }
    location {
      ...LocationFields
    }
    participants {
      role
      organization {
        id
      }
    }
  }
`);

export const EMPTY_FORM_VALUES: EngagementFormValues = {
  title: "",
  kind: "",
  seriesId: "",
  round: "",
  startsOn: "",
  endsOn: "",
  locationName: "",
  region: "",
  country: "",
  hostCountry: "",
  summary: "",
  objectives: "",
  outcome: "",
  status: "PROPOSED",
  ownerId: "",
  coOwnerIds: [],
  participants: [{ organizationId: "", role: "" }],
};

/** The edit form's starting values: the engagement as it stands. */
export function formValuesOfEngagement(engagement: EngagementForm_EngagementFragment): EngagementFormValues {
  return {
    ...EMPTY_FORM_VALUES,
    title: engagement.title,
    kind: engagement.kind,
    seriesId: engagement.series?.id ?? "",
    round: engagement.round?.toString() ?? "",
    startsOn: engagement.startsOn,
    endsOn: engagement.endsOn,
    locationName: engagement.location.name,
    region: engagement.location.region ?? "",
    country: countryName(engagement.location.country),
    hostCountry: countryName(engagement.hostCountry),
    summary: engagement.summary ?? "",
    objectives: engagement.objectives.join("\n"),
    outcome: engagement.outcome ?? "",
    ownerId: engagement.owner?.id ?? "",
    coOwnerIds: engagement.coOwners.map((user) => user.id),
    participants: engagement.participants.map((participant) => ({
      organizationId: participant.organization.id,
      role: participant.role,
    })),
  };
}
