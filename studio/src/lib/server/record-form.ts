import { fail, redirect, type RequestEvent } from "@sveltejs/kit";
import { displayValue, type DisplayContext, formatInstant } from "../definition/display";
import { afterSave } from "../form/after-save";
import { defaultValues, type CelUser } from "../form/expressions";
import { formLayout, type FormField, type FormSection } from "../form/layout";
import type { ConflictData, FormActionData, FormPageData } from "../form/page";
import { firstPerField, type FormProblem } from "../form/validate";
import { inputOf, rawFromRecord, rawOf, type RawValues, type Unresolved } from "../form/values";
import { labelOf, translator } from "../i18n";
import { inSentence } from "../i18n/sentence";
import type { EntityDef, InputSchemas, Me, Person, RecordData, RecordPage, VisibleDefinition } from "../types";
import { ApiError, callApi, readApi, writeApi } from "./api";
import { keepNotice } from "./notice";
import { referenceTitles } from "./titles";
import { entityOrThrow, peopleNames, visibleDefinition } from "./workspace";

type Event = Pick<RequestEvent, "url" | "cookies" | "locals" | "params">;

/** The user as expressions see them, from `GET /me` and the people (whose ids the manager's username maps to). */
export function celUserOf(me: Me, people: Person[]): CelUser {
  return {
    id: me.id,
    username: me.username,
    roles: me.roles,
    org_unit: me.unit ?? "",
    manager: people.find((p) => p.username === me.manager)?.id ?? "",
  };
}

function labelsOf(definition: VisibleDefinition, locale: string) {
  return { locale, fallbacks: definition.app.locales, t: translator(locale) };
}

function sectionsOf(entity: EntityDef, definition: VisibleDefinition, locale: string): FormSection[] {
  return formLayout(entity, {
    ...labelsOf(definition, locale),
    currency: definition.app.currency,
    writable: entity.writable,
  });
}

const inputs = (sections: FormSection[]) => sections.flatMap((s) => s.fields).filter((f) => !f.readOnly);
const zoneOf = (definition: VisibleDefinition) => definition.app.timezone ?? "UTC";

/** The titles of the records a record's references point to, as text by id. */
async function titlesOf(
  event: Event,
  definition: VisibleDefinition,
  entity: EntityDef,
  record: Record<string, unknown>,
) {
  const names = entity.fields.filter((f) => f.type === "reference").map((f) => f.name);
  const cells = await referenceTitles(event, definition, entity, names, [{ id: "", ...record }]);
  return { cells, text: new Map([...cells].map(([id, cell]) => [id, cell?.text ?? `#${id.slice(0, 8)}`])) };
}

/**
 * What a form page shows: the entity's form as the user may fill it, its
 * values (a record's, or a new record's defaults and what the address
 * pre-fills: `?customer=<id>`), the schema the browser checks it against.
 *
 * @example
 * return formPage(event, locale, { mode: "create", prefill: event.url.searchParams });
 */
