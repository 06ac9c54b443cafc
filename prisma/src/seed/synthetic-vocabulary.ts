import { EngagementKind, EngagementStatus } from "../../generated/prisma/client.ts";
import type { OrganizationKey, SeriesKey } from "./reference-data.ts";

// The words synthetic engagements are made of: topics, venues, reasons and outcomes.

export interface Topic {
  subject: string;
  summary: string;
  kinds: EngagementKind[];
  series?: SeriesKey;
  /** At least one organization of each side, so every engagement can have a host. */
  organizations: OrganizationKey[];
  /** Field work happens at the sites, which are all in China. */
  inChinaOnly?: boolean;
  objectives: string[];
}

export const topics: Topic[] = [
  {
    subject: "Maritime safety",
    summary: "Consultations on the safety of encounters between the two navies.",
    kinds: [EngagementKind.CONSULTATION, EngagementKind.WORKING_GROUP, EngagementKind.DIALOGUE],
    series: "MMCA",
    organizations: ["plaNavy", "indoPacificCommand", "pacificFleet", "plaAirForce", "pacificAirForces"],
    objectives: [
      "Review unsafe maritime encounters since the last session",
      "Update the rules of behavior for safety of maritime encounters",
      "Agree communication procedures between ships at sea",
      "Exchange encounter case summaries",
    ],
  },
  {
    subject: "Air encounter safety",
    summary: "Talks on intercepts and the safety of military aircraft operating near each other.",
    kinds: [EngagementKind.CONSULTATION, EngagementKind.WORKING_GROUP],
    series: "MMCA",
    organizations: ["plaAirForce", "pacificAirForces", "indoPacificCommand"],
    objectives: [
      "Review unsafe air intercepts",
      "Agree radio procedures between military aircraft",
      "Update the annex on the safety of air encounters",
    ],
  },
  {
    subject: "Defense policy",
    summary: "Policy-level dialogue on defense policy and the calendar of military engagements.",
    kinds: [EngagementKind.DIALOGUE, EngagementKind.HIGH_LEVEL_VISIT],
    series: "DPCT",
    organizations: [
      "secretaryOfDefense",
      "cmcInternationalCooperation",
      "ministryOfNationalDefense",
      "indoPacificCommand",
    ],
    objectives: [
      "Review the state of military-to-military relations",
      "Agree the calendar of dialogues and consultations",
      "Discuss regional security developments",
      "Implement the consensus reached by the two heads of state",
    ],
  },
  {
    subject: "Crisis communication",
    summary: "Working-level talks on the defense telephone link and crisis notification procedures.",
    kinds: [EngagementKind.WORKING_GROUP, EngagementKind.DIALOGUE, EngagementKind.OTHER],
    organizations: ["secretaryOfDefense", "cmcInternationalCooperation", "indoPacificCommand", "southernTheater"],
    objectives: [
      "Test the defense telephone link",
      "Agree notification procedures for incidents at sea and in the air",
      "Review the use of crisis channels during recent incidents",
    ],
  },
  {
    subject: "Missing personnel accounting",
    summary: "Field work to locate and recover the remains of U.S. personnel missing since the Second World War.",
    kinds: [EngagementKind.SITE_SURVEY, EngagementKind.HUMANITARIAN_MISSION],
    series: "POW_MIA",
    organizations: [
      "powMiaAccountingAgency",
      "cmcInternationalCooperation",
      "guangxiMilitaryDistrict",
      "hunanMilitaryDistrict",
      "defenseAttacheBeijing",
    ],
    inChinaOnly: true,
    objectives: [
      "Survey suspected aircraft crash sites",
      "Interview local witnesses",
      "Excavate the recommended site",
      "Repatriate any remains found",
    ],
  },
  {
    subject: "Archival research",
    summary: "Joint research in wartime archives on U.S. aircraft losses and missing personnel.",
    kinds: [EngagementKind.WORKING_GROUP, EngagementKind.OTHER],
    series: "POW_MIA",
    organizations: [
      "powMiaAccountingAgency",
      "cmcInternationalCooperation",
      "defenseAttacheBeijing",
      "ministryOfNationalDefense",
    ],
    objectives: [
      "Review wartime loss records",
      "Match archival records to case files",
      "Identify witness leads for site surveys",
    ],
  },
  {
    subject: "Disaster relief",
    summary: "Army-to-army exchange on humanitarian assistance and disaster relief.",
    kinds: [EngagementKind.EXERCISE, EngagementKind.WORKING_GROUP],
    series: "DME",
    organizations: ["plaGroundForce", "armyPacific", "indoPacificCommand"],
    objectives: [
      "Practice coordination of relief supplies",
      "Compare procedures for foreign military assistance after a disaster",
      "Exchange lessons on medical evacuation",
    ],
  },
  {
    subject: "Search and rescue",
    summary: "Ship-to-ship exercise in communications and search and rescue at sea.",
    kinds: [EngagementKind.EXERCISE],
    organizations: ["plaNavy", "pacificFleet"],
    objectives: [
      "Practice the Code for Unplanned Encounters at Sea",
      "Exercise search-and-rescue coordination between ships",
    ],
  },
  {
    subject: "Theater commanders",
    summary: "Meeting between theater-level commanders on operational safety.",
    kinds: [EngagementKind.HIGH_LEVEL_VISIT, EngagementKind.DIALOGUE],
    organizations: ["southernTheater", "indoPacificCommand", "defenseAttacheBeijing"],
    objectives: [
      "Discuss operational safety in the South China Sea",
      "Establish a regular channel between theater commanders",
    ],
  },
  {
    subject: "Military medicine",
    summary: "Exchange between military medical services on field medicine and epidemic response.",
    kinds: [EngagementKind.OTHER, EngagementKind.WORKING_GROUP, EngagementKind.HIGH_LEVEL_VISIT],
    organizations: ["plaGroundForce", "armyPacific", "ministryOfNationalDefense", "indoPacificCommand"],
    objectives: [
      "Compare field medicine practices",
      "Exchange lessons on epidemic response",
      "Agree a programme of medical staff visits",
    ],
  },
];

