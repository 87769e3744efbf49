import { and, asc, eq } from "drizzle-orm";
import type { Definition } from "../definitions/index.ts";
import { viewsWithDefaults } from "../definitions/default-views.ts";
import { EngineError } from "../errors.ts";
import { entityAccess } from "../permissions/access.ts";
import type { Storage } from "../storage/platform/database.ts";
import { savedFilters } from "../storage/platform/saved-filter-schema.ts";
import { listQueryOf } from "./list-query.ts";

/** A list's filters, sort and search, saved by a user under a name. */
export interface SavedFilter {
  id: string;
  entity: string;
  name: string;
  /** The list view it refines; `null` for the entity's first list. */
  view: string | null;
  /** The list query language as a query string: `region=east&amount.gte=1000&sort=-amount&q=han`. */
  query: string;
  createdAt: string;
  updatedAt: string;
}

/** Who saves, in which workspace and definition. */
export interface SavedFilterOwner {
  workspaceId: string;
  userId: string;
  roles: string[];
  definition: Definition;
}

const columns = {
  id: savedFilters.id,
  entity: savedFilters.entity,
  name: savedFilters.name,
  view: savedFilters.view,
  query: savedFilters.query,
  createdAt: savedFilters.createdAt,
  updatedAt: savedFilters.updatedAt,
};

type Row = { [K in keyof typeof columns]: K extends "createdAt" | "updatedAt" ? Date : SavedFilter[K] };

const shown = (row: Row): SavedFilter => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const invalid = (field: string, message: string) =>
  new EngineError("validation_failed", message, { problems: [{ field, code: "invalid", message }] });

/** Refuses a query that names a field the user may not read, or pages (a saved filter starts at the first page). */
function checkQuery(owner: SavedFilterOwner, entity: string, query: string, view: string | null): void {
  const access = entityAccess(owner.definition, owner.roles, entity);
  if (!access || access.grants.read.length === 0) throw new EngineError("not_found", `no entity "${entity}"`);
  const params = new URLSearchParams(query);
  for (const paging of ["cursor", "limit"])
    if (params.has(paging)) throw invalid("query", `a saved filter has no "${paging}": it starts at the first page`);
  const parsed = listQueryOf(params);
  const named = [...(parsed.filters ?? []), ...(parsed.sort ?? [])].map((f) => f.field);
  if (parsed.search !== undefined) named.push(access.entity.titleField);
  const unknown = named.find((field) => !access.readable.has(field));
  if (unknown) throw invalid("query", `"${entity}" has no field "${unknown}"`);
  const lists = viewsWithDefaults(access.entity, owner.definition.views.get(entity)).lists;
  if (view !== null && !lists.some((l) => l.name === view))
    throw invalid("view", `"${entity}" has no list "${view}"; its lists are ${lists.map((l) => l.name).join(", ")}`);
}

/**
 * A user's saved filters, by entity and name.
 *
 * @example
 * await listSavedFilters(storage, userId, "customer"); // [{ name: "East, active", query: "region=east&status=active", … }]
 */
export async function listSavedFilters(storage: Storage, userId: string, entity?: string): Promise<SavedFilter[]> {
  const rows = await storage.db
    .select(columns)
    .from(savedFilters)
    .where(and(eq(savedFilters.userId, userId), entity ? eq(savedFilters.entity, entity) : undefined))
    .orderBy(asc(savedFilters.entity), asc(savedFilters.name));
  return rows.map(shown);
}

/**
 * Saves a list's query under a name for one user; saving again under the
 * same name (per entity) replaces it. The query must parse and name only
 * fields the user may read.
 *
 * @example
 * await saveFilter(storage, owner, { entity: "customer", name: "East, active", view: null, query: "region=east&status=active" });
 */
export async function saveFilter(
  storage: Storage,
  owner: SavedFilterOwner,
  input: { entity: string; name: string; view: string | null; query: string },
): Promise<{ filter: SavedFilter; created: boolean }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw invalid("name", "a saved filter's name has 1 to 100 characters");
  const query = input.query.replace(/^\?/, "");
  checkQuery(owner, input.entity, query, input.view);
  const [row] = await storage.db
    .insert(savedFilters)
    .values({
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      entity: input.entity,
      name,
      view: input.view,
      query,
    })
    .onConflictDoUpdate({
      target: [savedFilters.userId, savedFilters.entity, savedFilters.name],
      set: { view: input.view, query, updatedAt: new Date() },
    })
    .returning(columns);
  return { filter: shown(row!), created: row!.createdAt.getTime() === row!.updatedAt.getTime() };
}

/**
 * Deletes one of a user's saved filters; someone else's is "not found".
 *
 * @example
 * await deleteSavedFilter(storage, userId, id);
 */
export async function deleteSavedFilter(storage: Storage, userId: string, id: string): Promise<void> {
  const notFound = new EngineError("not_found", `no saved filter "${id}"`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound;
  const deleted = await storage.db
    .delete(savedFilters)
    .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, userId)))
    .returning({ id: savedFilters.id });
  if (deleted.length === 0) throw notFound;
}
