import { graphql, type SavedViewLink_SavedViewFragment } from "@engagement-tracker/schema";
import { listViewOf } from "./list-view";
import { engagementsHref } from "./routes";

/** What a link to a saved view needs: the list it opens is its filter and order. */
export const SavedViewLinkFragment = graphql(`
  fragment SavedViewLink_savedView on SavedView {
    id
    name
    filter {
      statuses
      kinds
      seriesIds
      countries
      region
      health
      search
      from
      to
      upcoming
      archived
      mine
      ownerIds
    }
    orderBy {
      field
      direction
    }
  }
`);

export function savedViewHref(view: SavedViewLink_SavedViewFragment): string {
  return engagementsHref(listViewOf(view.filter, view.orderBy ?? null));
}
