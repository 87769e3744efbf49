import { fail, redirect } from "@sveltejs/kit";
import { labelOf, translator } from "$lib/i18n";
import { displayValue, type DisplayContext } from "$lib/definition/display";
import { fieldOf } from "$lib/definition/fields";
import { currentSort, listColumns, nextSort, pickView } from "$lib/list/columns";
import { addFilterHref, filterChips, filterFields } from "$lib/list/filters";
import { pagerOf } from "$lib/list/pager";
import { apiListParams, filterParams, listHref, savedQuery } from "$lib/list/query";
import { ApiError, callApi, readApi, writeApi } from "$lib/server/api";
import { takeNotice } from "$lib/server/notice";
import { referenceTitles } from "$lib/server/titles";
import { entityOrThrow, peopleNames, visibleDefinition } from "$lib/server/workspace";
import type { RecordPage, SavedFilter } from "$lib/types";
import type { Actions, PageServerLoad } from "./$types";

/** Reads the records of one page of a list; a filter the API refuses is shown, not thrown. */
async function readPage(event: Parameters<PageServerLoad>[0], path: string) {
  try {
    return { page: (await (await callApi(event, path)).json()) as RecordPage, problem: null };
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 400)
      return { page: { records: [] } as RecordPage, problem: cause.message };
    throw cause;
  }
}

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  // The workspace's people need neither the entity nor the layout: asked for at once, with them.
  const [definition, entity, layout, { names, people }] = await Promise.all([
    visibleDefinition(event),
    entityOrThrow(event, event.params.entity),
    event.parent(),
    peopleNames(event),
  ]);
  const { app } = definition;
  const labels = { locale: layout.locale, fallbacks: app.locales, t: translator(layout.locale) };
  const choices = people
    .filter((p) => p.active)
    .map((p) => ({ id: p.id, name: p.displayName || p.username }))
    .sort((a, b) => a.name.localeCompare(b.name, layout.locale));
  const fields = filterFields(entity, labels, { me: layout.user.id, people: choices });
  if (url.searchParams.has("add_field")) redirect(303, addFilterHref(url, fields));

  // The list opens on the view last chosen for the entity: an executive's "All customers", not an empty "My customers".
  const viewCookie = `temper_view_${entity.name}`;
  const asked = url.searchParams.get("view");
  const view = pickView(entity, asked ?? event.cookies.get(viewCookie) ?? null);
  if (asked === view.name)
    event.cookies.set(viewCookie, view.name, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: url.protocol === "https:",
      maxAge: 365 * 24 * 60 * 60,
    });
  const columns = listColumns(entity, view, labels);
  const query = apiListParams(entity, view, url.searchParams, layout.user.id, { paging: true });
  const [{ page, problem }, saved] = await Promise.all([
    readPage(event, `/records/${entity.name}?${query}`),
    readApi<{ savedFilters: SavedFilter[] }>(event, `/saved-filters?entity=${entity.name}`),
  ]);
  const titles = await referenceTitles(event, definition, entity, view.columns, page.records);
  const ctx: DisplayContext = { ...labels, timezone: app.timezone, currency: app.currency, people: names, titles };

  const titleAt = columns.findIndex((c) => c.name === entity.titleField);
  const linkAt =
    titleAt >= 0
      ? titleAt
      : Math.max(
          0,
          columns.findIndex((c) => c.type !== "reference"),
        );
  const rows = page.records.map((record) => {
    const href = `/${entity.name}/${record.id}`;
    const cells = columns.map((c, i) => {
      const cell = displayValue(fieldOf(entity, c.name)!, record[c.name], ctx);
      return i === linkAt ? { text: cell.text || labels.t("value.untitled"), href } : cell;
    });
    return { id: record.id, href, cells };
  });

  const sort = currentSort(url.searchParams, view);
  const pager = pagerOf(url, page.nextCursor);
  const pageSize = view.pageSize ?? 50;
  const exportParams = new URLSearchParams(url.searchParams);
  for (const name of ["cursor", "trail"]) exportParams.delete(name);
  const current = savedQuery(url.searchParams);
  const titleField = fieldOf(entity, entity.titleField);
  const entityLabel = labelOf(entity.label, labels.locale, app.locales);
  // A record the user saved but may no longer read: the form came here rather than to it.
  const away = takeNotice(event.cookies, entity.name);
  const savedAway = away
    ? labels.t(away.owner ? "list.savedAway.assigned" : "list.savedAway.hidden", {
        entity: entityLabel,
        title: away.title || labels.t("value.untitled"),
        name: away.owner ?? "",
      })
    : null;

  return {
    entity: {
      name: entity.name,
      label: entityLabel,
      plural: labelOf(entity.pluralLabel, labels.locale, app.locales),
      canCreate: entity.access.create,
      searchField: titleField && !titleField.system ? labelOf(titleField.label, labels.locale, app.locales) : null,
    },
    views: entity.views.lists.map((l) => ({
      name: l.name,
      label: labelOf(l.label, labels.locale, app.locales),
      href: `/${entity.name}?view=${l.name}`,
    })),
    view: { name: view.name, label: labelOf(view.label, labels.locale, app.locales) },
    columns: columns.map((c) => {
      const key = sort[0]?.field === c.name ? sort[0] : undefined;
      return {
        ...c,
        sorted: key ? (key.direction ?? "asc") : null,
        sortHref: c.sortable ? listHref(url, { sort: nextSort(sort, c.name) }) : null,
      };
    }),
    linkAt,
    rows,
    problem,
    savedAway,
    search: url.searchParams.get("q") ?? "",
    filters: filterChips(entity, filterParams(url.searchParams), ctx).map((chip) => ({
      text: chip.text,
      removeHref: listHref(url, { [chip.key]: null }),
    })),
    clearHref: `/${entity.name}?view=${view.name}`,
    filterFields: fields,
    pager,
    rowsFrom: rows.length > 0 ? (pager.page - 1) * pageSize + 1 : 0,
    rowsTo: (pager.page - 1) * pageSize + rows.length,
    exportHref: `/${entity.name}/export?${exportParams}`,
    saved: saved.savedFilters.map((s) => {
      const params = new URLSearchParams(s.query);
      params.set("view", s.view ?? entity.views.lists[0]!.name);
      return {
        id: s.id,
        name: s.name,
        href: `/${entity.name}?${params}`,
        current: s.query === current && (s.view ?? entity.views.lists[0]!.name) === view.name,
      };
    }),
    savedQuery: current,
  };
};

function problemOf(cause: unknown) {
  if (cause instanceof ApiError) return fail(cause.status, { message: cause.message });
  throw cause;
}

export const actions: Actions = {
  saveFilter: async (event) => {
    const form = await event.request.formData();
    const name = String(form.get("name") ?? "").trim();
    const view = String(form.get("view") ?? "") || null;
    try {
      await writeApi(event, "POST", "/saved-filters", {
        entity: event.params.entity,
        name,
        view,
        query: String(form.get("query") ?? ""),
      });
      return { saved: name };
    } catch (cause) {
      return problemOf(cause);
    }
  },
  deleteFilter: async (event) => {
    const id = String((await event.request.formData()).get("id") ?? "");
    try {
      await writeApi(event, "DELETE", `/saved-filters/${encodeURIComponent(id)}`);
    } catch (cause) {
      return problemOf(cause);
    }
  },
};