export async function formPage(
  event: Event,
  locale: string,
  options:
    { mode: "create"; prefill: URLSearchParams } | { mode: "update"; record: RecordData; refusal: string | null },
): Promise<FormPageData> {
  const [definition, entity, me, schemas, { names, people }] = await Promise.all([
    visibleDefinition(event),
    entityOrThrow(event, event.params.entity ?? ""),
    readApi<Me>(event, "/me"),
    readApi<InputSchemas>(event, `/records/${event.params.entity}/schema`),
    peopleNames(event),
  ]);
  const labels = labelsOf(definition, locale);
  const sections = sectionsOf(entity, definition, locale);
  const fields = sections.flatMap((s) => s.fields);
  const user = celUserOf(me, people);
  let record: Record<string, unknown>;
  if (options.mode === "update") record = options.record;
  else {
    record = defaultValues(entity.fields, user, new Date());
    for (const field of fields)
      if (!field.readOnly && options.prefill.get(field.name)) record[field.name] = options.prefill.get(field.name);
  }
  const { cells, text } = await titlesOf(event, definition, entity, record);
  const ctx: DisplayContext = {
    ...labels,
    timezone: definition.app.timezone,
    currency: definition.app.currency,
    people: names,
    titles: cells,
  };
  const display = Object.fromEntries(
    fields
      .filter((f) => f.readOnly)
      .map((f) => [
        f.name,
        displayValue(
          entity.fields.find((d) => d.name === f.name)!,
          record[f.name],
          ctx,
        ),
      ]),
  );
  const targets = Object.fromEntries(
    definition.entities
      .filter((e) => fields.some((f) => f.entity === e.name))
      .map((e) => [
        e.name,
        { label: labelOf(e.label, locale, labels.fallbacks), plural: labelOf(e.pluralLabel, locale, labels.fallbacks) },
      ]),
  );
  // A new record shows only the read-only fields that start with a value (a state's first stage, say).
  const shownSections =
    options.mode === "update"
      ? sections
      : sections
          .map((s) => ({ ...s, fields: s.fields.filter((f) => !f.readOnly || display[f.name]?.text) }))
          .filter((s) => s.fields.length > 0);
  const entityLabel = labelOf(entity.label, locale, labels.fallbacks);
  const title = record[entity.titleField];
  const id = options.mode === "update" ? options.record.id : null;
  return {
    mode: options.mode,
    entity: {
      name: entity.name,
      label: entityLabel,
      plural: labelOf(entity.pluralLabel, locale, labels.fallbacks),
      inSentence: inSentence(entityLabel, locale),
    },
    title:
      options.mode === "create"
        ? labels.t("form.new", { entity: entityLabel })
        : labels.t("form.edit", { title: title ? String(title) : labels.t("value.untitled") }),
    sections: shownSections,
    fields: entity.fields,
    record,
    display,
    initial: rawFromRecord(inputs(sections), record, zoneOf(definition), text),
    schema: options.mode === "create" ? schemas.create : schemas.update,
    user,
    people: people
      .filter((p) => p.active)
      .map((p) => ({ id: p.id, name: p.displayName || p.username }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
    zone: zoneOf(definition),
    targets,
    locale,
    currency: definition.app.currency,
    version: options.mode === "update" ? Number(options.record.version) : null,
    cancelHref: id ? `/${entity.name}/${id}` : `/${entity.name}`,
    refusal: options.mode === "update" ? options.refusal : null,
  };
}

/**
 * Looks up references typed as text rather than picked: the one record of
 * the referenced entity whose title is the text (or the one match of a
 * search), else a problem for the field.
 */
async function resolveReferences(
  event: Event,
  definition: VisibleDefinition,
  fields: FormField[],
  unresolved: Unresolved,
  input: Record<string, unknown>,
): Promise<FormProblem[]> {
  const problems: FormProblem[] = [];
  await Promise.all(
    Object.entries(unresolved).map(async ([name, text]) => {
      const target = definition.entities.find((e) => e.name === fields.find((f) => f.name === name)?.entity);
      const problem = (code: string) => problems.push({ field: name, code, message: code, params: { text } });
      if (!target) return problem("reference");
      if (text.length < 2) return problem("lookup_short");
      const query = new URLSearchParams({ q: text, limit: "10" });
      const page = (await (await callApi(event, `/records/${target.name}?${query}`)).json()) as RecordPage;
      const exact = page.records.filter(
        (r) =>
          String(r[target.titleField] ?? "")
            .trim()
            .toLowerCase() === text.toLowerCase(),
      );
      const found = exact.length === 1 ? exact : page.records;
      if (found.length === 1) input[name] = found[0]!.id;
      else problem(found.length === 0 ? "lookup_none" : "lookup_many");
    }),
  );
  return problems;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Where the saved record differs from what the user sent, shown as each reads. */
async function conflictOf(
  event: Event,
  definition: VisibleDefinition,
  entity: EntityDef,
  sections: FormSection[],
  input: Record<string, unknown>,
  locale: string,
): Promise<ConflictData> {
  const latest = await readApi<RecordData>(event, `/records/${entity.name}/${event.params.id}`);
  const [{ names }, mine, theirs] = await Promise.all([
    peopleNames(event),
    titlesOf(event, definition, entity, input),
    titlesOf(event, definition, entity, latest),
  ]);
  const ctx: DisplayContext = {
    ...labelsOf(definition, locale),
    timezone: definition.app.timezone,
    currency: definition.app.currency,
    people: names,
    titles: new Map([...mine.cells, ...theirs.cells]),
  };
  const differences = inputs(sections)
    .filter((f) => f.name in input && !same(input[f.name], latest[f.name]))
    .map((f) => {
      const field = entity.fields.find((d) => d.name === f.name)!;
      return {
        field: f.name,
        label: f.label,
        yours: displayValue(field, input[f.name], ctx),
        saved: displayValue(field, latest[f.name], ctx),
      };
    });
  const by = typeof latest.updated_by === "string" ? (names.get(latest.updated_by) ?? null) : null;
  const at =
    typeof latest.updated_at === "string" ? formatInstant(latest.updated_at, locale, definition.app.timezone) : null;
  return { version: Number(latest.version), by, at, differences };
}

/**
 * The save action of a record's form: reads what the browser sent as the
 * form reads it (the same parsing as in the browser), looks up references
 * typed as text, and creates or changes the record through the API. Saved,
 * it goes to the record, or to the list with a notice when the user may no
 * longer read it (see `afterSave`); refused, it answers with what was typed
 * and why: the API's problems by field, or the conflict with a change made
 * meanwhile.
 *
 * @example
 * export const actions = { default: (event) => saveRecord(event, "create") };
 */
export async function saveRecord(event: RequestEvent, mode: "create" | "update") {
  const [definition, entity, data] = await Promise.all([
    visibleDefinition(event),
    entityOrThrow(event, event.params.entity ?? ""),
    event.request.formData(),
  ]);
  const locale = event.locals.locale;
  const raw: RawValues = rawOf(data);
  const sections = sectionsOf(entity, definition, locale);
  const fields = inputs(sections);
  const { input, unresolved } = inputOf(fields, raw, zoneOf(definition));
  // A new record's empty fields are left to their defaults.
  if (mode === "create") for (const [name, value] of Object.entries(input)) if (value === null) delete input[name];
  const refused = (status: number, body: Omit<FormActionData, "raw">) => fail(status, { raw, ...body });
  const problems = await resolveReferences(event, definition, fields, unresolved, input);
  if (problems.length > 0) return refused(422, { problems });

  const path = `/records/${entity.name}`;
  let saved: RecordData;
  try {
    if (mode === "create") saved = await writeApi<RecordData>(event, "POST", path, input);
    else {
      const version = Number(data.get("overwrite") ?? data.get("version"));
      saved = await writeApi<RecordData>(event, "PATCH", `${path}/${event.params.id}`, { ...input, version });
    }
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.code === "version_conflict")
      return refused(409, { conflict: await conflictOf(event, definition, entity, sections, input, locale) });
    if (cause.status === 422 && cause.problems.length > 0)
      return refused(422, { problems: firstPerField(cause.problems), message: cause.message });
    return refused(cause.status >= 400 && cause.status < 500 ? cause.status : 500, { message: cause.message });
  }
  const readable = await mayRead(event, entity.name, saved.id);
  // Whom the record went to matters only for the notice.
  const [me, { names }] = readable
    ? [null, { names: new Map<string, string>() }]
    : await Promise.all([readApi<Me>(event, "/me"), peopleNames(event)]);
  const next = afterSave({
    entity: entity.name,
    record: saved,
    titleField: entity.titleField,
    readable,
    me: me?.id ?? "",
    names,
  });
  if (next.notice) keepNotice(event.cookies, event.url, next.notice);
  redirect(303, next.location);
}

/** Whether the user may read a record: the assignment may have given what they saved to someone else. */
async function mayRead(event: Event, entity: string, id: string): Promise<boolean> {
  try {
    await callApi(event, `/records/${entity}/${id}/access`);
    return true;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 404) return false;
    throw cause;
  }
}