export const venues: { city: string; region: string | null; country: string }[] = [
  { city: "Beijing", region: "Beijing", country: "CN" },
  { city: "Shanghai", region: "Shanghai", country: "CN" },
  { city: "Qingdao", region: "Shandong Province", country: "CN" },
  { city: "Guangzhou", region: "Guangdong Province", country: "CN" },
  { city: "Zhanjiang", region: "Guangdong Province", country: "CN" },
  { city: "Nanjing", region: "Jiangsu Province", country: "CN" },
  { city: "Ningbo", region: "Zhejiang Province", country: "CN" },
  { city: "Guilin", region: "Guangxi Zhuang Autonomous Region", country: "CN" },
  { city: "Liuzhou", region: "Guangxi Zhuang Autonomous Region", country: "CN" },
  { city: "Zhijiang", region: "Hunan Province", country: "CN" },
  { city: "Hengyang", region: "Hunan Province", country: "CN" },
  { city: "Kunming", region: "Yunnan Province", country: "CN" },
  { city: "Chengdu", region: "Sichuan Province", country: "CN" },
  { city: "Sanya", region: "Hainan Province", country: "CN" },
  { city: "Washington, D.C.", region: "District of Columbia", country: "US" },
  { city: "Honolulu", region: "Hawaii", country: "US" },
  { city: "San Diego", region: "California", country: "US" },
  { city: "Portland", region: "Oregon", country: "US" },
  { city: "Norfolk", region: "Virginia", country: "US" },
  { city: "Tacoma", region: "Washington", country: "US" },
  { city: "Anchorage", region: "Alaska", country: "US" },
  // Sidelines of multilateral meetings.
  { city: "Singapore", region: null, country: "SG" },
  { city: "Kuala Lumpur", region: "Federal Territory of Kuala Lumpur", country: "MY" },
  { city: "Vientiane", region: "Vientiane Prefecture", country: "LA" },
  { city: "Bangkok", region: "Bangkok", country: "TH" },
  { city: "Geneva", region: "Canton of Geneva", country: "CH" },
];

export const venuesInChina = venues.filter((venue) => venue.country === "CN");

export const kindLabels: Record<EngagementKind, string> = {
  DIALOGUE: "talks",
  CONSULTATION: "consultations",
  HUMANITARIAN_MISSION: "recovery mission",
  SITE_SURVEY: "site survey",
  HIGH_LEVEL_VISIT: "delegation visit",
  EXERCISE: "exercise",
  WORKING_GROUP: "working group",
  OTHER: "exchange",
};

export const durationDays: Record<EngagementKind, [number, number]> = {
  DIALOGUE: [1, 3],
  CONSULTATION: [2, 3],
  HUMANITARIAN_MISSION: [14, 45],
  SITE_SURVEY: [5, 15],
  HIGH_LEVEL_VISIT: [2, 4],
  EXERCISE: [3, 7],
  WORKING_GROUP: [1, 5],
  OTHER: [1, 5],
};

export const milestoneTitles = [
  "Concept agreed",
  "Agenda agreed",
  "Delegation lists exchanged",
  "Visas issued",
  "Venue confirmed",
  "Papers circulated",
  "Interpreters booked",
];

export const reasons: Record<EngagementStatus, string[]> = {
  PROPOSED: [
    "Proposed through the defense attaché channel.",
    "Proposed at the previous round.",
    "Proposed by the host side.",
  ],
  PLANNED: ["Dates agreed in principle.", "Venue and dates agreed."],
  CONFIRMED: ["Delegation lists exchanged.", "Programme confirmed by both sides."],
  IN_PROGRESS: ["Opened as planned."],
  COMPLETED: ["Concluded; read-outs issued.", "Concluded as planned."],
  POSTPONED: [
    "Postponed at the host side's request.",
    "Postponed: principals unavailable on the planned dates.",
    "Postponed pending agreement on the agenda.",
  ],
  CANCELLED: [
    "Cancelled: no agreement on the agenda.",
    "Cancelled at the visiting side's request.",
    "Cancelled after the dates lapsed without confirmation.",
  ],
};

export const resumedReason = "Back on the original dates.";

export const outcomes = [
  "Both sides described the discussions as candid and constructive and agreed to meet again.",
  "Agreed minutes signed; follow-up actions assigned to the working level.",
  "Concluded as planned; the two sides exchanged papers and agreed the next steps.",
];
