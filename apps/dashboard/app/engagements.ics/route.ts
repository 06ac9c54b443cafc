import { healthIssueTexts } from "../../components/HealthIssues";
import { attachment, engagementsToExport, exportFailure, readerOrigin } from "../../lib/export";
import { EVENT_STATUS, toICalendar, type CalendarEvent } from "@engagement-tracker/schema/ics";
import { HEALTH_LABELS, KIND_LABELS, STATUS_LABELS } from "../../lib/labels";
import { placeOf } from "../../lib/location";
import { getFormatter } from "../../lib/reader";
import { engagementHref } from "../../lib/routes";

export const dynamic = "force-dynamic";

/** The engagements table's current view as an iCalendar feed of all-day events. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const origin = readerOrigin(request);
  const [result, format] = await Promise.all([engagementsToExport(url), getFormatter()]);
  if (!result.ok) return exportFailure(result.problem);
  const events = result.engagements.map((engagement): CalendarEvent => {
    const link = new URL(engagementHref(engagement.id), origin).href;
    return {
      uid: `${engagement.id}@engagement-tracker`,
      title: engagement.title,
      firstDay: engagement.startsOn,
      lastDay: engagement.endsOn,
      location: placeOf(engagement.location, format),
      description: [
        `Status: ${STATUS_LABELS[engagement.status]} · Health: ${HEALTH_LABELS[engagement.health]}`,
        ...healthIssueTexts(engagement, format),
        engagement.summary ?? "",
        link,
      ]
        .filter(Boolean)
        .join("\n\n"),
      url: link,
      status: EVENT_STATUS[engagement.status],
      categories: KIND_LABELS[engagement.kind],
      sequence: engagement.version,
      lastModified: engagement.updatedAt,
    };
  });
  return attachment(toICalendar("Engagements", events), "text/calendar; charset=utf-8", "ics");
}
