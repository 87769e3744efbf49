import { error, json } from "@sveltejs/kit";
import { labelOf } from "$lib/i18n";
import { readApi } from "$lib/server/api";
import { entityOrThrow, visibleDefinition } from "$lib/server/workspace";
import type { EventOption } from "$lib/types";
import type { RequestHandler } from "./$types";

/**
 * `GET …/events?id=<record>`: which events of the board's process the user
 * may fire on a card now, and why not, for its "Move to" menu and its drag;
 * a refusal that is an event's description comes in the user's language.
 */
export const GET: RequestHandler = async (event) => {
  const id = event.url.searchParams.get("id") ?? "";
  const [definition, entity] = await Promise.all([visibleDefinition(event), entityOrThrow(event, event.params.entity)]);
  const board = entity.views.boards.find((b) => b.name === event.params.board);
  if (!board || !/^[0-9a-f-]{36}$/i.test(id)) error(404, "no such card");
  const { events } = await readApi<{ events: EventOption[] }>(
    event,
    `/records/${entity.name}/${encodeURIComponent(id)}/events`,
  );
  const { locales } = definition.app;
  const locale = event.locals.locale;
  return json(
    events
      .filter((option) => option.process === board.process)
      .map((option) => {
        const described = option.description && option.reason === labelOf(option.description, locales[0] ?? "en");
        const reason = described ? labelOf(option.description, locale, locales) : option.reason;
        return { event: option.event, available: option.available, ...(reason ? { reason } : {}) };
      }),
  );
};
