import { EngagementKind, EngagementStatus, ParticipationRole } from "../../generated/prisma/client.ts";
import type { OrganizationKey, SeriesKey, UserKey } from "./reference-data.ts";

export interface DemoEngagement {
  /** Natural key: the seed skips an engagement whose title already exists. */
  title: string;
  /**
   * A past event kept at its real dates (the brief's 17th talks in January 2024, earlier rounds).
   * Every other engagement is written as seen from DEMO_CALENDAR_DAY and moves with the day the seed runs.
   */
  fixedDates?: true;
  kind: EngagementKind;
  series?: SeriesKey;
  round?: number;
  /** Calendar dates, `YYYY-MM-DD`. */
  startsOn: string;
  endsOn: string;
  locationName: string;
  region?: string;
  country: string;
  hostCountry: string;
  summary: string;
  objectives: string[];
  outcome?: string;
  participants: { organization: OrganizationKey; role: ParticipationRole }[];
  milestones: { title: string; dueOn: string; completedAt?: string; note?: string }[];
  /** The responsible desk officer; the one who opened it when not given. */
  owner?: UserKey;
  coOwners?: UserKey[];
  /** The thread, oldest first, written after the last status move. */
  comments?: { by: UserKey; at: string; body: string; mentions?: UserKey[] }[];
  /** In order; the engagement's status and version follow from it. */
  history: { to: EngagementStatus; at: string; by: UserKey; reason?: string }[];
}

const { HOST, DELEGATION, OBSERVER, SUPPORT } = ParticipationRole;
const { PROPOSED, PLANNED, CONFIRMED, IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED } = EngagementStatus;

/** The day the demo calendar is written for; the seed moves it to the day it runs. */
export const DEMO_CALENDAR_DAY = "2026-11-29";

/**
 * The engagements from the brief plus their neighbours, written as seen from DEMO_CALENDAR_DAY
 * (the seed shifts all but the `fixedDates` ones to the day it runs). So seen from any day they
 * cover every status and every health: the MMCA meeting is at risk (a milestone slipped), the
 * Disaster Management Exchange is overdue (its window ended while still CONFIRMED), and several
 * engagements start within 30 and 90 days.
 */
