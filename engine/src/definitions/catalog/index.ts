import { approvers } from "./people/approvers.ts";
import { field } from "./people/field.ts";
import { manager } from "./people/manager.ts";
import { owner } from "./people/owner.ts";
import { role } from "./people/role.ts";
import { submitter } from "./people/submitter.ts";
import { user } from "./people/user.ts";
import { expressionGuard } from "./guards/expression.ts";
import { appendActivity } from "./steps/append-activity.ts";
import { cancelReminder } from "./steps/cancel-reminder.ts";
import { createRecord } from "./steps/create-record.ts";
import { notify } from "./steps/notify.ts";
import { scheduleReminder } from "./steps/schedule-reminder.ts";
import { setFields } from "./steps/set-fields.ts";
import type {
  Catalog,
  ConfigDeclaration,
  FieldTypeDeclaration,
  GuardDeclaration,
  PeopleDeclaration,
  StepDeclaration,
} from "./types.ts";

const byType = <T extends { type: string }>(items: T[]) => new Map(items.map((item) => [item.type, item]));

/**
 * The built-in steps, guards and people resolvers, one registration line each.
 * Plugins add theirs with {@link extendCatalog}.
 *
 * @example
 * builtInCatalog().steps.get("set_fields")?.description;
 */
export function builtInCatalog(): Catalog {
  return {
    steps: byType<StepDeclaration>([setFields, createRecord, notify, appendActivity, scheduleReminder, cancelReminder]),
    guards: byType<GuardDeclaration>([expressionGuard]),
    people: byType<PeopleDeclaration>([owner, submitter, approvers, manager, role, user, field]),
    configs: new Map(),
    fieldTypes: new Map(),
  };
}

/**
 * Adds a plugin's steps, guards and field types to a catalog under the
 * plugin's name (`messaging.send_email`), and its configuration's declaration.
 *
 * @example
 * const catalog = extendCatalog(builtInCatalog(), "messaging", { steps: [sendEmail] });
 */
export function extendCatalog(
  catalog: Catalog,
  plugin: string,
  additions: {
    steps?: StepDeclaration[];
    guards?: GuardDeclaration[];
    fieldTypes?: FieldTypeDeclaration[];
    config?: ConfigDeclaration;
  },
): Catalog {
  const steps = new Map(catalog.steps);
  const guards = new Map(catalog.guards);
  const configs = new Map(catalog.configs);
  const fieldTypes = new Map(catalog.fieldTypes);
  for (const step of additions.steps ?? []) steps.set(`${plugin}.${step.type}`, step);
  for (const guard of additions.guards ?? []) guards.set(`${plugin}.${guard.type}`, guard);
  for (const fieldType of additions.fieldTypes ?? []) fieldTypes.set(`${plugin}.${fieldType.type}`, fieldType);
  if (additions.config) configs.set(plugin, additions.config);
  return { steps, guards, people: catalog.people, configs, fieldTypes };
}

export type {
  Catalog,
  ConfigDeclaration,
  FieldTypeDeclaration,
  GuardDeclaration,
  PeopleDeclaration,
  StepDeclaration,
} from "./types.ts";

let installed: Catalog | undefined;

/**
 * Makes a catalog (the built-in one extended with this engine process's
 * plugins) the one definitions are validated against by default: at publish,
 * and when a stored version is loaded. Set once at start, before any definition is read.
 *
 * @example
 * installCatalog(extendCatalog(builtInCatalog(), "messaging", { steps: [sendEmail] }));
 */
export function installCatalog(catalog: Catalog): void {
  installed = catalog;
}

/** The catalog definitions are validated against: the installed one, else the built-in one. */
export function defaultCatalog(): Catalog {
  return installed ?? builtInCatalog();
}
