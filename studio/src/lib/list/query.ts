import { fieldOf } from "../definition/fields";
import type { EntityDef, ListView } from "../types";
import { currentSort, sortParam } from "./columns";

/** Parameters of a list's address that are not filters. */
export const reservedParams = new Set([
  "view",
  "sort",
  "q",
  "cursor",
  "trail",
  "limit",
  "add_field",
  "add_op",
  "add_value",
]);

/** A filter the user added, as it stands in the address: `region.eq=east`. */
export interface FilterParam {
  /** The parameter's name: `region.eq`, or `region` for equals. */
  key: string;
  field: string;
  op: string;
  value: string;
}

/**
 * The filters a list's address holds, in the API's list query language.
 *
 * @example
 * filterParams(new URLSearchParams("view=all&region=east&amount.gte=5")); // [{ key: "region", field: "region", op: "eq", value: "east" }, { key: "amount.gte", … }]
 */
export function filterParams(params: URLSearchParams): FilterParam[] {
  return [...params]
    .filter(([key]) => !reservedParams.has(key))
    .map(([key, value]) => {
      const dot = key.lastIndexOf(".");
      return dot > 0
        ? { key, field: key.slice(0, dot), op: key.slice(dot + 1), value }
        : { key, field: key, op: "eq", value };
    });
}

/**
 * A list view's own filters as API parameters: `is_current_user` becomes
 * the user's id (`contains` on a field of several people), lists are
 * comma-separated, `empty` and `not_empty` take `true`.
 *
 * @example
 * viewFilterParams(activity, myActivities, userId); // [["owner.eq", "0b9c…"]]
 */
export function viewFilterParams(entity: EntityDef, view: ListView, userId: string): Array<[string, string]> {
  return (view.filters ?? []).map((filter): [string, string] => {
    if (filter.op === "is_current_user")
      return [`${filter.field}.${fieldOf(entity, filter.field)?.multiple ? "contains" : "eq"}`, userId];
    if (filter.op === "empty" || filter.op === "not_empty") return [`${filter.field}.${filter.op}`, "true"];
    const value = Array.isArray(filter.value) ? filter.value.join(",") : String(filter.value);
    return [`${filter.field}.${filter.op}`, value];
  });
}

/**
 * The API's query for what a list shows: the view's filters, the user's,
 * the sort, the search (2 characters at least), and for a page, the cursor
 * and the view's page size; without paging, for an export.
 *
 * @example
 * apiListParams(customer, view, url.searchParams, userId, { paging: true }).toString();
 * // "owner.eq=0b9c…&region=east&sort=-updated_at&limit=50"
 */
export function apiListParams(
  entity: EntityDef,
  view: ListView,
  params: URLSearchParams,
  userId: string,
  options: { paging: boolean },
): URLSearchParams {
  const query = new URLSearchParams(viewFilterParams(entity, view, userId));
  for (const filter of filterParams(params)) query.append(filter.key, filter.value);
  const sort = currentSort(params, view);
  if (sort.length > 0) query.set("sort", sortParam(sort));
  const q = params.get("q")?.trim();
  if (q && q.length >= 2) query.set("q", q);
  if (options.paging) {
    const cursor = params.get("cursor");
    if (cursor) query.set("cursor", cursor);
    query.set("limit", String(view.pageSize ?? 50));
  }
  return query;
}

/**
 * What a saved filter keeps of a list's address: the user's filters, the
 * sort they chose and the search; not the view (kept apart) nor the page.
 *
 * @example
 * savedQuery(new URLSearchParams("view=all&region=east&cursor=abc&q=han")); // "region=east&q=han"
 */
export function savedQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams(filterParams(params).map((f): [string, string] => [f.key, f.value]));
  for (const name of ["sort", "q"]) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  return kept.toString();
}

/**
 * A list's address with some parameters changed (`null` removes one), back
 * on its first page.
 *
 * @example
 * listHref(url, { sort: "-name" }); // "/customer?view=all&sort=-name"
 */
export function listHref(url: URL, changes: Record<string, string | null>, options: { keepPage?: boolean } = {}) {
  const params = new URLSearchParams(url.searchParams);
  if (!options.keepPage) for (const name of ["cursor", "trail"]) params.delete(name);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}
