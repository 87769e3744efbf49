import { fail, redirect } from "@sveltejs/kit";
import { labelOf, translator } from "$lib/i18n";
import { inSentence } from "$lib/i18n/sentence";
import { displayValue, type DisplayContext } from "$lib/definition/display";
import { fieldOf, listedSystemFields } from "$lib/definition/fields";
import { visibilityRules } from "$lib/form/expressions";
import { formLayout } from "$lib/form/layout";
import { firstPerField } from "$lib/form/validate";
import { rawOf } from "$lib/form/values";
import { fieldLabel } from "$lib/list/columns";
import { eventData, eventFields } from "$lib/record/event-form";
import { processBars } from "$lib/record/process-bar";
import { mergeTimeline } from "$lib/record/timeline";
import { timelineRows } from "$lib/record/timeline-rows";
import { ApiError, callApi, readApi, writeApi } from "$lib/server/api";
import { celUserOf } from "$lib/server/record-form";
import { referenceTitles } from "$lib/server/titles";
import { entityOrThrow, peopleNames, visibleDefinition } from "$lib/server/workspace";
import type {
  Annotation,
  EventOption,
  HistoryEntry,
  Me,
  ProcessDef,
  ProcessView,
  RecordAccess,
  RecordData,
} from "$lib/types";
import { activities } from "./activities.server";
import { relatedLists } from "./related.server";
import type { Actions, PageServerLoad } from "./$types";

/** The processes of a record as `GET /processes/:name` describes them, by name; those the user may not see left out. */
async function processDefinitions(event: Parameters<PageServerLoad>[0], views: ProcessView[]) {
  const found = await Promise.all(
    views.map(async (view) => {
      try {
        return (await (await callApi(event, `/processes/${view.process}`)).json()) as ProcessDef;
      } catch (cause) {
        if (cause instanceof ApiError && cause.status < 500) return null;
        throw cause;
      }
    }),
  );
  return new Map(found.filter((d) => d !== null).map((d) => [d.name, d]));
}

export const load: PageServerLoad = async (event) => {
  const [definition, entity, layout] = await Promise.all([
    visibleDefinition(event),
    entityOrThrow(event, event.params.entity),
    event.parent(),
  ]);
  const { app } = definition;
  const path = `/records/${entity.name}/${encodeURIComponent(event.params.id)}`;
  const labels = { locale: layout.locale, fallbacks: app.locales, t: translator(layout.locale) };
  const formats = { ...labels, timezone: app.timezone, currency: app.currency };
  const activity = definition.entities.find((e) => e.name === "activity");
  // Related lists show no people or references, so they need no names: they load with the rest.
  const [record, access, { names, people }, me, events, processes, history, annotations, linked, related] =
    await Promise.all([
      readApi<RecordData>(event, path),
      readApi<RecordAccess>(event, `${path}/access`),
      peopleNames(event),
      readApi<Me>(event, "/me"),
      readApi<{ events: EventOption[] }>(event, `${path}/events`),
      readApi<{ processes: ProcessView[] }>(event, `${path}/process`),
      readApi<{ history: HistoryEntry[] }>(event, `${path}/history`),
      readApi<{ annotations: Annotation[] }>(event, `${path}/annotations`),
      activities(event, activity, entity, event.params.id),
      relatedLists(event, definition, entity, event.params.id, { ...formats, people: new Map(), titles: new Map() }),
    ]);
  const historyRecords = history.history.flatMap((h) => [
    { id: "", [h.field]: h.oldValue },
    { id: "", [h.field]: h.newValue },
  ]);
  const referenceFields = entity.fields.filter((f) => f.type === "reference").map((f) => f.name);
  const [definitions, titles] = await Promise.all([
    processDefinitions(event, processes.processes),
    referenceTitles(event, definition, entity, referenceFields, [record, ...historyRecords]),
  ]);
  const ctx: DisplayContext = { ...formats, people: names, titles };
  const usernames = new Map(people.map((p) => [p.username, p.displayName || p.username]));

  const visible = visibilityRules(entity.fields);
  const user = celUserOf(me, people);
  const holds = (rule: string | undefined) => !rule || visible(rule, record, user);
  const sections = formLayout(entity, { ...labels, writable: [] })
    .filter((s) => holds(s.visibleWhen))
    .map((s) => ({
      name: s.name,
      label: s.label,
      columns: s.columns,
      fields: s.fields
        .filter((f) => holds(f.visibleWhen))
        .map((f) => ({
          name: f.name,
          label: f.label,
          cell: displayValue(
            entity.fields.find((d) => d.name === f.name)!,
            record[f.name],
            ctx,
          ),
          wide: f.full,
        })),
    }))
    .filter((s) => s.fields.length > 0);
  const show = (name: string) => {
    const field = fieldOf(entity, name)!;
    return { name, label: fieldLabel(field, labels), cell: displayValue(field, record[name], ctx) };
  };

  const items = mergeTimeline({
    record,
    history: history.history,
    processes: processes.processes.map((p) => ({ ...p, stateField: definitions.get(p.process)?.stateField ?? null })),
    activities: linked,
    annotations: annotations.annotations,
  });
  const title = record[entity.titleField];
  const entityLabel = labelOf(entity.label, labels.locale, app.locales);
  return {
    entity: {
      name: entity.name,
      label: entityLabel,
      plural: labelOf(entity.pluralLabel, labels.locale, app.locales),
      inSentence: inSentence(entityLabel, labels.locale),
    },
    id: record.id,
    version: Number(record.version),
    title: title === null || title === undefined || title === "" ? labels.t("value.untitled") : String(title),
    access,
    sections,
    system: [...listedSystemFields, "version"].map(show),
    bars: processBars(processes.processes, events.events, definitions, entity, {
      ...labels,
      timezone: app.timezone,
      names: usernames,
    }),
    zone: app.timezone ?? "UTC",
    related,
    timeline: timelineRows(items, { entity, activity, processes: definitions, display: ctx, usernames }),
    fire: event.url.searchParams.get("fire"),
    confirmDelete: event.url.searchParams.get("confirm") === "delete",
  };
};

