/** The shapes of the HTTP API's answers that the studio reads (see docs/api.md). */

export type {
  Notification,
  Person,
  ProcessView,
  SavedFilter,
  Stats,
  Task,
  UpcomingTimer,
} from "@temper/engine/answers";
import type { ProcessView } from "@temper/engine/answers";

/** Text in each of the app's locales: `{"en": "Customer", "zh": "客户"}`. */
export type Label = Record<string, string>;

export type FieldType =
  | "text"
  | "long_text"
  | "number"
  | "money"
  | "percent"
  | "date"
  | "datetime"
  | "boolean"
  | "enum"
  | "multi_enum"
  | "email"
  | "phone"
  | "url"
  | "reference"
  | "user"
  | "attachment"
  | "computed";

export interface FieldOption {
  value: string;
  label: Label;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  label: Label;
  description?: Label;
  required?: boolean;
  readOnly?: boolean;
  options?: FieldOption[];
  /** The referenced entity, for a reference field. */
  entity?: string;
  /** What deleting the referenced record does to this one: `cascade` makes this record part of it (a quote's lines). */
  onDelete?: "restrict" | "cascade" | "set_null";
  multiple?: boolean;
  scale?: number;
  currency?: string;
  /** The type of a computed field's values. */
  resultType?: FieldType;
  /** A literal default for new records. */
  default?: unknown;
  /** A CEL expression (`user`, `now`) giving the default for new records. */
  defaultExpression?: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** Whether every change is kept in the record's history. */
  track?: boolean;
}

export type FilterOp =
  "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "not_in" | "contains" | "empty" | "not_empty" | "is_current_user";

export interface ViewFilter {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export interface SortKey {
  field: string;
  direction?: "asc" | "desc";
}

export interface ListView {
  name: string;
  label: Label;
  columns: string[];
  filters?: ViewFilter[];
  sort?: SortKey[];
  pageSize?: number;
}

export type FormItem = string | { field: string; visibleWhen?: string; readOnly?: boolean; width?: "full" | "half" };

export interface FormView {
  name: string;
  label?: Label;
  sections: Array<{ name: string; label: Label; columns?: number; visibleWhen?: string; fields: FormItem[] }>;
}

export interface BoardView {
  name: string;
  label: Label;
  /** The process whose states are the columns. */
  process: string;
  /** The states shown, in order; every non-final state when left out. */
  columns?: string[];
  card: { fields: string[]; sum?: string };
  filters?: ViewFilter[];
}

export interface EntityDef {
  name: string;
  label: Label;
  pluralLabel: Label;
  description?: Label;
  titleField: string;
  fields: FieldDef[];
  access: { create: boolean; read: boolean; update: boolean; delete: boolean };
  writable: string[];
  events: Record<string, string[]>;
  views: { lists: ListView[]; forms: FormView[]; boards: BoardView[] };
}

export interface AppModule {
  name: string;
  label: Label;
  entities?: string[];
  dashboards?: string[];
}

export interface AppDef {
  id: string;
  version: string;
  label: Label;
  description?: Label;
  locales: string[];
  timezone?: string;
  currency?: string;
  modules: AppModule[];
}

/** What a widget counts or summarizes: `{aggregate: "count"}`, `{aggregate: "sum", field: "amount"}`. */
export interface MeasureDef {
  aggregate: "count" | "sum" | "avg" | "min" | "max";
  field?: string;
  label?: Label;
}

export type Interval = "day" | "week" | "month" | "quarter" | "year";

/** One axis of a widget: a field (dates by interval) or a process's states. */
export interface GroupByDef {
  field?: string;
  interval?: Interval;
  process?: string;
}

export type WidgetType = "metric" | "bar" | "line" | "pie" | "funnel" | "target_vs_actual" | "table";

export interface WidgetDef {
  name: string;
  label: Label;
  type: WidgetType;
  entity: string;
  measure?: MeasureDef;
  /** For `target_vs_actual`: the target's measure (`measure` is the actual). */
  target?: MeasureDef;
  groupBy?: GroupByDef[];
  filters?: ViewFilter[];
  /** For `table`: the fields shown. */
  columns?: string[];
  sort?: SortKey[];
  limit?: number;
}

export interface DashboardDef {
  name: string;
  label: Label;
  description?: Label;
  roles?: string[];
  widgets: WidgetDef[];
}

/** `GET /definition`: the published definition as the signed-in user may see it. */
export interface VisibleDefinition {
  app: AppDef;
  entities: EntityDef[];
  dashboards: DashboardDef[];
}

/** `GET /me`. */
export interface Me {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  unit: string | null;
  manager: string | null;
  roles: string[];
  capabilities: string[];
  workspace: { id: string; app: string; version: string };
}

/** One of `GET /org/units`, parents before children. */
export interface OrgUnit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  depth: number;
}

/** A record as the API returns it: field values and the system fields. */
export type RecordData = Record<string, unknown> & { id: string };

/** `GET /records/:entity`. */
export interface RecordPage {
  records: RecordData[];
  nextCursor?: string;
}

/** `GET /processes/:name`: a process as the user may see it. */
export interface ProcessDef {
  name: string;
  label: Label;
  description?: Label;
  entity: string;
  stateField: string | null;
  initial: string;
  states: Array<{
    name: string;
    label: Label;
    description?: Label;
    final: boolean;
    approval: boolean;
    /** An approval state's levels, in order. */
    levels?: Array<{ name: string; label: Label }>;
    transitions: Array<{ event: string; targets: string[] }>;
  }>;
  events: Array<{ name: string; label: Label; description?: Label; data?: JsonSchema; mayFire: boolean }>;
}

/** The part of JSON Schema an event's data is declared in. */
export interface JsonSchema {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  title?: string;
  description?: string;
  pattern?: string;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

/** One of `GET /records/:entity/:id/events`. */
export interface EventOption {
  process: string;
  event: string;
  label: Label;
  description?: Label;
  data?: JsonSchema;
  available: boolean;
  reason?: string;
  /** What refuses it: the user's roles, the state, or the event's conditions. */
  refused?: "forbidden" | "not_in_state" | "guard";
}

/** One row of `GET /records/:entity/stats`. */
export interface StatsRow {
  count: number;
  [group: string]: unknown;
}

/** `GET /records/:entity/schema`: the JSON Schemas of a create and an update, narrowed to the fields the user may write. */
export interface InputSchemas {
  create: JsonSchema;
  update: JsonSchema;
}

/** One problem of a refused write (`422`): the field, a stable code, the API's message. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** `GET /records/:entity/:id/access`: what the user may do with one record. */
export interface RecordAccess {
  update: boolean;
  delete: boolean;
  annotate: boolean;
  writable: string[];
}

/** One entry of a process's timeline (`GET /records/:entity/:id/process`). */
export type ProcessEntry = ProcessView["timeline"][number];

/** One of `GET /records/:entity/:id/history`. */
export interface HistoryEntry {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string;
  changedAt: string;
}

/** One of `GET /records/:entity/:id/annotations`. */
export interface Annotation {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}
