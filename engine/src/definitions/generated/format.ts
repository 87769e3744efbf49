/* This file is generated from definitions/schema/*.schema.json by `pnpm generate`; do not edit it by hand. */

/**
 * A field of the entity; `type` decides which other properties it takes. A plugin's field type, `<plugin>.<name>` (a plugin app.json enables), takes the properties of the type it refines and is that type once validated.
 */
export type Field =
  | TextField
  | NumberField
  | MoneyField
  | DateField
  | DatetimeField
  | BooleanField
  | EnumField
  | MultiEnumField
  | ContactField
  | ReferenceField
  | UserField
  | AttachmentField
  | ComputedField;
/**
 * `text`: one line; `long_text`: paragraphs.
 */
export type TextField = FieldPropertiesEveryTypeHas & {
  type: "text" | "long_text";
  minLength?: number;
  maxLength?: number;
  /**
   * A regular expression every value must match.
   */
  pattern?: string;
  default?: string;
};
/**
 * `number`; `percent`, where 25 means 25%.
 */
export type NumberField = FieldPropertiesEveryTypeHas & {
  type: "number" | "percent";
  min?: number;
  max?: number;
  /**
   * Digits after the decimal point; 0 makes an integer.
   */
  scale?: number;
  default?: number;
};
/**
 * An amount of money, 2 decimal places unless `scale` says otherwise.
 */
export type MoneyField = FieldPropertiesEveryTypeHas & {
  type: "money";
  min?: number;
  max?: number;
  /**
   * Digits after the decimal point; 0 makes an integer.
   */
  scale?: number;
  default?: number;
  /**
   * ISO 4217 code; the app's currency by default.
   */
  currency?: string;
};
/**
 * A calendar date (`2026-03-31`).
 */
export type DateField = FieldPropertiesEveryTypeHas & {
  type: "date";
  default?: string;
};
/**
 * An instant (`2026-03-31T09:30:00Z`).
 */
export type DatetimeField = FieldPropertiesEveryTypeHas & {
  type: "datetime";
  default?: string;
};
export type BooleanField = FieldPropertiesEveryTypeHas & {
  type: "boolean";
  default?: boolean;
};
/**
 * One value out of `options`.
 */
export type EnumField = FieldPropertiesEveryTypeHas & {
  type: "enum";
  /**
   * @minItems 1
   */
  options: [Option, ...Option[]];
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  default?: string;
};
/**
 * Several values out of `options`.
 */
