import { json } from "@sveltejs/kit";
import { ApiError, callApi } from "$lib/server/api";
import { entityOrThrow } from "$lib/server/workspace";
import type { RecordPage } from "$lib/types";
import type { RequestHandler } from "./$types";

/**
 * The records a reference picker offers as the user types: those whose
 * title matches `q` (2 characters at least), else the most recently changed,
 * as `{records: [{id, title}]}`, within what the user may read.
 */
export const GET: RequestHandler = async (event) => {
  const entity = await entityOrThrow(event, event.params.entity);
  const q = (event.url.searchParams.get("q") ?? "").trim();
  const query = new URLSearchParams({ limit: "10" });
  if (q.length >= 2) query.set("q", q);
  else query.set("sort", "-updated_at");
  try {
    const page = (await (await callApi(event, `/records/${entity.name}?${query}`)).json()) as RecordPage;
    const records = page.records.map((record) => {
      const title = record[entity.titleField];
      return {
        id: record.id,
        title: title === null || title === undefined || title === "" ? `#${record.id.slice(0, 8)}` : String(title),
      };
    });
    return json({ records }, { headers: { "cache-control": "private, no-store" } });
  } catch (cause) {
    if (cause instanceof ApiError && cause.status < 500) return json({ records: [] });
    throw cause;
  }
};
