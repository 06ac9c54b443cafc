import { calendarSearch, type CalendarView } from "./calendar";
import { listViewSearch, type ListView } from "./list-view";

// Global IDs are base64 and may hold "/" or "+", so they are always encoded into a path.

export function engagementHref(id: string): string {
  return `/engagements/${encodeURIComponent(id)}`;
}

export function editEngagementHref(id: string): string {
  return `${engagementHref(id)}/edit`;
}

export function engagementsHref(view: ListView): string {
  return `/engagements${listViewSearch(view)}`;
}

export function calendarHref(view: CalendarView): string {
  return `/calendar${calendarSearch(view)}`;
}

/** The exports take the same filters as the table, never its paging. */
export function exportHref(format: "csv" | "ics", view: ListView): string {
  return `/engagements.${format}${listViewSearch({ ...view, after: "", before: "" })}`;
}

/** A route's `[id]` segment back to the global ID. */
export function idFromSegment(segment: string): string {
  return decodeURIComponent(segment);
}

export function webhookHref(id: string): string {
  return `/admin/webhooks/${encodeURIComponent(id)}`;
}