export type MultiEnumField = FieldPropertiesEveryTypeHas & {
  type: "multi_enum";
  /**
   * @minItems 1
   */
  options: [Option, ...Option[]];
  minItems?: number;
  maxItems?: number;
  /**
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  default?: string[];
};
/**
 * An email address, a phone number (E.164 or local digits) or a web address, checked for form.
 */
export type ContactField = FieldPropertiesEveryTypeHas & {
  type: "email" | "phone" | "url";
  maxLength?: number;
  default?: string;
};
/**
 * A link to a record of `entity`.
 */
export type ReferenceField = FieldPropertiesEveryTypeHas & {
  type: "reference";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  /**
   * What deleting the referenced record does to this one.
   */
  onDelete?: "restrict" | "set_null" | "cascade";
};
/**
 * A user of the workspace, or several with `multiple`.
 */
export type UserField = FieldPropertiesEveryTypeHas & {
  type: "user";
  /**
   * Several users (a virtual sales team) instead of one.
   */
  multiple?: boolean;
};
/**
 * Files.
 */
export type AttachmentField = FieldPropertiesEveryTypeHas & {
  type: "attachment";
  multiple?: boolean;
  maxSizeMb?: number;
  /**
   * Media types accepted, such as `application/pdf` or `image/*`.
   */
  accept?: string[];
};
/**
 * A value computed from the record's other fields.
 */
export type ComputedField = FieldPropertiesEveryTypeHas & {
  type: "computed";
  /**
   * CEL over the record's fields (`record.amount * record.probability / 100.0`), evaluated on every write and stored so that lists and dashboards can sort and sum it.
   */
  expression: string;
  resultType: "text" | "number" | "money" | "percent" | "boolean" | "date" | "datetime";
  scale?: number;
};
/**
 * Field names, or `["*"]` for every field.
 */
export type FieldList = ("*" | string)[];
export type Actions = StepCall[];
/**
 * A condition on one field, applied in SQL.
 */
export type Filter = {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  field: string;
  op:
    | "eq"
    | "ne"
    | "lt"
    | "lte"
    | "gt"
    | "gte"
    | "in"
    | "not_in"
    | "contains"
    | "empty"
    | "not_empty"
    | "is_current_user";
  value?: unknown;
};
export type Sort = {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  field: string;
  direction?: "asc" | "desc";
}[];
export type Widget = {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  /**
   * `metric`: one figure. `bar`, `line`, `pie`: a measure per group. `funnel`: a measure per process state, in the process's order. `target_vs_actual`: two measures side by side per group. `table`: records.
   */
  type: "metric" | "bar" | "line" | "pie" | "funnel" | "target_vs_actual" | "table";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  measure?: Measure;
  target?: Measure1;
  /**
   * @minItems 1
   * @maxItems 2
   */
  groupBy?: [GroupBy] | [GroupBy, GroupBy];
  filters?: Filter[];
  /**
   * For `table`: the fields shown.
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  columns?: string[];
  sort?: Sort;
  limit?: number;
} & {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  /**
   * `metric`: one figure. `bar`, `line`, `pie`: a measure per group. `funnel`: a measure per process state, in the process's order. `target_vs_actual`: two measures side by side per group. `table`: records.
   */
  type: "metric" | "bar" | "line" | "pie" | "funnel" | "target_vs_actual" | "table";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  measure?: Measure;
  target?: Measure1;
  /**
   * @minItems 1
   * @maxItems 2
   */
  groupBy?: [GroupBy] | [GroupBy, GroupBy];
  filters?: Filter[];
  /**
   * For `table`: the fields shown.
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  columns?: string[];
  sort?: Sort;
  limit?: number;
};
/**
 * One axis: a field (dates by `interval`), a process's state, or the record's owner or owner's org unit.
 */
export type GroupBy = {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  field?: string;
  interval?: "day" | "week" | "month" | "quarter" | "year";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  process?: string;
} & (
  | {
      [k: string]: unknown;
    }
  | {
      [k: string]: unknown;
    }
) & {
    /**
     * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
     */
    field?: string;
    interval?: "day" | "week" | "month" | "quarter" | "year";
    /**
     * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
     */
    process?: string;
  } & (
    | {
        [k: string]: unknown;
      }
    | {
        [k: string]: unknown;
      }
  );

export interface DefinitionFormat {
  app?: AppManifest;
  entity?: Entity;
  role?: Role;
  process?: Process;
  view?: ViewsOfAnEntity;
  dashboard?: Dashboard;
}
/**
 * `app.json`, at the root of a definition folder: what the app is, its version, its languages, its navigation and the plugins it uses. The folder holds `entities/`, `roles/`, `processes/`, `views/` and `dashboards/` beside it.
 */
export interface AppManifest {
  $schema?: string;
  /**
   * The app's identifier, the same for every version.
   */
  id: string;
  /**
   * The semantic version of this definition (`1.4.0`). Publishing never reuses a version with different content.
   */
  version: string;
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * The languages every label is given in; the first is the default.
   *
   * @minItems 1
   *
   * Items: A BCP 47 language tag such as `en`, `zh`, `ko` or `pt-BR`.
   */
  locales: [string, ...string[]];
  /**
   * The IANA time zone the client works in (`Asia/Shanghai`), used for dates, business days and dashboards' periods.
   */
  timezone?: string;
  /**
   * The default ISO 4217 currency of money fields.
   */
  currency?: string;
  /**
   * The navigation: groups of entities and dashboards, in order.
   *
   * @minItems 1
   */
  modules: [
    {
      /**
       * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      name: string;
      label: LocalizedLabel;
      /**
       * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      entities?: string[];
      /**
       * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      dashboards?: string[];
    },
    ...{
      /**
       * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      name: string;
      label: LocalizedLabel;
      /**
       * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      entities?: string[];
      /**
       * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      dashboards?: string[];
    }[]
  ];
  /**
   * The plugins this app's processes use, by package name. A step `name.step` needs its plugin listed here.
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  plugins?: string[];
}
/**
 * Text in each of the app's locales, keyed by locale: `{"en": "Customer", "zh": "客户", "ko": "고객"}`.
 */
export interface LocalizedLabel {
  [k: string]: string;
}
/**
 * `entities/<name>.json`: one kind of record (customer, opportunity, complaint) and its fields. Each entity becomes a table. Every record also has the system fields `id`, `owner`, `created_at`, `created_by`, `updated_at`, `updated_by` and `version`, which an entity does not declare.
 */
export interface Entity {
  $schema?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  pluralLabel: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  titleField: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  renamedFrom?: string;
  /**
   * @minItems 1
   */
  fields: [Field, ...Field[]];
  /**
   * Indexes beyond those made for every entity (owner, updated time, references, title search).
   */
  indexes?: {
    /**
     * @minItems 1
     *
     * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
     */
    fields: [string, ...string[]];
    unique?: boolean;
  }[];
}
export interface FieldPropertiesEveryTypeHas {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  type:
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
  label: LocalizedLabel;
  description?: LocalizedLabel;
  required?: boolean;
  unique?: boolean;
  /**
   * Keep every change of this field (who, when, old value, new value) in the record's history.
   */
  track?: boolean;
  /**
   * Set only by processes and steps, never by a user's form or API write.
   */
  readOnly?: boolean;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  renamedFrom?: string;
  /**
   * The value a new record gets when none is given.
   */
  default?: string | number | boolean | unknown[];
  /**
   * A CEL expression giving the value a new record gets when none is given; `now` and `user` are in scope.
   */
  defaultExpression?: string;
}
export interface Option {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  value: string;
  label: LocalizedLabel;
}
/**
 * `roles/<name>.json`: what the holders of a role may do. A user may hold several roles; the union of their grants applies. What a role does not grant is denied.
 */
export interface Role {
  $schema?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * Rights beyond records: `manage_users` (add, deactivate, hand over users), `manage_org` (org units and placements), `explain_access` (ask why someone can or cannot see a record), `manage_definition` (publish versions, migrate instances), `view_audit` (read the audit log).
   */
  capabilities?: ("manage_users" | "manage_org" | "explain_access" | "manage_definition" | "view_audit")[];
  /**
   * One entry per entity the role may touch.
   */
  permissions: Permission[];
}
export interface Permission {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  /**
   * Create records; the scope says whom the user may make owner (`own`: themselves only).
   */
  create?:
    | ("own" | "subtree" | "all")
    | {
        /**
         * `own`: records the user owns. `subtree`: records owned by anyone in the user's org unit and the units below it, and by the user's direct and indirect reports. `all`: every record.
         */
        scope: "own" | "subtree" | "all";
        /**
         * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
         */
        condition?: string;
      };
  /**
   * An operation allowed within a scope, either as the scope alone (`"own"`) or with a CEL condition on the record and the user (`{"scope": "own", "condition": "record.status != 'closed'"}`).
   */
  read?:
    | ("own" | "subtree" | "all")
    | {
        /**
         * `own`: records the user owns. `subtree`: records owned by anyone in the user's org unit and the units below it, and by the user's direct and indirect reports. `all`: every record.
         */
        scope: "own" | "subtree" | "all";
        /**
         * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
         */
        condition?: string;
      };
  /**
   * An operation allowed within a scope, either as the scope alone (`"own"`) or with a CEL condition on the record and the user (`{"scope": "own", "condition": "record.status != 'closed'"}`).
   */
  update?:
    | ("own" | "subtree" | "all")
    | {
        /**
         * `own`: records the user owns. `subtree`: records owned by anyone in the user's org unit and the units below it, and by the user's direct and indirect reports. `all`: every record.
         */
        scope: "own" | "subtree" | "all";
        /**
         * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
         */
        condition?: string;
      };
  /**
   * An operation allowed within a scope, either as the scope alone (`"own"`) or with a CEL condition on the record and the user (`{"scope": "own", "condition": "record.status != 'closed'"}`).
   */
  delete?:
    | ("own" | "subtree" | "all")
    | {
        /**
         * `own`: records the user owns. `subtree`: records owned by anyone in the user's org unit and the units below it, and by the user's direct and indirect reports. `all`: every record.
         */
        scope: "own" | "subtree" | "all";
        /**
         * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
         */
        condition?: string;
      };
  /**
   * Field-level allow-lists. A field not in `read` never appears in any response; a field not in `write` is refused on create and update. Both default to every field (`["*"]`).
   */
  fields?: {
    read?: FieldList;
    write?: FieldList;
  };
  /**
   * The process events the role may fire on records it can read, by process: `{"complaint_handling": ["resolve", "close"]}`; `["*"]` for every event of that process. Firing an event is its own right, separate from update.
   */
  events?: {
    /**
     * @minItems 1
     */
    [k: string]: ["*" | string, ...("*" | string)[]];
  };
}
/**
 * `processes/<name>.json`: a state machine bound to an entity, in XState's machine JSON: `initial`, `states`, `on`, `after`, `entry`, `exit`, guards and actions as `{"type", "params"}`. Each record of the entity has one instance of each of its processes. Approval states add `approval`.
 */
export interface Process {
  $schema?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  /**
   * `create`: an instance starts with every new record. `manual`: an instance starts when a user or step starts it.
   */
  start?: "create" | "manual";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  stateField?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  initial: string;
  /**
   * The events users and steps may send, with their labels (the buttons' text) and the JSON Schema of the data they carry.
   */
  events: {
    [k: string]: Event;
  };
  states: {
    [k: string]: State;
  };
}
export interface Event {
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * A JSON Schema (object) for the data the event carries, such as a reason.
   */
  data?: {
    [k: string]: unknown;
  };
}
export interface State {
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * `final`: the process ends here.
   */
  type?: "final";
  entry?: Actions;
  exit?: Actions;
  /**
   * Transitions by event name.
   */
  on?: {
    /**
     * A target state's name, a transition object, or a list of guarded transitions of which the first whose guard holds is taken.
     */
    [k: string]: string | TransitionObject | [TransitionObject, ...TransitionObject[]];
  };
  /**
   * Timers: transitions taken when the state has lasted an ISO-8601 duration (`PT24H`), cancelled when the state is left first.
   */
  after?: {
    /**
     * A target state's name, a transition object, or a list of guarded transitions of which the first whose guard holds is taken.
     */
    [k: string]: string | TransitionObject | [TransitionObject, ...TransitionObject[]];
  };
  approval?: Approval;
}
/**
 * A reference to behaviour supplied by the engine or a plugin, by name: a built-in step (`set_fields`) or a plugin's step (`messaging.send_email`), with its params. The params are checked against the step's own JSON Schema.
 */
export interface StepCall {
  type: string;
  params?: {
    [k: string]: unknown;
  };
  description?: string;
}
export interface TransitionObject {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  target?: string;
  guard?: Guard;
  actions?: Actions;
  description?: string;
}
/**
 * A condition on a transition: the built-in `expression` guard (`{"type": "expression", "params": {"expression": "record.amount > 0.0"}}`) with `record`, `event`, `user` and `now` in scope, or a plugin's guard by name.
 */
export interface Guard {
  type: string;
  params?: {
    [k: string]: unknown;
  };
}
/**
 * Makes the state an approval: its levels run in order, each one resolving its approvers when it starts; approvers decide from their inbox (approve, reject with a reason, return to the submitter, delegate).
 */
export interface Approval {
  /**
   * @minItems 1
   */
  levels: [ApprovalLevel, ...ApprovalLevel[]];
  /**
   * Whether an approver may pass the decision to another user who holds the right.
   */
  delegation?: boolean;
  /**
   * What happens when a level waits too long: `escalate` adds the waiting approvers' managers as approvers, `reject` rejects, `approve` approves.
   */
  timeout?: {
    /**
     * A duration such as `PT24H`, `P3D` or `P1M`.
     */
    after: string;
    then: "escalate" | "reject" | "approve";
  };
  /**
   * A target state's name, a transition object, or a list of guarded transitions of which the first whose guard holds is taken.
   */
  onApproved: string | TransitionObject | [TransitionObject, ...TransitionObject[]];
  /**
   * A target state's name, a transition object, or a list of guarded transitions of which the first whose guard holds is taken.
   */
  onRejected: string | TransitionObject | [TransitionObject, ...TransitionObject[]];
  /**
   * A target state's name, a transition object, or a list of guarded transitions of which the first whose guard holds is taken.
   */
  onReturned?: string | TransitionObject | [TransitionObject, ...TransitionObject[]];
}
export interface ApprovalLevel {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  /**
   * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
   */
  when?: string;
  /**
   * Who decides at this level, resolved from the org when the level starts.
   *
   * @minItems 1
   */
  approvers: [PeopleRule, ...PeopleRule[]];
  /**
   * `any`: the first decision counts. `all`: every approver must approve. `quorum`: `quorum` approvals are needed.
   */
  mode?: "any" | "all" | "quorum";
  quorum?: number;
}
/**
 * Names people relative to a record and the organization, resolved when it is used: `owner`, `manager` (of the owner, the submitter or the approver, a number of levels up), `role` (the holders of a role, searched up the owner's org units or across the company), `user` (by username), `field` (the user in a user field of the record), `submitter`, `approvers`.
 */
export interface PeopleRule {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  type: string;
  params?: {
    [k: string]: unknown;
  };
}
/**
 * `views/<entity>.json`: how an entity's records look: forms (sections, field order, visibility rules), lists (columns, default filters and sort) and boards (cards grouped by process state). An entity without views gets generated defaults.
 */
export interface ViewsOfAnEntity {
  $schema?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  entity: string;
  forms?: Form[];
  lists?: List[];
  boards?: Board[];
}
export interface Form {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label?: LocalizedLabel;
  /**
   * @minItems 1
   */
  sections: [
    {
      /**
       * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      name: string;
      label: LocalizedLabel;
      columns?: number;
      /**
       * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
       */
      visibleWhen?: string;
      /**
       * @minItems 1
       *
       * Items: A field's name, or the field with a visibility rule: `{"field": "lost_reason", "visibleWhen": "record.stage == 'lost'"}`.
       */
      fields: [
        (
          | string
          | {
              /**
               * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
               */
              field: string;
              /**
               * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
               */
              visibleWhen?: string;
              readOnly?: boolean;
              width?: "full" | "half";
            }
        ),
        ...(
          | string
          | {
              /**
               * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
               */
              field: string;
              /**
               * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
               */
              visibleWhen?: string;
              readOnly?: boolean;
              width?: "full" | "half";
            }
        )[]
      ];
    },
    ...{
      /**
       * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
       */
      name: string;
      label: LocalizedLabel;
      columns?: number;
      /**
       * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
       */
      visibleWhen?: string;
      /**
       * @minItems 1
       *
       * Items: A field's name, or the field with a visibility rule: `{"field": "lost_reason", "visibleWhen": "record.stage == 'lost'"}`.
       */
      fields: [
        (
          | string
          | {
              /**
               * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
               */
              field: string;
              /**
               * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
               */
              visibleWhen?: string;
              readOnly?: boolean;
              width?: "full" | "half";
            }
        ),
        ...(
          | string
          | {
              /**
               * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
               */
              field: string;
              /**
               * An expression in the Common Expression Language, compiled and type-checked when the definition is validated. Never code: no side effects, no loops.
               */
              visibleWhen?: string;
              readOnly?: boolean;
              width?: "full" | "half";
            }
        )[]
      ];
    }[]
  ];
}
export interface List {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  /**
   * @minItems 1
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  columns: [string, ...string[]];
  filters?: Filter[];
  sort?: Sort;
  pageSize?: number;
}
export interface Board {
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  process: string;
  /**
   * The states shown, in order; every non-final state by default.
   *
   * @minItems 1
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  columns?: [string, ...string[]];
  card: {
    /**
     * The fields shown on a card under its title.
     *
     * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
     */
    fields: string[];
    /**
     * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
     */
    sum?: string;
  };
  filters?: Filter[];
}
/**
 * `dashboards/<name>.json`: charts and figures over records, each computed in SQL within the viewer's data scope.
 */
export interface Dashboard {
  $schema?: string;
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  name: string;
  label: LocalizedLabel;
  description?: LocalizedLabel;
  /**
   * The roles that see the dashboard; every role that can read its entities by default.
   *
   * Items: An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  roles?: string[];
  /**
   * @minItems 1
   */
  widgets: [Widget, ...Widget[]];
}
/**
 * What is counted or summed: `{"aggregate": "count"}` or `{"aggregate": "sum", "field": "amount"}`.
 */
export interface Measure {
  aggregate: "count" | "sum" | "avg" | "min" | "max";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  field?: string;
  label?: LocalizedLabel;
}
/**
 * What is counted or summed: `{"aggregate": "count"}` or `{"aggregate": "sum", "field": "amount"}`.
 */
export interface Measure1 {
  aggregate: "count" | "sum" | "avg" | "min" | "max";
  /**
   * An identifier: lower snake_case, starting with a letter, at most 48 characters. Names are used in URLs, SQL and CEL, so they never change meaning once published.
   */
  field?: string;
  label?: LocalizedLabel;
}
