// An independent oracle of the CRM's permissions: what each user may do with
// each record, decided from the definition's role JSON read straight from
// disk, with scopes re-implemented simply and CEL conditions evaluated in
// memory. It shares nothing with the engine's permission code or SQL path.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileExpression, createExpressionEnvironment } from "../../engine/src/expressions/index.ts";

/** What a role's permission grants, per entity. */
export type Operation = "create" | "read" | "update" | "delete";
type Rule = string | { scope: string; condition?: string };

/** A role's permission on one entity, as written in the role's JSON. */
export interface PermissionJson {
  entity: string;
  create?: Rule;
  read?: Rule;
  update?: Rule;
  delete?: Rule;
  fields?: { read?: string[]; write?: string[] };
}
/** A field of an entity, as written in the entity's JSON (the parts the oracle and the matrix use). */
export interface FieldJson {
  name: string;
  type: string;
  required?: boolean;
  readOnly?: boolean;
  unique?: boolean;
  pattern?: string;
  multiple?: boolean;
  entity?: string;
  onDelete?: string;
  default?: unknown;
  defaultExpression?: string;
  minimum?: number;
  maximum?: number;
  min?: number;
  max?: number;
  options?: Array<{ value: string }>;
}
/** An entity, as written in its JSON. */
export interface EntityJson {
  name: string;
  titleField: string;
  fields: FieldJson[];
}

/** The parts of the CRM definition the oracle reads: entities and roles, as JSON. */
export interface Crm {
  entities: Map<string, EntityJson>;
  roles: Map<string, { name: string; permissions: PermissionJson[] }>;
  /** Entities whose new records get their owner from a process (`assignment.assign` on entering the initial state). */
  ownerAssigned: Set<string>;
}

interface ProcessJson {
  entity: string;
  start?: string;
  initial: string;
  states: Record<string, { entry?: Array<{ type: string }> }>;
}

/** The columns every record has besides its fields. */
export const systemFields = ["id", "owner", "created_at", "created_by", "updated_at", "updated_by", "version"];

/**
 * Reads a definition folder's entities and roles as plain JSON.
 *
 * @example
 * const crm = readCrm(crmFolder);
 * crm.roles.get("sales_rep")!.permissions.length; // 16
 */
export function readCrm(folder: string): Crm {
  const read = <T>(kind: string) =>
    readdirSync(join(folder, kind))
      .filter((file) => file.endsWith(".json"))
      .map((file) => JSON.parse(readFileSync(join(folder, kind, file), "utf8")) as T & { name: string });
  return {
    entities: new Map(read<EntityJson>("entities").map((e) => [e.name, e])),
    roles: new Map(read<{ permissions: PermissionJson[] }>("roles").map((r) => [r.name, r])),
    ownerAssigned: new Set(
      read<ProcessJson>("processes")
        .filter((p) => (p.start ?? "create") === "create")
        .filter((p) => p.states[p.initial]?.entry?.some((step) => step.type === "assignment.assign"))
        .map((p) => p.entity),
    ),
  };
}

/** An org unit and its parent, as the fixture planned them. */
export interface OrgUnitPlan {
  code: string;
  parent: string | null;
}
/** A user as the oracle knows them: id, roles, unit code and manager id. */
export interface OrgPerson {
  id: string;
  username: string;
  roles: string[];
  unit: string | null;
  managerId: string | null;
}

/**
 * Whom a `subtree` scope covers, re-implemented from the words: the
 * user, everyone placed in their unit or a unit below it, and their direct
 * and indirect reports.
 *
 * @example
 * subtreeOf(people, units, manager); // Set { manager.id, rep1.id, rep2.id, rep3.id }
 */
export function subtreeOf(people: OrgPerson[], units: OrgUnitPlan[], user: OrgPerson): Set<string> {
  const below = new Set<string>();
  const addUnit = (code: string) => {
    below.add(code);
    for (const child of units.filter((u) => u.parent === code)) addUnit(child.code);
  };
  if (user.unit) addUnit(user.unit);
  const covered = new Set([user.id, ...people.filter((p) => p.unit && below.has(p.unit)).map((p) => p.id)]);
  const reports = new Set<string>();
  const bosses = [user.id];
  while (bosses.length > 0) {
    const boss = bosses.pop();
    for (const p of people.filter((q) => q.managerId === boss && !reports.has(q.id))) {
      reports.add(p.id);
      bosses.push(p.id);
    }
  }
  for (const id of reports) covered.add(id);
  return covered;
}

