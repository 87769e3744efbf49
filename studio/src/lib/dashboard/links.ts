import { viewFilterParams } from "../list/query";
import type { EntityDef, ListView } from "../types";
import type { ApiParams } from "./requests";

/** One condition of an address, read: `stage.not_in=won,lost` is on `stage`, `not_in`, `["won", "lost"]`. */
interface Condition {
  field: string;
  op: string;
  values: string[];
}

function conditionOf([key, value]: [string, string]): Condition {
  const dot = key.lastIndexOf(".");
  const [field, op] = dot > 0 ? [key.slice(0, dot), key.slice(dot + 1)] : [key, "eq"];
  return { field, op, values: op === "in" || op === "not_in" ? value.split(",") : [value] };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));

/** Whether one condition holds for every record another one selects. */
function implies(known: Condition, wanted: Condition): boolean {
  if (known.field !== wanted.field) return false;
  if (known.op === wanted.op && sameSet(known.values, wanted.values)) return true;
  // The values a known condition leaves possible, where it names them.
  const possible = known.op === "eq" ? known.values : known.op === "in" ? known.values : null;
  switch (wanted.op) {
    case "eq":
      return possible !== null && possible.length === 1 && possible[0] === wanted.values[0];
    case "in":
      return possible !== null && possible.every((v) => wanted.values.includes(v));
    case "ne":
    case "not_in":
      if (possible) return possible.every((v) => !wanted.values.includes(v));
      return (known.op === "ne" || known.op === "not_in") && wanted.values.every((v) => known.values.includes(v));
    case "not_empty":
      return possible !== null || known.op === "not_empty";
    default:
      return false;
  }
}

/**
 * The list view to open a dashboard's selection in: one whose own filters
 * all hold for the selection, the most specific first (the "Won
 * opportunities" tab for the won deals of a bar); none when every view
 * would hide some of the selection.
 *
 * @example
 * viewFor(opportunity, [["stage.eq", "won"], ["owner", "…"]], userId)?.name; // "won_opportunities"
 */
export function viewFor(entity: EntityDef, selection: ApiParams, userId: string): ListView | undefined {
  const known = selection.map(conditionOf);
  const fitting = entity.views.lists.filter((view) =>
    viewFilterParams(entity, view, userId)
      .map(conditionOf)
      .every((wanted) => known.some((k) => implies(k, wanted))),
  );
  return fitting.sort((a, b) => (b.filters?.length ?? 0) - (a.filters?.length ?? 0))[0];
}

/**
 * The address of the list that shows a dashboard's selection: the fitting
 * view, and the selection's conditions besides the view's own; none when no
 * view fits.
 *
 * @example
 * selectionHref(opportunity, [["stage.not_in", "won,lost"], ["stage", "proposal"]], userId);
 * // "/opportunity?view=open_pipeline&stage=proposal"
 */
export function selectionHref(entity: EntityDef, selection: ApiParams, userId: string): string | null {
  const view = viewFor(entity, selection, userId);
  if (!view) return null;
  const own = viewFilterParams(entity, view, userId).map(conditionOf);
  const params = new URLSearchParams({ view: view.name });
  for (const pair of selection) {
    const condition = conditionOf(pair);
    if (!own.some((o) => o.field === condition.field && o.op === condition.op && sameSet(o.values, condition.values)))
      params.append(pair[0], pair[1]);
  }
  return `/${entity.name}?${params}`;
}
