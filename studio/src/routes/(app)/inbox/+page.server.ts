import { fail } from "@sveltejs/kit";
import { displayValue, type DisplayContext } from "$lib/definition/display";
import { fieldOf, valueType } from "$lib/definition/fields";
import { taskSummary } from "$lib/inbox/summary";
import { labelOf, translator } from "$lib/i18n";
import { currentSort, sortParam } from "$lib/list/columns";
import { ApiError, readApi, writeApi } from "$lib/server/api";
import { referenceTitles } from "$lib/server/titles";
import { peopleNames, visibleDefinition } from "$lib/server/workspace";
import type { EntityDef, FormItem, ProcessView, RecordData, RecordPage, Task, VisibleDefinition } from "$lib/types";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/** Lines shown of a record's parts (a quote's lines). */
const lineLimit = 50;

/** The fields a record shows in the inbox: its first form's, in order, else every readable field. */
function recordFields(entity: EntityDef): string[] {
  const form = entity.views.forms[0];
  const named = form
    ? form.sections.flatMap((s) => s.fields.map((item: FormItem) => (typeof item === "string" ? item : item.field)))
    : entity.fields.map((f) => f.name);
  return [...new Set(named)].filter((name) => entity.fields.some((f) => f.name === name));
}

/** The entities whose records are parts of a record of this entity: a reference to it that cascades on delete. */
function partsOf(definition: VisibleDefinition, entity: string) {
  return definition.entities.flatMap((part) =>
    part.fields
      .filter((f) => f.type === "reference" && f.entity === entity && f.onDelete === "cascade")
      .map((f) => ({ entity: part, field: f.name })),
  );
}

/** What one task is about: its record's fields, its parts (lines), its process (who submitted, who decides). */
async function taskDetail(event: Event, definition: VisibleDefinition, task: Task, ctx: DisplayContext) {
  const entity = definition.entities.find((e) => e.name === task.entity);
  if (!entity) return { entity: null, fields: [], parts: [], view: undefined, state: null };
  const [record, processes] = await Promise.all([
    readApi<RecordData>(event, `/records/${entity.name}/${task.recordId}`).catch(() => null),
    readApi<{ processes: ProcessView[] }>(event, `/records/${entity.name}/${task.recordId}/process`).catch(() => null),
  ]);
  const view = processes?.processes.find((p) => p.process === task.process);
  const names = recordFields(entity);
  const parts = await Promise.all(
    partsOf(definition, entity.name)
      .slice(0, 2)
      .map(async ({ entity: part, field }) => {
        const list = part.views.lists[0]!;
        const columns = list.columns.filter(
          (c) => c !== field && fieldOf(part, c) && c !== "owner" && c !== "updated_at",
        );
        const query = new URLSearchParams({ [field]: task.recordId, limit: String(lineLimit) });
        const sort = currentSort(new URLSearchParams(), list);
        if (sort.length > 0) query.set("sort", sortParam(sort));
        else if (part.fields.some((f) => f.name === "position")) query.set("sort", "position");
        const page = await readApi<RecordPage>(event, `/records/${part.name}?${query}`).catch(() => ({ records: [] }));
        return { part, columns, records: page.records };
      }),
  );
  const titles = await referenceTitles(event, definition, entity, names, record ? [record] : []);
  const partTitles = await Promise.all(
    parts.map(({ part, columns, records }) => referenceTitles(event, definition, part, columns, records)),
  );
  const label = (text: Record<string, string> | undefined) => labelOf(text, ctx.locale, ctx.fallbacks);
  const fields = record
    ? names.flatMap((name) => {
        const field = fieldOf(entity, name)!;
        const cell = displayValue(field, record[name], { ...ctx, titles });
        if (cell.text === "" || valueType(field) === "attachment") return [];
        return [{ name, label: label(field.label), wide: valueType(field) === "long_text", ...cell }];
      })
    : [];
  return {
    entity: { name: entity.name, label: label(entity.label) },
    fields,
    parts: parts.map(({ part, columns, records }, i) => ({
      name: part.name,
      label: label(part.pluralLabel),
      columns: columns.map((c) => {
        const field = fieldOf(part, c)!;
        const type = valueType(field);
        return {
          name: c,
          label: field.system ? ctx.t(field.system) : label(field.label),
          numeric: ["number", "money", "percent"].includes(type),
        };
      }),
      rows: records.map((line) => ({
        id: line.id,
        href: `/${part.name}/${line.id}`,
        cells: columns.map((c) => displayValue(fieldOf(part, c)!, line[c], { ...ctx, titles: partTitles[i]! })),
      })),
      more: records.length >= lineLimit,
    })),
    view,
    state: view?.stateLabel ? label(view.stateLabel) : null,
  };
}

