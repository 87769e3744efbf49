import type { RequestEvent } from "@sveltejs/kit";
import { type DisplayContext, displayValue } from "$lib/definition/display";
import { fieldOf } from "$lib/definition/fields";
import { labelOf } from "$lib/i18n";
import { fieldLabel, pickView } from "$lib/list/columns";
import { ApiError, callApi } from "$lib/server/api";
import type { RelatedList } from "$lib/record/related";
import type { EntityDef, RecordPage, VisibleDefinition } from "$lib/types";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/** The entity whose records are a record's activities: they show in its timeline, not as a related list. */
export const activityEntity = "activity";

const shown = 5;
const skipped = new Set(["reference", "user", "long_text", "multi_enum", "attachment"]);

/**
 * The related lists of a record: for every reference field of an entity the
 * user may read that points to this record's entity, the newest few records
 * pointing to this one, with "View all" (the list filtered on the field) and
 * "New" (the form with the reference filled in) when the user may create.
 *
 * @example
 * const lists = await relatedLists(event, definition, customer, id, ctx);
 * lists.map((l) => l.label); // ["Contacts", "Opportunities", …]
 */
export async function relatedLists(
  event: Event,
  definition: VisibleDefinition,
  entity: EntityDef,
  id: string,
  ctx: DisplayContext,
): Promise<RelatedList[]> {
  const pairs = definition.entities
    .filter((e) => e.name !== activityEntity)
    .flatMap((e) =>
      e.fields.filter((f) => f.type === "reference" && f.entity === entity.name).map((field) => ({ entity: e, field })),
    );
  const lists = await Promise.all(
    pairs.map(async ({ entity: other, field }): Promise<RelatedList | null> => {
      const several = other.name === entity.name || pairs.filter((p) => p.entity === other).length > 1;
      const plural = labelOf(other.pluralLabel, ctx.locale, ctx.fallbacks);
      const view = pickView(other, null);
      const columns = [
        other.titleField,
        ...view.columns.filter((name) => {
          const f = fieldOf(other, name);
          return name !== other.titleField && name !== field.name && f && !f.system && !skipped.has(f.type);
        }),
      ].slice(0, 4);
      const query = new URLSearchParams({ [field.name]: id, limit: String(shown), sort: "-updated_at" });
      let page: RecordPage;
      try {
        page = (await (await callApi(event, `/records/${other.name}?${query}`)).json()) as RecordPage;
      } catch (cause) {
        if (cause instanceof ApiError && cause.status < 500) return null;
        throw cause;
      }
      const fields = columns.map((name) => fieldOf(other, name)).filter((f) => f !== undefined);
      return {
        key: `${other.name}.${field.name}`,
        label: several ? `${plural} · ${fieldLabel(field, ctx)}` : plural,
        columns: fields.map((f) => fieldLabel(f, ctx)),
        rows: page.records.map((record) => ({
          id: record.id,
          href: `/${other.name}/${record.id}`,
          cells: fields.map((f, i) => {
            const cell = displayValue(f, record[f.name], ctx);
            return i === 0 ? { text: cell.text || ctx.t("value.untitled"), href: `/${other.name}/${record.id}` } : cell;
          }),
        })),
        more: page.nextCursor !== undefined,
        allHref: `/${other.name}?${new URLSearchParams({ [field.name]: id })}`,
        newHref:
          other.access.create && other.writable.includes(field.name)
            ? `/${other.name}/new?${new URLSearchParams({ [field.name]: id })}`
            : null,
        newLabel: ctx.t("list.new", { entity: labelOf(other.label, ctx.locale, ctx.fallbacks) }),
      };
    }),
  );
  return lists.filter((l) => l !== null);
}
