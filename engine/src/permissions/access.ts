import type { Definition, Entity, Permission } from "../definitions/index.ts";
import { systemFields } from "../definitions/index.ts";

export type Scope = "own" | "subtree" | "all";
export type Operation = "create" | "read" | "update" | "delete";

/** One grant of one role: an operation within a scope, maybe with a condition. */
export interface Grant {
  role: string;
  scope: Scope;
  condition?: string;
}

/** What a user's roles, together, allow on one entity. */
export interface EntityAccess {
  entity: Entity;
  grants: Record<Operation, Grant[]>;
  /** Fields the user may read: the union over the roles that grant reading. */
  readable: Set<string>;
  /** Fields the user may write on create and update. */
  writable: Set<string>;
  /** Events the user may fire, by process. */
  events: Map<string, Set<string>>;
}

const operations: Operation[] = ["create", "read", "update", "delete"];

function grantOf(role: string, value: Permission[Operation]): Grant | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string"
    ? { role, scope: value }
    : { role, scope: value.scope, ...(value.condition ? { condition: value.condition } : {}) };
}

/** The fields an allow-list names: for reading, the system fields too; for writing, only writable fields and the owner. */
function expand(list: string[] | undefined, entity: Entity, writable: boolean): string[] {
  const fields = entity.fields.filter((f) => !writable || (f.type !== "computed" && !f.readOnly)).map((f) => f.name);
  const named =
    !list || list.includes("*")
      ? fields
      : list.filter((name) => fields.includes(name) || (writable && name === "owner"));
  return writable ? named : [...named, ...Object.keys(systemFields)];
}

/**
 * Merges what a user's roles allow on an entity: the grants of each
 * operation (a record is allowed when any grant matches it), and the fields
 * and events allowed by any role. Roles the definition does not know grant
 * nothing.
 *
 * @example
 * const access = entityAccess(definition, ["sales_rep"], "customer");
 * access.grants.read; // [{ role: "sales_rep", scope: "own" }]
 * access.readable.has("annual_revenue"); // true
 */
export function entityAccess(definition: Definition, roles: string[], entityName: string): EntityAccess | undefined {
  const entity = definition.entities.get(entityName);
  if (!entity) return undefined;
  const access: EntityAccess = {
    entity,
    grants: { create: [], read: [], update: [], delete: [] },
    readable: new Set(),
    writable: new Set(),
    events: new Map(),
  };
  for (const roleName of roles) {
    const permission = definition.roles.get(roleName)?.permissions.find((p) => p.entity === entityName);
    if (!permission) continue;
    for (const operation of operations) {
      const grant = grantOf(roleName, permission[operation]);
      if (grant) access.grants[operation].push(grant);
    }
    if (permission.read) for (const name of expand(permission.fields?.read, entity, false)) access.readable.add(name);
    if (permission.create || permission.update)
      for (const name of expand(permission.fields?.write, entity, true)) access.writable.add(name);
    for (const [process, events] of Object.entries(permission.events ?? {})) {
      const all = events.includes("*") ? Object.keys(definition.processes.get(process)?.events ?? {}) : events;
      const set = access.events.get(process) ?? new Set<string>();
      for (const event of all) set.add(event);
      access.events.set(process, set);
    }
  }
  return access;
}

/**
 * Whether a user's roles allow firing an event: a right of its own,
 * separate from updating the record.
 *
 * @example
 * canFireEvent(access, "complaint_escalation", "resolve"); // true for a service agent
 */
export function canFireEvent(access: EntityAccess | undefined, process: string, event: string): boolean {
  return access?.events.get(process)?.has(event) ?? false;
}
