import { healthIssueTexts } from "../../components/HealthIssues";
import { toCsv } from "../../lib/csv";
import { attachment, engagementsToExport, exportFailure, readerOrigin } from "../../lib/export";
import { HEALTH_LABELS, KIND_LABELS, PARTICIPATION_ROLE_LABELS, STATUS_LABELS } from "../../lib/labels";
import { getFormatter } from "../../lib/reader";
import { engagementHref } from "../../lib/routes";

export const dynamic = "force-dynamic";

const HEADER = [
  "Title",
  "Kind",
  "Series",
  "Round",
  "Status",
  "Health",
  "Why flagged",
  "First day",
  "Last day",
  "Location",
  "Region",
  "Country",
  "Host country",
  "Participants",
  "Last updated",
  "Link",
];

/** The engagements table's current view (same filters and order, every page) as CSV. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const origin = readerOrigin(request);
  const [result, format] = await Promise.all([engagementsToExport(url), getFormatter()]);
  if (!result.ok) return exportFailure(result.problem);
  const rows = result.engagements.map((engagement) => [
    engagement.title,
    KIND_LABELS[engagement.kind],
    engagement.series?.shortName ?? "",
    engagement.round?.toString() ?? "",
    STATUS_LABELS[engagement.status],
    HEALTH_LABELS[engagement.health],
    healthIssueTexts(engagement, format).join(" "),
    engagement.startsOn,
    engagement.endsOn,
    engagement.location.name,
    engagement.location.region ?? "",
    engagement.location.country,
    engagement.hostCountry,
    engagement.participants
      .map((participant) => `${participant.organization.name} (${PARTICIPATION_ROLE_LABELS[participant.role]})`)
      .join("; "),
    engagement.updatedAt,
    new URL(engagementHref(engagement.id), origin).href,
  ]);
  return attachment(toCsv(HEADER, rows), "text/csv; charset=utf-8", "csv");
}
