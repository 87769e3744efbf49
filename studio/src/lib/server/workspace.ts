import type { RequestEvent } from "@sveltejs/kit";
import { error } from "@sveltejs/kit";
import type { EntityDef, Person, VisibleDefinition } from "../types";
import { translator } from "../i18n";
import { callApi, readApi } from "./api";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/** The last definition each session read, by token, to ask the API only whether it changed. */
const known = new Map<string, { etag: string; definition: VisibleDefinition }>();
const remembered = 50;

async function fetchDefinition(event: Event): Promise<VisibleDefinition> {
  const token = event.locals.token ?? "";
  const cached = known.get(token);
  const response = await callApi(event, "/definition", cached ? { headers: { "if-none-match": cached.etag } } : {});
  if (response.status === 304 && cached) return cached.definition;
  const definition = (await response.json()) as VisibleDefinition;
  const etag = response.headers.get("etag");
  if (etag) {
    known.delete(token);
    known.set(token, { etag, definition });
    if (known.size > remembered) known.delete(known.keys().next().value!);
  }
  return definition;
}

/**
 * The published definition as the signed-in user sees it (`GET /definition`),
 * read once per request.
 *
 * @example
 * const { app, entities } = await visibleDefinition(event);
 */
export function visibleDefinition(event: Event): Promise<VisibleDefinition> {
  event.locals.definition ??= fetchDefinition(event);
  return event.locals.definition;
}

/**
 * An entity the user may read, or the studio's 404 page.
 *
 * @example
 * const customer = await entityOrThrow(event, "customer");
 */
export async function entityOrThrow(event: Event, name: string): Promise<EntityDef> {
  const entity = (await visibleDefinition(event)).entities.find((e) => e.name === name);
  if (!entity) error(404, `no list "${name}"`);
  return entity;
}

/**
 * The workspace's people's names by user id: the display name, else the username.
 *
 * @example
 * (await peopleNames(event)).get(ownerId); // "Li Wei"
 */
export async function peopleNames(event: Event): Promise<{ names: Map<string, string>; people: Person[] }> {
  const { users, system } = await readApi<{ users: Person[]; system: string | null }>(event, "/users");
  const names = new Map(users.map((u) => [u.id, u.displayName || u.username]));
  if (system) names.set(system, translator(event.locals.locale)("record.timeline.system"));
  return { names, people: users };
}
