import type { RequestEvent } from "@sveltejs/kit";
import type { LinkedActivity } from "$lib/record/timeline";
import { ApiError, callApi } from "$lib/server/api";
import type { EntityDef, RecordPage } from "$lib/types";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/** How many of a record's activities its timeline shows, newest first. */
const shown = 30;

/**
 * The activities linked to a record through the activity entity's reference
 * fields to its entity (the newest first), when the user may read activities.
 *
 * @example
 * await activities(event, activityEntity, customer, id); // [{ id, at: "2026-11-02T02:00:00Z", subject: "Visit", kind: "visit", owner }]
 */
export async function activities(
  event: Event,
  activity: EntityDef | undefined,
  entity: EntityDef,
  id: string,
): Promise<LinkedActivity[]> {
  if (!activity) return [];
  const links = activity.fields.filter((f) => f.type === "reference" && f.entity === entity.name);
  const when = activity.fields.find((f) => f.type === "datetime")?.name ?? "created_at";
  const kind = activity.fields.find((f) => f.name === "kind" && f.type === "enum")?.name;
  const found = new Map<string, LinkedActivity>();
  await Promise.all(
    links.map(async (link) => {
      const query = new URLSearchParams({ [link.name]: id, sort: `-${when}`, limit: String(shown) });
      try {
        const page = (await (await callApi(event, `/records/${activity.name}?${query}`)).json()) as RecordPage;
        for (const record of page.records)
          found.set(record.id, {
            id: record.id,
            at: String(record[when] ?? record.created_at),
            owner: typeof record.owner === "string" ? record.owner : null,
            subject: String(record[activity.titleField] ?? ""),
            kind: kind && typeof record[kind] === "string" ? record[kind] : null,
          });
      } catch (cause) {
        if (!(cause instanceof ApiError && cause.status < 500)) throw cause;
      }
    }),
  );
  return [...found.values()];
}
