import type {
  AppManifest,
  Board,
  Dashboard,
  Definition,
  Entity,
  Field,
  Filter,
  Form,
  List,
} from "../definitions/index.ts";
import { defaultList, viewsWithDefaults } from "../definitions/default-views.ts";
import { type EntityAccess, entityAccess } from "./access.ts";

/** An entity as one user may see it: the fields they may read, what they may do, and its views trimmed to those fields. */
export interface VisibleEntity {
  name: string;
  label: Entity["label"];
  pluralLabel: Entity["pluralLabel"];
  description?: Entity["description"];
  titleField: string;
  /** The declared fields the user may read, in declaration order (the system fields are always readable). */
  fields: Field[];
  /** Whether any of the user's roles grants each operation (a grant's scope and condition still apply per record). */
  access: { create: boolean; read: boolean; update: boolean; delete: boolean };
  /** The fields the user may write on create and update. */
  writable: string[];
  /** The events the user may fire, by process. */
  events: Record<string, string[]>;
  views: { lists: List[]; forms: Form[]; boards: Board[] };
}

/** The published definition as one user sees it: the app, the entities they may read, the dashboards shown to them. */
export interface VisibleDefinition {
  app: Omit<AppManifest, "$schema" | "plugins">;
  entities: VisibleEntity[];
  dashboards: Dashboard[];
}

const readable = (access: EntityAccess) => (name: string) => access.readable.has(name);

function filtersReadable(filters: Filter[] | undefined, may: (name: string) => boolean): boolean {
  return (filters ?? []).every((f) => may(f.field));
}

/** A list without the columns and sort keys the user may not read; none at all when it filters on such a field. */
function trimList(list: List, may: (name: string) => boolean): List | undefined {
  if (!filtersReadable(list.filters, may)) return undefined;
  const columns = list.columns.filter(may);
  if (columns.length === 0) return undefined;
  const sort = list.sort?.filter((key) => may(key.field));
  return { ...list, columns: columns as List["columns"], ...(sort ? { sort } : {}) };
}

function trimForm(form: Form, may: (name: string) => boolean): Form | undefined {
  const sections = form.sections
    .map((section) => ({
      ...section,
      fields: section.fields.filter((item) => may(typeof item === "string" ? item : item.field)),
    }))
    .filter((section) => section.fields.length > 0);
  return sections.length > 0 ? { ...form, sections: sections as Form["sections"] } : undefined;
}

function trimBoard(board: Board, may: (name: string) => boolean): Board | undefined {
  if (!filtersReadable(board.filters, may)) return undefined;
  const { sum, ...card } = board.card;
  return { ...board, card: { ...card, fields: card.fields.filter(may), ...(sum && may(sum) ? { sum } : {}) } };
}

function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function visibleEntity(definition: Definition, access: EntityAccess): VisibleEntity {
  const { entity } = access;
  const may = readable(access);
  const views = viewsWithDefaults(entity, definition.views.get(entity.name));
  const lists = views.lists.map((l) => trimList(l, may)).filter(present);
  return {
    name: entity.name,
    label: entity.label,
    pluralLabel: entity.pluralLabel,
    ...(entity.description ? { description: entity.description } : {}),
    titleField: entity.titleField,
    fields: entity.fields.filter((f) => may(f.name)),
    access: {
      create: access.grants.create.length > 0,
      read: access.grants.read.length > 0,
      update: access.grants.update.length > 0,
      delete: access.grants.delete.length > 0,
    },
    writable: [...access.writable],
    events: Object.fromEntries([...access.events].map(([process, events]) => [process, [...events]])),
    views: {
      lists: lists.length > 0 ? lists : [trimList(defaultList(entity), may)!],
      forms: views.forms.map((f) => trimForm(f, may)).filter(present),
      boards: views.boards.map((b) => trimBoard(b, may)).filter(present),
    },
  };
}

/**
 * What of a published definition a user's roles let them see: the entities
 * they may read (only their readable fields, views trimmed to those fields,
 * generated lists and forms where the definition has none) and the
 * dashboards meant for them (those naming one of their roles, or, naming
 * none, those whose every entity they may read).
 *
 * @example
 * const visible = visibleDefinition(definition, ["sales_rep"]);
 * visible.entities.find((e) => e.name === "customer")?.access.delete; // false
 */
export function visibleDefinition(definition: Definition, roles: string[]): VisibleDefinition {
  const entities = [...definition.entities.keys()]
    .map((name) => entityAccess(definition, roles, name)!)
    .filter((access) => access.grants.read.length > 0)
    .map((access) => visibleEntity(definition, access));
  const names = new Set(entities.map((e) => e.name));
  const dashboards = [...definition.dashboards.values()]
    .filter((d) => (d.roles ? d.roles.some((r) => roles.includes(r)) : d.widgets.every((w) => names.has(w.entity))))
    .map(({ $schema: _schema, ...dashboard }) => dashboard);
  const { $schema: _schema, plugins: _plugins, ...app } = definition.app;
  return { app, entities, dashboards };
}
