import { error, fail } from "@sveltejs/kit";
import { boardStates, columnTotals } from "$lib/board/columns";
import { eventData, eventsToReach, movePlan } from "$lib/board/moves";
import { displayValue, type DisplayContext } from "$lib/definition/display";
import { fieldOf } from "$lib/definition/fields";
import { labelOf, translator } from "$lib/i18n";
import { filterChips } from "$lib/list/filters";
import { filterParams, listHref, viewFilterParams } from "$lib/list/query";
import { ApiError, readApi, writeApi } from "$lib/server/api";
import { referenceTitles } from "$lib/server/titles";
import { entityOrThrow, peopleNames, visibleDefinition } from "$lib/server/workspace";
import type { BoardView, EntityDef, ProcessDef, RecordPage, StatsRow } from "$lib/types";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

/** Cards a column shows; its count and sum cover every record in it. */
const perColumn = 50;

async function boardOrThrow(event: Pick<RequestEvent, "url" | "cookies" | "locals" | "params">) {
  const entity = await entityOrThrow(event, event.params.entity);
  const board = entity.views.boards.find((b) => b.name === event.params.board);
  if (!board) error(404, `no board "${event.params.board}" of ${entity.name}`);
  const process = await readApi<ProcessDef>(event, `/processes/${board.process}`);
  if (!process.stateField) error(404, `the process of board "${board.name}" keeps its state in no field`);
  return { entity, board, process, stateField: process.stateField };
}

/** The API's filters of what the board shows: its own, the user's (owner, fields) and the search. */
function boardQuery(entity: EntityDef, board: BoardView, params: URLSearchParams, userId: string): URLSearchParams {
  const view = {
    name: board.name,
    label: board.label,
    columns: [],
    ...(board.filters ? { filters: board.filters } : {}),
  };
  const query = new URLSearchParams(viewFilterParams(entity, view, userId));
  for (const filter of filterParams(params)) if (filter.value !== "") query.append(filter.key, filter.value);
  const q = params.get("q")?.trim();
  if (q && q.length >= 2) query.set("q", q);
  return query;
}

