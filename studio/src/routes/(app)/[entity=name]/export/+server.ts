import { translator } from "$lib/i18n";
import { fieldOf } from "$lib/definition/fields";
import { listColumns, pickView } from "$lib/list/columns";
import { apiListParams } from "$lib/list/query";
import { callApi, readApi } from "$lib/server/api";
import { entityOrThrow, visibleDefinition } from "$lib/server/workspace";
import type { Me } from "$lib/types";
import type { RequestHandler } from "./$types";

/**
 * The CSV of what a list shows: its columns (references as the referenced
 * records' titles), with its filters, search and sort, every matching
 * record, streamed from the API's export.
 */
export const GET: RequestHandler = async (event) => {
  const [definition, entity, me] = await Promise.all([
    visibleDefinition(event),
    entityOrThrow(event, event.params.entity),
    readApi<Me>(event, "/me"),
  ]);
  const params = event.url.searchParams;
  const view = pickView(entity, params.get("view"));
  const columns = listColumns(entity, view, { locale: "en", fallbacks: [], t: translator("en") });
  const query = apiListParams(entity, view, params, me.id, { paging: false });
  query.set("format", "csv");
  query.set("bom", "true");
  query.set("fields", columns.map((c) => c.name).join(","));
  for (const column of columns) {
    const target = definition.entities.find((e) => e.name === fieldOf(entity, column.name)?.entity);
    if (column.type === "reference" && target?.fields.some((f) => f.name === target.titleField))
      query.set(`ref.${column.name}`, target.titleField);
  }
  const response = await callApi(event, `/records/${entity.name}/export?${query}`);
  return new Response(response.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${entity.name}-${view.name}.csv"`,
      "cache-control": "no-store",
    },
  });
};