const environment = createExpressionEnvironment({ record: "map", user: "map" });
const compiled = new Map<string, (variables: Record<string, unknown>) => unknown>();

/**
 * A record as CEL sees it in the oracle: empty values left out (a condition
 * about an empty field does not hold, as in SQL), empty multi-value fields as
 * empty lists.
 */
function celRecord(entity: EntityJson, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const field = entity.fields.find((f) => f.name === name);
    const many = field?.type === "multi_enum" || (field?.type === "user" && field.multiple);
    if (value === null || value === undefined) {
      if (many) out[name] = [];
    } else out[name] = value;
  }
  return out;
}

/** What one user may do, by the oracle. */
export class Oracle {
  constructor(
    readonly crm: Crm,
    readonly user: OrgPerson,
    readonly subtree: Set<string>,
  ) {}

  private permissions(entity: string): PermissionJson[] {
    return this.user.roles.flatMap((role) =>
      (this.crm.roles.get(role)?.permissions ?? []).filter((p) => p.entity === entity),
    );
  }

  entity(name: string): EntityJson {
    const entity = this.crm.entities.get(name);
    if (!entity) throw new Error(`the CRM has no entity "${name}"`);
    return entity;
  }

  /** Whether any of the user's roles grants the operation on the entity at all. */
  hasGrant(operation: Operation, entity: string): boolean {
    return this.permissions(entity).some((p) => p[operation] !== undefined);
  }

  private holds(condition: string, entity: string, record: Record<string, unknown>): boolean {
    let program = compiled.get(condition);
    if (!program) compiled.set(condition, (program = compileExpression(environment, condition)));
    const { id, username, roles, unit, managerId } = this.user;
    try {
      const user = { id, username, roles, org_unit: unit ?? "", manager: managerId ?? "" };
      return program({ record: celRecord(this.entity(entity), record), user }) === true;
    } catch {
      return false;
    }
  }

  private inScope(scope: string, owner: unknown): boolean {
    if (scope === "all") return true;
    if (scope === "own") return owner === this.user.id;
    if (scope === "subtree") return this.subtree.has(String(owner));
    throw new Error(`unknown scope "${scope}"`);
  }

  /** Whether the user may do `operation` to the record (for create: the record as it would be stored). */
  can(operation: Operation, entity: string, record: Record<string, unknown>): boolean {
    return this.permissions(entity).some((p) => {
      const rule = p[operation];
      if (rule === undefined) return false;
      const { scope, condition } = typeof rule === "string" ? { scope: rule, condition: undefined } : rule;
      return this.inScope(scope, record.owner) && (!condition || this.holds(condition, entity, record));
    });
  }

  /** The fields the user may see: a role's read list (all fields without one) and the system fields, for roles that read. */
  readable(entity: string): Set<string> {
    const names = this.entity(entity).fields.map((f) => f.name);
    const out = new Set<string>();
    for (const p of this.permissions(entity).filter((q) => q.read !== undefined)) {
      for (const name of p.fields?.read ?? names) if (names.includes(name)) out.add(name);
      for (const name of systemFields) out.add(name);
    }
    return out;
  }

  /** The fields the user may write: a role's write list (else every field neither computed nor read-only); `owner` only when listed. */
  writable(entity: string): Set<string> {
    const fields = this.entity(entity).fields;
    const open = fields.filter((f) => f.type !== "computed" && !f.readOnly).map((f) => f.name);
    const out = new Set<string>();
    for (const p of this.permissions(entity).filter((q) => q.create !== undefined || q.update !== undefined)) {
      for (const name of p.fields?.write ?? open) if (open.includes(name) || name === "owner") out.add(name);
    }
    return out;
  }
}