const recordPath = (params: { entity: string; id: string }) =>
  `/records/${params.entity}/${encodeURIComponent(params.id)}`;

export const actions: Actions = {
  fire: async (event) => {
    const data = await event.request.formData();
    const [process, type] = String(data.get("event") ?? "").split(".");
    const key = `${process}.${type}`;
    const path = recordPath(event.params);
    const [definition, entity, { events }] = await Promise.all([
      visibleDefinition(event),
      entityOrThrow(event, event.params.entity),
      readApi<{ events: EventOption[] }>(event, `${path}/events`),
    ]);
    const option = events.find((e) => e.process === process && e.event === type);
    const raw = rawOf(data);
    const labels = {
      locale: event.locals.locale,
      fallbacks: definition.app.locales,
      t: translator(event.locals.locale),
    };
    const body = {
      type,
      process,
      data: option?.data
        ? eventData(eventFields(option.data, entity, labels), raw, definition.app.timezone ?? "UTC")
        : {},
      ...(data.get("version") ? { expectedVersion: Number(data.get("version")) } : {}),
    };
    try {
      await writeApi(event, "POST", `${path}/events`, body);
    } catch (cause) {
      if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
      return fail(cause.status, {
        fire: {
          key,
          raw,
          message: cause.message,
          problems: firstPerField(cause.problems),
          stale: cause.code === "version_conflict" || cause.code === "state_conflict",
        },
      });
    }
    redirect(303, `/${event.params.entity}/${event.params.id}`);
  },

  delete: async (event) => {
    const data = await event.request.formData();
    try {
      await callApi(event, recordPath(event.params), {
        method: "DELETE",
        headers: { "if-match": `"${String(data.get("version") ?? "")}"` },
      });
    } catch (cause) {
      if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
      return fail(cause.status, { delete: { message: cause.message } });
    }
    redirect(303, `/${event.params.entity}`);
  },

  annotate: async (event) => {
    const body = String((await event.request.formData()).get("body") ?? "");
    try {
      await writeApi(event, "POST", `${recordPath(event.params)}/annotations`, { body });
    } catch (cause) {
      if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
      return fail(cause.status, { annotate: { body, message: cause.message } });
    }
    redirect(303, `/${event.params.entity}/${event.params.id}#timeline`);
  },
};
