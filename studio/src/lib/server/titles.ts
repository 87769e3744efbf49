import type { RequestEvent } from "@sveltejs/kit";
import type { Cell } from "../definition/display";
import { valueType } from "../definition/fields";
import type { EntityDef, RecordData, RecordPage, VisibleDefinition } from "../types";
import { ApiError, callApi } from "./api";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/**
 * The titles of the records that some reference fields of some records
 * point to, by id, each linking to its page: one list request per
 * referenced entity. A record the user may not read, or of an entity they
 * may not read, maps to `null`.
 *
 * @example
 * const titles = await referenceTitles(event, definition, contact, ["customer"], page.records);
 * titles.get(customerId); // { text: "Hanwha Machinery", href: "/customer/…" }
 */
export async function referenceTitles(
  event: Event,
  definition: VisibleDefinition,
  entity: EntityDef,
  fields: string[],
  records: RecordData[],
): Promise<Map<string, Cell | null>> {
  const wanted = new Map<string, Set<string>>();
  for (const name of fields) {
    const field = entity.fields.find((f) => f.name === name);
    if (!field || valueType(field) !== "reference" || !field.entity) continue;
    const ids = wanted.get(field.entity) ?? new Set<string>();
    for (const record of records) if (typeof record[name] === "string") ids.add(record[name]);
    wanted.set(field.entity, ids);
  }
  const titles = new Map<string, Cell | null>();
  await Promise.all(
    [...wanted].map(async ([target, ids]) => {
      if (ids.size === 0) return;
      for (const id of ids) titles.set(id, null);
      const targetEntity = definition.entities.find((e) => e.name === target);
      if (!targetEntity) return;
      const query = new URLSearchParams({ "id.in": [...ids].join(","), limit: "200" });
      try {
        const page = (await (await callApi(event, `/records/${target}?${query}`)).json()) as RecordPage;
        for (const record of page.records) {
          const title = record[targetEntity.titleField];
          const text =
            title === null || title === undefined || title === "" ? `#${record.id.slice(0, 8)}` : String(title);
          titles.set(record.id, { text, href: `/${target}/${record.id}` });
        }
      } catch (cause) {
        if (!(cause instanceof ApiError && cause.status === 403)) throw cause;
      }
    }),
  );
  return titles;
}