export const load: PageServerLoad = async (event) => {
  const [definition, layout, { tasks }, { names, people }, { units }] = await Promise.all([
    visibleDefinition(event),
    event.parent(),
    readApi<{ tasks: Task[] }>(event, "/tasks"),
    peopleNames(event),
    readApi<{ units: Array<{ code: string; name: string }> }>(event, "/org/units"),
  ]);
  const unitNames = new Map(units.map((u) => [u.code, u.name]));
  const { app } = definition;
  const t = translator(layout.locale);
  const byUsername = new Map(people.map((p) => [p.username, p.displayName || p.username]));
  const summaryContext = {
    locale: layout.locale,
    fallbacks: app.locales,
    timezone: app.timezone,
    people: byUsername,
    me: layout.user.username,
    now: new Date(),
  };
  const ctx: DisplayContext = {
    locale: layout.locale,
    fallbacks: app.locales,
    timezone: app.timezone,
    currency: app.currency,
    t,
    people: names,
    titles: new Map(),
  };
  const wanted = event.url.searchParams.get("task");
  const selected = tasks.find((task) => task.id === wanted) ?? tasks[0];
  const detail = selected ? await taskDetail(event, definition, selected, ctx) : null;
  return {
    tasks: tasks.map((task) => ({
      ...taskSummary(task, undefined, summaryContext),
      entityLabel: labelOf(definition.entities.find((e) => e.name === task.entity)?.label, layout.locale, app.locales),
      selected: task.id === selected?.id,
    })),
    selected:
      selected && detail
        ? {
            ...taskSummary(selected, detail.view, summaryContext),
            delegation: selected.delegation,
            returnable: selected.returnable,
            entity: detail.entity,
            state: detail.state,
            fields: detail.fields,
            parts: detail.parts,
          }
        : null,
    people: people
      .filter((p) => p.active && p.id !== layout.user.id && p.username !== "system")
      .map((p) => ({
        username: p.username,
        name: p.displayName || p.username,
        unit: p.unit ? (unitNames.get(p.unit) ?? p.unit) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, layout.locale)),
  };
};

/** Decides a task, then reads where its record's process stands now, for the notice. */
async function decide(event: RequestEvent, decision: "approve" | "reject" | "return" | "delegate") {
  const form = await event.request.formData();
  const id = String(form.get("task") ?? "");
  const comment = String(form.get("comment") ?? "").trim();
  const to = String(form.get("to") ?? "").trim();
  const values = { decision, task: id, comment, to };
  if (decision === "reject" && comment === "") return fail(400, { ...values, missing: "comment" as const });
  if (decision === "delegate" && to === "") return fail(400, { ...values, missing: "to" as const });
  const { tasks } = await readApi<{ tasks: Task[] }>(event, "/tasks");
  const task = tasks.find((t) => t.id === id);
  try {
    const result = await writeApi<{ process: string; state: string }>(
      event,
      "POST",
      `/tasks/${encodeURIComponent(id)}/${decision}`,
      { ...(comment ? { comment } : {}), ...(decision === "delegate" ? { to } : {}) },
    );
    let state = result.state;
    if (task) {
      const locale = event.locals.locale;
      const { app } = await visibleDefinition(event);
      const view = await readApi<{ processes: ProcessView[] }>(
        event,
        `/records/${task.entity}/${task.recordId}/process`,
      )
        .then((r) => r.processes.find((p) => p.process === result.process))
        .catch(() => undefined);
      if (view?.stateLabel) state = labelOf(view.stateLabel, locale, app.locales);
    }
    const delegate =
      decision === "delegate" ? (await peopleNames(event)).people.find((p) => p.username === to) : undefined;
    return {
      done: {
        decision,
        title: task?.title ?? "",
        href: task ? `/${task.entity}/${task.recordId}` : null,
        state,
        to: delegate ? delegate.displayName || delegate.username : to,
      },
    };
  } catch (cause) {
    if (cause instanceof ApiError) return fail(cause.status, { ...values, message: cause.message });
    throw cause;
  }
}

export const actions: Actions = {
  approve: (event) => decide(event, "approve"),
  reject: (event) => decide(event, "reject"),
  return: (event) => decide(event, "return"),
  delegate: (event) => decide(event, "delegate"),
};