export const demoEngagements: DemoEngagement[] = [
  {
    title: "17th China-U.S. Defense Policy Coordination Talks",
    fixedDates: true,
    kind: EngagementKind.DIALOGUE,
    series: "DPCT",
    round: 17,
    startsOn: "2024-01-08",
    endsOn: "2024-01-09",
    locationName: "Washington, D.C.",
    region: "District of Columbia",
    country: "US",
    hostCountry: "US",
    summary:
      "The first policy talks since the dialogue was suspended in August 2022, held in the year of the 45th " +
      "anniversary of diplomatic relations. The two sides discussed their defense policies and the calendar of " +
      "military-to-military engagements for 2024.",
    objectives: [
      "Resume policy-level dialogue on the basis of equality and respect",
      "Implement the consensus reached by the two heads of state on military-to-military relations",
      "Agree the 2024 calendar of dialogues and consultations",
      "Raise maritime and air safety and crisis communication",
    ],
    outcome:
      "Both sides described the talks as candid and constructive. They agreed to convene the MMCA working group " +
      "in the spring, to resume theater-commander calls and to continue cooperation on accounting for U.S. " +
      "personnel missing in China since the Second World War.",
    participants: [
      { organization: "secretaryOfDefense", role: HOST },
      { organization: "cmcInternationalCooperation", role: DELEGATION },
      { organization: "indoPacificCommand", role: SUPPORT },
    ],
    milestones: [
      { title: "Agenda agreed", dueOn: "2023-12-15", completedAt: "2023-12-14T20:00:00Z" },
      { title: "Delegation lists exchanged", dueOn: "2023-12-20", completedAt: "2023-12-19T22:15:00Z" },
      { title: "Talking points cleared", dueOn: "2024-01-05", completedAt: "2024-01-04T23:00:00Z" },
      { title: "Read-out agreed with the Chinese side", dueOn: "2024-01-10", completedAt: "2024-01-10T18:20:00Z" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2023-11-20T15:30:00Z",
        by: "mercer",
        reason: "The heads of state agreed on November 15 to resume military-to-military communication.",
      },
      {
        to: PLANNED,
        at: "2023-12-05T19:10:00Z",
        by: "mercer",
        reason: "January 8–9 agreed through the defense attaché channel.",
      },
      {
        to: CONFIRMED,
        at: "2023-12-21T16:45:00Z",
        by: "mercer",
        reason: "Delegation lists exchanged; the Chinese delegation is led by the deputy director of the CMC OIMC.",
      },
      { to: IN_PROGRESS, at: "2024-01-08T14:00:00Z", by: "mercer", reason: "Talks opened." },
      {
        to: COMPLETED,
        at: "2024-01-09T21:30:00Z",
        by: "mercer",
        reason: "Talks concluded; both sides issued read-outs.",
      },
    ],
  },
  {
    title: "MMCA working group meeting, Honolulu (April 2024)",
    fixedDates: true,
    kind: EngagementKind.CONSULTATION,
    series: "MMCA",
    startsOn: "2024-04-03",
    endsOn: "2024-04-04",
    locationName: "Honolulu",
    region: "Hawaii",
    country: "US",
    hostCountry: "US",
    summary:
      "Working-group session under the Military Maritime Consultative Agreement, reviewing air and maritime " +
      "encounters between the two militaries in the Indo-Pacific.",
    objectives: [
      "Review unsafe air and maritime encounters since the last session",
      "Reaffirm the rules of behavior for safety of air and maritime encounters",
      "Discuss communication procedures between ships and aircraft at sea",
    ],
    outcome:
      "Candid, in-depth discussion of specific encounters. Both sides agreed that operational safety serves their " +
      "shared interest and that the next working group would meet in China.",
    participants: [
      { organization: "indoPacificCommand", role: HOST },
      { organization: "pacificFleet", role: SUPPORT },
      { organization: "pacificAirForces", role: SUPPORT },
      { organization: "plaNavy", role: DELEGATION },
      { organization: "plaAirForce", role: DELEGATION },
    ],
    milestones: [
      { title: "Agenda agreed", dueOn: "2024-03-08", completedAt: "2024-03-07T22:00:00Z" },
      { title: "Delegation lists exchanged", dueOn: "2024-03-15", completedAt: "2024-03-15T20:00:00Z" },
      { title: "Encounter case summaries exchanged", dueOn: "2024-03-27", completedAt: "2024-03-26T03:00:00Z" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2024-01-12T02:00:00Z",
        by: "castillo",
        reason: "Agreed in principle at the Defense Policy Coordination Talks.",
      },
      { to: PLANNED, at: "2024-02-06T21:30:00Z", by: "castillo", reason: "April 3–4 in Honolulu agreed." },
      { to: CONFIRMED, at: "2024-03-15T23:10:00Z", by: "castillo", reason: "PLA delegation list received." },
      { to: IN_PROGRESS, at: "2024-04-03T18:30:00Z", by: "castillo" },
      { to: COMPLETED, at: "2024-04-05T02:15:00Z", by: "castillo", reason: "Working group concluded." },
    ],
  },
  {
    title: "MMCA working group meeting, Shanghai (April 2025)",
    fixedDates: true,
    kind: EngagementKind.CONSULTATION,
    series: "MMCA",
    startsOn: "2025-04-02",
    endsOn: "2025-04-03",
    locationName: "Shanghai",
    region: "Shanghai",
    country: "CN",
    hostCountry: "CN",
    summary:
      "Working-group session hosted by the PLA Navy, following up the Honolulu session on air and maritime " +
      "encounters.",
    objectives: [
      "Review encounters since the Honolulu session",
      "Exchange views on the maritime security situation",
      "Commission papers on communications at sea for the next MMCA meeting",
    ],
    outcome:
      "Reviewed encounters since the Honolulu session and exchanged views on the maritime security situation. " +
      "Both sides will prepare papers on communications between units at sea for the next MMCA meeting.",
    participants: [
      { organization: "plaNavy", role: HOST },
      { organization: "plaAirForce", role: SUPPORT },
      { organization: "indoPacificCommand", role: DELEGATION },
      { organization: "pacificFleet", role: DELEGATION },
      { organization: "pacificAirForces", role: DELEGATION },
    ],
    milestones: [
      { title: "Agenda agreed", dueOn: "2025-02-28", completedAt: "2025-02-27T03:00:00Z" },
      { title: "Delegation lists exchanged", dueOn: "2025-03-05", completedAt: "2025-03-05T22:00:00Z" },
      { title: "Visas issued", dueOn: "2025-03-20", completedAt: "2025-03-18T00:30:00Z" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2024-04-05T02:30:00Z",
        by: "castillo",
        reason: "Agreed at the close of the Honolulu working group to meet next in China.",
      },
      {
        to: PLANNED,
        at: "2024-12-10T20:00:00Z",
        by: "castillo",
        reason: "The Chinese side proposed Shanghai on April 2–3.",
      },
      {
        to: POSTPONED,
        at: "2025-01-21T19:30:00Z",
        by: "castillo",
        reason: "On hold pending review by the incoming administration; the dates are held if confirmed by March.",
      },
      {
        to: CONFIRMED,
        at: "2025-03-06T01:40:00Z",
        by: "castillo",
        reason: "Participation approved; the original dates confirmed with the Chinese side.",
      },
      { to: IN_PROGRESS, at: "2025-04-02T01:00:00Z", by: "castillo" },
      {
        to: COMPLETED,
        at: "2025-04-03T09:30:00Z",
        by: "castillo",
        reason: "Working group concluded; minutes signed.",
      },
    ],
  },
  {
    title: "Military Maritime Consultative Agreement meeting, Honolulu",
    owner: "editor",
    coOwners: ["castillo"],
    kind: EngagementKind.CONSULTATION,
    series: "MMCA",
    startsOn: "2026-12-15",
    endsOn: "2026-12-17",
    locationName: "Honolulu",
    region: "Hawaii",
    country: "US",
    hostCountry: "US",
    summary:
      "Annual meeting under the Military Maritime Consultative Agreement, hosted by U.S. Indo-Pacific Command. The " +
      "PLA Navy and PLA Air Force delegations review encounters since the Shanghai working group and discuss the " +
      "papers on communications at sea it commissioned.",
    objectives: [
      "Review air and maritime encounters since April 2025",
      "Discuss the working-group papers on communications at sea",
      "Update the rules of behavior for safety of air and maritime encounters",
      "Agree the 2027 working-group calendar",
    ],
    participants: [
      { organization: "indoPacificCommand", role: HOST },
      { organization: "pacificFleet", role: SUPPORT },
      { organization: "pacificAirForces", role: SUPPORT },
      { organization: "plaNavy", role: DELEGATION },
      { organization: "plaAirForce", role: DELEGATION },
    ],
    milestones: [
      { title: "Agenda agreed", dueOn: "2026-10-30", completedAt: "2026-10-29T01:15:00Z" },
      { title: "Delegation lists exchanged", dueOn: "2026-11-13", completedAt: "2026-11-13T19:30:00Z" },
      {
        title: "Venue and security arrangements confirmed",
        dueOn: "2026-11-20",
        completedAt: "2026-11-19T21:30:00Z",
      },
      {
        title: "Working-group papers circulated",
        dueOn: "2026-11-25",
        note: "The PLA Navy's paper on unplanned encounters at sea is still awaited.",
      },
      { title: "Interpretation and translated papers ready", dueOn: "2026-12-08" },
      { title: "Joint minutes drafted", dueOn: "2026-12-17" },
    ],
    comments: [
      {
        by: "viewer",
        at: "2026-11-23T14:05:00Z",
        body:
          "Has the PLA Navy said who heads its delegation? The front office wants the name before the " +
          "pre-brief on the 10th.",
        mentions: ["editor"],
      },
      {
        by: "editor",
        at: "2026-11-23T16:30:00Z",
        body:
          "Rear Admiral level, per the attaché's cable of Nov 19; the name is expected this week.\n" +
          "Read-ahead on last year's meeting: https://www.defense.gov/News/Releases/",
      },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-08-11T20:00:00Z",
        by: "castillo",
        reason: "U.S. Indo-Pacific Command invited the PLA Navy to Honolulu for the annual meeting.",
      },
      {
        to: PLANNED,
        at: "2026-09-15T02:30:00Z",
        by: "castillo",
        reason: "December 15–17 agreed in principle through the defense attaché channel.",
      },
      {
        to: CONFIRMED,
        at: "2026-11-19T21:40:00Z",
        by: "castillo",
        reason: "The PLA Navy confirmed attendance and named its head of delegation.",
      },
    ],
  },
  {
    title: "Joint site survey for missing WWII U.S. personnel, Guangxi Zhuang Autonomous Region",
    coOwners: ["editor"],
    kind: EngagementKind.SITE_SURVEY,
    series: "POW_MIA",
    startsOn: "2027-01-05",
    endsOn: "2027-01-12",
    locationName: "Guilin and Liuzhou",
    region: "Guangxi Zhuang Autonomous Region",
    country: "CN",
    hostCountry: "CN",
    summary:
      "A DPAA team, facilitated by the Chinese side, surveys suspected crash sites of U.S. aircraft lost near the " +
      "wartime airfields at Guilin and Liuzhou, interviews witnesses and assesses whether recovery is feasible. " +
      "First leg of the January 5–19 surveys.",
    objectives: [
      "Survey suspected crash sites near the wartime airfields at Guilin and Liuzhou",
      "Interview local witnesses and review county records",
      "Assess which sites warrant a recovery mission",
      "Agree arrangements for handling any remains found",
    ],
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "guangxiMilitaryDistrict", role: SUPPORT },
      { organization: "powMiaAccountingAgency", role: DELEGATION },
      { organization: "defenseAttacheBeijing", role: SUPPORT },
    ],
    milestones: [
      {
        title: "Case files and site leads shared with the Chinese side",
        dueOn: "2026-10-15",
        completedAt: "2026-10-14T13:00:00Z",
      },
      { title: "Survey sites and itinerary agreed", dueOn: "2026-11-20", completedAt: "2026-11-27T14:50:00Z" },
      { title: "Team visas issued", dueOn: "2026-12-11" },
      { title: "Survey equipment cleared through customs", dueOn: "2026-12-18" },
      { title: "Survey report shared with the Chinese side", dueOn: "2027-02-12" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-06-23T14:00:00Z",
        by: "pierce",
        reason: "Archival research narrowed down crash sites in Guangxi and Hunan.",
      },
      {
        to: PLANNED,
        at: "2026-09-09T13:20:00Z",
        by: "pierce",
        reason: "The Chinese side agreed in principle to facilitate surveys in Guangxi and Hunan from January 5 to 19.",
      },
      {
        to: CONFIRMED,
        at: "2026-11-27T15:05:00Z",
        by: "pierce",
        reason: "Itinerary and team composition accepted by the Chinese side.",
      },
    ],
  },
  {
    title: "Joint site survey for missing WWII U.S. personnel, Hunan Province",
    kind: EngagementKind.SITE_SURVEY,
    series: "POW_MIA",
    startsOn: "2027-01-13",
    endsOn: "2027-01-19",
    locationName: "Zhijiang and Hengyang",
    region: "Hunan Province",
    country: "CN",
    hostCountry: "CN",
    summary:
      "Second leg of the January 5–19 surveys: the DPAA team moves on from Guangxi to Hunan, where U.S. aircraft " +
      "flying from Zhijiang and Hengyang were lost in 1944–45.",
    objectives: [
      "Survey suspected crash sites around Zhijiang and Hengyang",
      "Interview witnesses identified by the local authorities",
      "Assess which sites warrant a recovery mission",
    ],
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "hunanMilitaryDistrict", role: SUPPORT },
      { organization: "powMiaAccountingAgency", role: DELEGATION },
    ],
    milestones: [
      {
        title: "Case files and site leads shared with the Chinese side",
        dueOn: "2026-10-15",
        completedAt: "2026-10-14T13:05:00Z",
      },
      { title: "Site access confirmed by the local authorities", dueOn: "2026-12-11" },
      { title: "Team visas issued", dueOn: "2026-12-11" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-06-23T14:05:00Z",
        by: "pierce",
        reason: "Archival research narrowed down crash sites in Guangxi and Hunan.",
      },
      {
        to: PLANNED,
        at: "2026-09-09T13:25:00Z",
        by: "pierce",
        reason: "The Chinese side agreed in principle to facilitate surveys in Guangxi and Hunan from January 5 to 19.",
      },
    ],
  },
  {
    title: "POW/MIA archival research working group, Beijing",
    kind: EngagementKind.WORKING_GROUP,
    series: "POW_MIA",
    startsOn: "2026-11-24",
    endsOn: "2026-12-04",
    locationName: "Beijing",
    region: "Beijing",
    country: "CN",
    hostCountry: "CN",
    summary:
      "DPAA researchers work with Chinese archivists on wartime records of U.S. aircraft losses and of the burial " +
      "of airmen, to prepare the January site surveys in Guangxi and Hunan.",
    objectives: [
      "Review wartime records of U.S. aircraft losses in Guangxi and Hunan",
      "Match the records to DPAA case files",
      "Prepare witness leads for the January surveys",
    ],
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "powMiaAccountingAgency", role: DELEGATION },
      { organization: "defenseAttacheBeijing", role: SUPPORT },
    ],
    milestones: [
      { title: "Research requests sent to the Chinese side", dueOn: "2026-09-30", completedAt: "2026-09-28T14:00:00Z" },
      { title: "Archive access confirmed", dueOn: "2026-10-30", completedAt: "2026-10-30T12:40:00Z" },
      { title: "Findings summarized for the survey teams", dueOn: "2026-12-11" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-07-14T13:30:00Z",
        by: "pierce",
        reason: "Needed to prepare the January site surveys.",
      },
      { to: PLANNED, at: "2026-08-19T14:10:00Z", by: "pierce", reason: "Dates agreed with the Chinese side." },
      {
        to: CONFIRMED,
        at: "2026-10-30T12:45:00Z",
        by: "pierce",
        reason: "Archive access and reading-room schedule confirmed.",
      },
      { to: IN_PROGRESS, at: "2026-11-24T01:30:00Z", by: "pierce", reason: "Research team began work in Beijing." },
    ],
  },
  {
    title: "China-U.S. Disaster Management Exchange, Nanjing",
    kind: EngagementKind.EXERCISE,
    series: "DME",
    startsOn: "2026-11-16",
    endsOn: "2026-11-20",
    locationName: "Nanjing",
    region: "Jiangsu Province",
    country: "CN",
    hostCountry: "CN",
    summary:
      "Army-to-army humanitarian assistance and disaster relief exchange: an expert discussion on flood response " +
      "followed by a tabletop and a field exercise.",
    objectives: [
      "Compare procedures for foreign military assistance after a major flood",
      "Coordinate relief supplies in a joint tabletop exercise",
      "Exchange lessons on medical evacuation",
    ],
    participants: [
      { organization: "plaGroundForce", role: HOST },
      { organization: "armyPacific", role: DELEGATION },
    ],
    milestones: [
      { title: "Exercise scenario agreed", dueOn: "2026-09-25", completedAt: "2026-09-30T20:00:00Z" },
      { title: "Delegation lists exchanged", dueOn: "2026-10-02", completedAt: "2026-10-02T18:20:00Z" },
      { title: "After-action report drafted", dueOn: "2026-11-27" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-04-21T19:00:00Z",
        by: "editor",
        reason: "U.S. Army Pacific proposed resuming the exchange.",
      },
      { to: PLANNED, at: "2026-07-08T20:15:00Z", by: "editor", reason: "Nanjing in mid-November agreed." },
      {
        to: CONFIRMED,
        at: "2026-10-02T18:30:00Z",
        by: "editor",
        reason: "Delegation lists and exercise scenario agreed.",
      },
    ],
  },
  {
    title: "Visit of the Commander, U.S. Indo-Pacific Command, to the PLA Southern Theater Command",
    kind: EngagementKind.HIGH_LEVEL_VISIT,
    startsOn: "2026-12-09",
    endsOn: "2026-12-11",
    locationName: "Guangzhou",
    region: "Guangdong Province",
    country: "CN",
    hostCountry: "CN",
    summary:
      "First in-person meeting of the two theater commanders after their video calls, to discuss operational " +
      "safety in the South China Sea.",
    objectives: [
      "Establish a regular channel between the two theater commanders",
      "Discuss operational safety in the South China Sea",
      "Agree on follow-up theater-level talks",
    ],
    participants: [
      { organization: "southernTheater", role: HOST },
      { organization: "indoPacificCommand", role: DELEGATION },
      { organization: "defenseAttacheBeijing", role: SUPPORT },
    ],
    milestones: [
      { title: "Aircraft diplomatic clearance requested", dueOn: "2026-11-25", completedAt: "2026-11-12T22:00:00Z" },
      { title: "Programme agreed", dueOn: "2026-11-18" },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-08-04T21:00:00Z",
        by: "castillo",
        reason: "Proposed by the Commander, U.S. Indo-Pacific Command, during a theater-commander video call.",
      },
      {
        to: PLANNED,
        at: "2026-09-18T03:10:00Z",
        by: "castillo",
        reason: "December 9–11 in Guangzhou agreed in principle.",
      },
      {
        to: POSTPONED,
        at: "2026-11-20T02:45:00Z",
        by: "castillo",
        reason:
          "Postponed at the Chinese side's request: the theater commander is not available on the planned dates. " +
          "Late February proposed instead; awaiting a reply.",
      },
    ],
  },
  {
    title: "Military crisis communication working group (video teleconference)",
    owner: "editor",
    kind: EngagementKind.WORKING_GROUP,
    startsOn: "2026-12-08",
    endsOn: "2026-12-08",
    locationName: "Washington, D.C. (video teleconference)",
    region: "District of Columbia",
    country: "US",
    hostCountry: "US",
    summary:
      "Working-level video teleconference on procedures for the defense telephone link and other crisis " +
      "communication channels.",
    objectives: [
      "Review use of the defense telephone link since its reactivation",
      "Agree notification procedures for incidents at sea and in the air",
      "Prepare crisis-communication items for the next policy talks",
    ],
    participants: [
      { organization: "secretaryOfDefense", role: HOST },
      { organization: "cmcInternationalCooperation", role: DELEGATION },
      { organization: "indoPacificCommand", role: OBSERVER },
    ],
    milestones: [
      { title: "Agenda agreed", dueOn: "2026-12-01" },
      { title: "Interpreters booked", dueOn: "2026-12-04" },
    ],
    comments: [
      {
        by: "mercer",
        at: "2026-11-28T18:10:00Z",
        body: "Draft agenda sent to the Chinese side through the defense telephone link office. Interpreters next.",
        mentions: ["editor"],
      },
    ],
    history: [
      {
        to: PROPOSED,
        at: "2026-11-10T16:20:00Z",
        by: "mercer",
        reason: "Follow-up to the MMCA discussion of communications at sea.",
      },
      {
        to: PLANNED,
        at: "2026-11-28T15:00:00Z",
        by: "mercer",
        reason: "December 8 suggested to the Chinese side; awaiting confirmation.",
      },
    ],
  },
  {
    title: "Pacific Fleet and PLA Navy search-and-rescue exercise, East China Sea",
    kind: EngagementKind.EXERCISE,
    startsOn: "2026-09-14",
    endsOn: "2026-09-16",
    locationName: "Waters off Zhoushan",
    region: "Zhejiang Province",
    country: "CN",
    hostCountry: "CN",
    summary:
      "Communications and search-and-rescue exercise between a U.S. Navy destroyer and a PLA Navy frigate, " +
      "practicing the Code for Unplanned Encounters at Sea.",
    objectives: [
      "Practice the Code for Unplanned Encounters at Sea",
      "Exercise search-and-rescue coordination between ships",
    ],
    participants: [
      { organization: "plaNavy", role: HOST },
      { organization: "pacificFleet", role: DELEGATION },
    ],
    milestones: [{ title: "Exercise concept agreed", dueOn: "2026-06-12", completedAt: "2026-06-11T01:00:00Z" }],
    history: [
      { to: PROPOSED, at: "2026-04-09T22:00:00Z", by: "castillo", reason: "Proposed by U.S. Pacific Fleet." },
      {
        to: PLANNED,
        at: "2026-06-11T01:30:00Z",
        by: "castillo",
        reason: "Mid-September window agreed in principle.",
      },
      {
        to: CANCELLED,
        at: "2026-08-21T20:10:00Z",
        by: "castillo",
        reason: "The two sides could not agree on the exercise area in time. To be raised again at the MMCA meeting.",
      },
    ],
  },
  {
    title: "18th China-U.S. Defense Policy Coordination Talks",
    kind: EngagementKind.DIALOGUE,
    series: "DPCT",
    round: 18,
    startsOn: "2027-03-16",
    endsOn: "2027-03-17",
    locationName: "Beijing",
    region: "Beijing",
    country: "CN",
    hostCountry: "CN",
    summary: "Next round of the policy talks, which the Chinese side has offered to host in Beijing.",
    objectives: [
      "Review the state of military-to-military relations",
      "Agree the calendar of dialogues and consultations for 2027–2028",
      "Follow up the crisis communication working group",
    ],
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "secretaryOfDefense", role: DELEGATION },
    ],
    milestones: [{ title: "Dates agreed", dueOn: "2027-01-15" }],
    history: [
      {
        to: PROPOSED,
        at: "2026-11-25T14:30:00Z",
        by: "mercer",
        reason: "The Chinese side offered to host the 18th round in Beijing in mid-March.",
      },
    ],
  },
  {
    title: "Recovery mission at a WWII crash site, Guangxi Zhuang Autonomous Region",
    kind: EngagementKind.HUMANITARIAN_MISSION,
    series: "POW_MIA",
    startsOn: "2027-05-10",
    endsOn: "2027-06-11",
    locationName: "Guilin",
    region: "Guangxi Zhuang Autonomous Region",
    country: "CN",
    hostCountry: "CN",
    summary:
      "Excavation of the most promising site identified by the January survey, to recover the remains of the " +
      "aircrew and return them to the United States.",
    objectives: [
      "Excavate the site recommended by the January survey",
      "Recover and repatriate any remains found",
      "Hold a repatriation ceremony with the Chinese side",
    ],
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "guangxiMilitaryDistrict", role: SUPPORT },
      { organization: "powMiaAccountingAgency", role: DELEGATION },
    ],
    milestones: [{ title: "Site selected from the survey results", dueOn: "2027-02-26" }],
    history: [
      {
        to: PROPOSED,
        at: "2026-11-18T15:40:00Z",
        by: "pierce",
        reason: "Proposed by DPAA, subject to the results of the January survey.",
      },
    ],
  },
  {
    title: "DPAA delegation visit to Beijing on accounting cooperation",
    fixedDates: true,
    kind: EngagementKind.HIGH_LEVEL_VISIT,
    series: "POW_MIA",
    startsOn: "2025-06-17",
    endsOn: "2025-06-19",
    locationName: "Beijing",
    region: "Beijing",
    country: "CN",
    hostCountry: "CN",
    summary:
      "The DPAA director led a delegation to Beijing to renew cooperation on accounting for U.S. personnel missing " +
      "in China.",
    objectives: [
      "Renew cooperation on accounting for missing U.S. personnel",
      "Agree a work plan for archival research and field work",
    ],
    outcome:
      "Agreed a 2026–2027 work plan: archival research in Beijing in late 2026, followed by site surveys in Guangxi " +
      "and Hunan in January 2027.",
    participants: [
      { organization: "cmcInternationalCooperation", role: HOST },
      { organization: "ministryOfNationalDefense", role: SUPPORT },
      { organization: "powMiaAccountingAgency", role: DELEGATION },
      { organization: "defenseAttacheBeijing", role: SUPPORT },
    ],
    milestones: [
      { title: "Programme agreed", dueOn: "2025-05-30", completedAt: "2025-05-29T09:00:00Z" },
      { title: "Draft work plan exchanged", dueOn: "2025-06-10", completedAt: "2025-06-09T13:00:00Z" },
    ],
    history: [
      { to: PROPOSED, at: "2025-02-10T15:00:00Z", by: "pierce", reason: "Proposed by DPAA." },
      { to: PLANNED, at: "2025-04-22T13:30:00Z", by: "pierce", reason: "Dates agreed." },
      { to: CONFIRMED, at: "2025-05-30T12:10:00Z", by: "pierce", reason: "Programme and meetings confirmed." },
      { to: IN_PROGRESS, at: "2025-06-17T01:00:00Z", by: "pierce", reason: "Delegation arrived in Beijing." },
      { to: COMPLETED, at: "2025-06-19T10:30:00Z", by: "pierce", reason: "Visit concluded; work plan agreed." },
    ],
  },
];
