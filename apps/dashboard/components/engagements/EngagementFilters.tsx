import { graphql } from "@engagement-tracker/schema";
import Form from "next/form";
import Link from "next/link";
import type { Formatter } from "../../lib/format";
import { HEALTH_LABELS, HEALTHS, KIND_LABELS, KINDS, STATUS_LABELS, STATUSES } from "../../lib/labels";
import {
  DEFAULT_LIST_VIEW,
  hasFilters,
  PAGE_SIZES,
  SORT_PARAMS,
  withoutFilters,
  type ListScope,
  type ListView,
} from "../../lib/list-view";
import type { ApiResult } from "../../lib/api";
import { engagementsHref } from "../../lib/routes";
import { sharedQuery } from "../../lib/shared-reads";
import { AutoApply } from "./AutoApply";
import { Disclosure } from "./Disclosure";
import styles from "./EngagementFilters.module.css";

const SCOPE_LABELS: Record<ListScope, string> = {
  upcoming: "Upcoming and in progress",
  all: "All engagements",
  archived: "Archived",
};

export interface FilterOptions {
  series: readonly { id: string; name: string; shortName: string }[];
  countries: readonly string[];
  people: readonly { id: string; name: string }[];
}

const FilterOptionsQuery = graphql(`
  query EngagementFilterOptions {
    series {
      id
      name
      shortName
    }
    organizations {
      country
    }
    assignableUsers {
      id
      name
    }
  }
`);

/** The series and countries to offer, read once for every page that shows the filters. */
export async function readFilterOptions(): Promise<ApiResult<FilterOptions>> {
  const result = await sharedQuery(FilterOptionsQuery);
  if (!result.ok) return result;
  return {
    ok: true,
    data: {
      series: result.data.series,
      countries: [...new Set(result.data.organizations.map((organization) => organization.country))],
      people: result.data.assignableUsers,
    },
  };
}

/**
 * Another page filtering engagements as the table does (the calendar): where the form leads,
 * what the URL leaves out, what else it keeps (hidden fields) and where "Clear filters" goes.
 * Such a page has no order or page size to choose.
 */
export interface FilteredPage {
  action: string;
  defaults: ListView;
  keep: Record<string, string>;
  clearHref: string;
}

/**
 * The table's filters as a GET form: submitting it puts the view in the URL. With JavaScript,
 * each change applies at once (`AutoApply`) and next/form navigates without a full reload;
 * without it, the Apply button submits and the browser does the same by itself.
 */
export function EngagementFilters({
  view,
  options,
  format,
  page,
}: {
  view: ListView;
  options: FilterOptions;
  format: Formatter;
  /** Unset for the engagements table itself. */
  page?: FilteredPage;
}) {
  const defaults = page?.defaults ?? DEFAULT_LIST_VIEW;
  const moreFiltersActive =
    view.statuses.length +
      view.kinds.length +
      view.health.length +
      view.seriesIds.length +
      view.countries.length +
      view.ownerIds.length >
      0 || Boolean(view.region || view.from || view.to);
  const countries = [...new Set([...options.countries, ...view.countries])].sort();
  return (
    <Form action={page?.action ?? "/engagements"} className={`card ${styles.form}`} aria-label="Filter engagements">
      <AutoApply />
      {Object.entries(page?.keep ?? {}).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <fieldset className={styles.scope}>
        <legend className="visually-hidden">Show</legend>
        {(Object.keys(SCOPE_LABELS) as ListScope[]).map((scope) => (
          <label key={scope} className={styles.scopeOption}>
            <input
              type="radio"
              name="show"
              // The default is left out of the URL, as every default is.
              value={scope === defaults.show ? "" : scope}
              defaultChecked={view.show === scope}
            />
            {SCOPE_LABELS[scope]}
          </label>
        ))}
      </fieldset>
      <div className={styles.searchRow}>
        <div className={`field ${styles.search}`}>
          <label htmlFor="filter-search">Search</label>
          <input
            id="filter-search"
            type="search"
            name="q"
            defaultValue={view.search}
            placeholder="Title, summary or place"
          />
        </div>
        <label className={`check ${styles.mine}`}>
          <input type="checkbox" name="mine" value="1" defaultChecked={view.mine} />
          Mine
        </label>
        {page ? null : (
          <>
            <div className="field">
              <label htmlFor="filter-sort">Sort by</label>
              <select id="filter-sort" name="sort" defaultValue={SORT_PARAMS[view.sort]}>
                <option value={SORT_PARAMS.START_DATE}>Start date</option>
                <option value={SORT_PARAMS.UPDATED_AT}>Last updated</option>
                <option value={SORT_PARAMS.TITLE}>Title</option>
                <option value={SORT_PARAMS.STATUS}>Status</option>
                <option value={SORT_PARAMS.HEALTH}>Health</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-direction">Order</label>
              <select id="filter-direction" name="dir" defaultValue={view.direction === "DESC" ? "desc" : "asc"}>
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-size">Per page</label>
              <select id="filter-size" name="size" defaultValue={String(view.pageSize)}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
      <Disclosure summary="More filters" className={styles.more} initiallyOpen={moreFiltersActive}>
        <div className={styles.grid}>
          <CheckboxGroup
            legend="Status"
            name="status"
            selected={view.statuses}
            labels={STATUS_LABELS}
            items={STATUSES}
          />
          <CheckboxGroup legend="Health" name="health" selected={view.health} labels={HEALTH_LABELS} items={HEALTHS} />
          <CheckboxGroup
            legend="Owner"
            name="owner"
            selected={view.ownerIds}
            labels={Object.fromEntries(options.people.map((person) => [person.id, person.name]))}
            items={options.people.map((person) => person.id)}
          />
          <CheckboxGroup legend="Kind" name="kind" selected={view.kinds} labels={KIND_LABELS} items={KINDS} />
          <CheckboxGroup
            legend="Series"
            name="series"
            selected={view.seriesIds}
            labels={Object.fromEntries(options.series.map((series) => [series.id, series.shortName]))}
            items={options.series.map((series) => series.id)}
          />
          <CheckboxGroup
            legend="Country"
            name="country"
            selected={view.countries}
            labels={Object.fromEntries(countries.map((code) => [code, format.country(code)]))}
            items={countries}
          />
          <div className={styles.fieldsColumn}>
            <div className="field">
              <label htmlFor="filter-region">Region</label>
              <input id="filter-region" type="text" name="region" defaultValue={view.region} />
            </div>
            <div className={styles.dates}>
              <div className="field">
                <label htmlFor="filter-from">Between</label>
                <input id="filter-from" type="date" name="from" defaultValue={view.from} />
              </div>
              <div className="field">
                <label htmlFor="filter-to">and</label>
                <input id="filter-to" type="date" name="to" defaultValue={view.to} />
              </div>
            </div>
            <span className="field-hint">Engagements whose planned window overlaps these dates.</span>
          </div>
        </div>
      </Disclosure>
      <div className={styles.buttons}>
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        {hasFilters(view, defaults) ? (
          <Link href={page?.clearHref ?? engagementsHref(withoutFilters(view))} className="button">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function CheckboxGroup<Value extends string>({
  legend,
  name,
  items,
  labels,
  selected,
}: {
  legend: string;
  name: string;
  items: readonly Value[];
  labels: Record<Value, string>;
  selected: readonly string[];
}) {
  if (items.length === 0) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className={styles.checks}>
        {items.map((item) => (
          <label key={item} className="check">
            <input type="checkbox" name={name} value={item} defaultChecked={selected.includes(item)} />
            {labels[item]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