/** What labels a data property of an event: the entity's field of that name, else its name in words. */
function dataLabel(entity: EntityDef, name: string, ctx: Pick<DisplayContext, "locale" | "fallbacks" | "t">): string {
  const field = entity.fields.find((f) => f.name === name);
  if (field) return labelOf(field.label, ctx.locale, ctx.fallbacks);
  if (name === "reason") return ctx.t("board.reason");
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const [definition, { entity, board, process, stateField }, layout] = await Promise.all([
    visibleDefinition(event),
    boardOrThrow(event),
    event.parent(),
  ]);
  const { app } = definition;
  const labels = { locale: layout.locale, fallbacks: app.locales, t: translator(layout.locale) };
  const label = (text: Record<string, string> | undefined) => labelOf(text, labels.locale, app.locales);
  const states = boardStates(process, board);
  const query = boardQuery(entity, board, url.searchParams, layout.user.id);
  const sumField = board.card.sum ? fieldOf(entity, board.card.sum) : undefined;

  const stats = new URLSearchParams(query);
  stats.set("group", stateField);
  if (sumField) stats.set("sum", sumField.name);
  const [{ rows }, pages, { names, people }] = await Promise.all([
    readApi<{ rows: StatsRow[] }>(event, `/records/${entity.name}/stats?${stats}`),
    Promise.all(
      states.map((state) => {
        const cards = new URLSearchParams(query);
        cards.set(stateField, state);
        cards.set("sort", "-updated_at");
        cards.set("limit", String(perColumn));
        return readApi<RecordPage>(event, `/records/${entity.name}?${cards}`);
      }),
    ),
    peopleNames(event),
  ]);
  const records = pages.flatMap((page) => page.records);
  const shown = board.card.fields.filter((name) => name !== entity.titleField && name !== stateField);
  const titles = await referenceTitles(event, definition, entity, shown, records);
  const ctx: DisplayContext = { ...labels, timezone: app.timezone, currency: app.currency, people: names, titles };
  const totals = columnTotals(rows, states, stateField, sumField?.name);

  const cards = records.map((record) => {
    const title = record[entity.titleField];
    return {
      id: record.id,
      href: `/${entity.name}/${record.id}`,
      state: String(record[stateField]),
      title: title === null || title === undefined || title === "" ? labels.t("value.untitled") : String(title),
      fields: shown.flatMap((name) => {
        const field = fieldOf(entity, name);
        if (!field) return [];
        const cell = displayValue(field, record[name], ctx);
        if (cell.text === "") return [];
        return [{ name, label: field.system ? labels.t(field.system) : label(field.label), ...cell }];
      }),
      owner: names.get(String(record.owner)) ?? "",
      sumValue: sumField && typeof record[sumField.name] === "number" ? (record[sumField.name] as number) : null,
    };
  });

  const listParams = new URLSearchParams(query);
  const byState = new Map(process.states.map((s) => [s.name, s]));
  const mayMove = process.events.some((e) => e.mayFire);
  return {
    entity: { name: entity.name, label: label(entity.label), plural: label(entity.pluralLabel) },
    board: { name: board.name, label: label(board.label), process: label(process.label) },
    boards: entity.views.boards.map((b) => ({
      name: b.name,
      label: label(b.label),
      href: `/boards/${entity.name}/${b.name}`,
    })),
    columns: states.map((state) => {
      const listed = new URLSearchParams(listParams);
      listed.set(stateField, state);
      return {
        state,
        label: label(byState.get(state)?.label),
        final: byState.get(state)?.final ?? false,
        approval: byState.get(state)?.approval ?? false,
        listHref: `/${entity.name}?${listed}`,
      };
    }),
    totals: [...totals].map(([state, total]) => ({ state, ...total })),
    perColumn,
    sum: sumField
      ? { field: { ...sumField }, label: sumField.system ? labels.t(sumField.system) : label(sumField.label) }
      : null,
    cards,
    process: {
      ...process,
      // Labels in the user's language for the menus and the move form.
      stateLabels: Object.fromEntries(process.states.map((s) => [s.name, label(s.label)])),
      eventLabels: Object.fromEntries(process.events.map((e) => [e.name, label(e.label)])),
      eventDescriptions: Object.fromEntries(process.events.map((e) => [e.name, label(e.description)])),
      dataLabels: Object.fromEntries(
        process.events.map((e) => [
          e.name,
          Object.fromEntries(
            Object.keys(e.data?.properties ?? {}).map((name) => [name, dataLabel(entity, name, labels)]),
          ),
        ]),
      ),
    },
    mayMove,
    currency: app.currency ?? null,
    timezone: app.timezone ?? null,
    search: url.searchParams.get("q") ?? "",
    owner: url.searchParams.get("owner") ?? "",
    people: people
      .filter((p) => p.active && p.id !== layout.user.id)
      .map((p) => ({ id: p.id, name: p.displayName || p.username }))
      .sort((a, b) => a.name.localeCompare(b.name, layout.locale)),
    filters: filterChips(
      entity,
      filterParams(url.searchParams).filter((f) => f.value !== ""),
      ctx,
    )
      .filter((chip) => chip.field !== "owner")
      .map((chip) => ({ text: chip.text, removeHref: listHref(url, { [chip.key]: null }) })),
    clearHref: `/boards/${entity.name}/${board.name}`,
  };
};

export const actions: Actions = {
  /**
   * Moves a card: fires the event that leads from its state to the column
   * (the one chosen, when several do), with the data the form asked for.
   */
  move: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get("id") ?? "");
    const from = String(form.get("from") ?? "");
    const to = String(form.get("to") ?? "");
    const { entity, process } = await boardOrThrow(event);
    const chosen = String(form.get("event") ?? "");
    const candidates = eventsToReach(process, from, to);
    const plan = movePlan(process, from, to);
    const picked = chosen ? candidates.find((e) => e.name === chosen) : plan.kind === "fire" ? plan.event : undefined;
    if (!picked) {
      if (plan.kind === "ask") return fail(400, { id, from, to, ask: plan.events.map((e) => e.name) });
      return fail(409, { id, from, to, code: "no_event", message: null });
    }
    try {
      const result = await writeApi<{ state: string }>(
        event,
        "POST",
        `/records/${entity.name}/${encodeURIComponent(id)}/events`,
        {
          type: picked.name,
          process: process.name,
          ...(picked.data ? { data: eventData(picked.data, form) } : {}),
        },
      );
      return { moved: { id, from, to, state: result.state, event: picked.name } };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status, { id, from, to, event: picked.name, code: cause.code, message: cause.message });
    }
  },
};
