import type { Definition, Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { always, and, columnIn, columnIs, never, type Predicate } from "../expressions/index.ts";
import { type EntityAccess, entityAccess, type Grant, type Operation } from "../permissions/access.ts";
import { matchesRecord } from "../permissions/evaluate.ts";
import { type ScopeUsers, scopePredicate } from "../permissions/scope.ts";
import { scopeUsers } from "../org/people.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { ExpressionUser } from "./compute.ts";
import type { RecordData } from "./values.ts";

/** Who is acting: a signed-in user, or the workspace's system user (command line, timers), to whom no permission applies. */
export interface Actor {
  id: string;
  username: string;
  roles: string[];
  orgUnitId?: string | null;
  managerId?: string | null;
  system?: boolean;
}

/** What one actor may do with one entity's records, decided before any query runs. */
export interface Guard {
  entity: Entity;
  /** The user as expressions see them (`user.org_unit` is the unit's code). */
  user: ExpressionUser;
  /** The records an operation may touch, as a predicate for the query. */
  predicate(operation: Operation): Predicate;
  /** Whether any of the actor's roles grants an operation on this entity at all. */
  may(operation: Operation): boolean;
  /** Whether the actor may write any field of this entity at all (on create or update). */
  writesAny(): boolean;
  /** Whether a field may appear in anything this actor sees. */
  readable(field: string): boolean;
  /** The record without the fields this actor may not read. */
  strip(record: RecordData): RecordData;
  /** Refuses (403, naming the field) a write of a field this actor may not write. */
  assertWritable(input: RecordData): void;
  /** The grant that allows an operation on a record in memory (a new record, a locked row), or 403. */
  allowOrThrow(operation: Operation, record: RecordData): void;
}

const scopes = new WeakMap<Actor, Promise<ScopeUsers>>();

/** Resolves (once per actor object, so once per request) whom the actor's subtree scope covers. */
export function actorScope(sql: Storage["sql"], workspaceId: string, actor: Actor): Promise<ScopeUsers> {
  let scope = scopes.get(actor);
  if (!scope) {
    scope = scopeUsers(sql, workspaceId, {
      id: actor.id,
      username: actor.username,
      roles: actor.roles,
      orgUnitId: actor.orgUnitId ?? null,
      managerId: actor.managerId ?? null,
    });
    scopes.set(actor, scope);
  }
  return scope;
}

const verbs: Record<Operation, string> = { create: "create", read: "read", update: "change", delete: "delete" };

function systemGuard(entity: Entity, actor: Actor): Guard {
  return {
    entity,
    user: { id: actor.id, username: actor.username, roles: actor.roles },
    predicate: () => always,
    may: () => true,
    writesAny: () => true,
    readable: () => true,
    strip: (record) => record,
    assertWritable: () => undefined,
    allowOrThrow: () => undefined,
  };
}

/** The owner may be set to whom the grant's scope covers: oneself (`own`), one's subtree, anyone (`all`). */
function ownerScope(grant: Grant, scope: ScopeUsers): Predicate {
  return grant.scope === "all"
    ? always
    : grant.scope === "own"
      ? columnIs("owner", scope.user.id)
      : columnIn("owner", scope.subtree);
}

function userGuard(entity: Entity, access: EntityAccess, scope: ScopeUsers): Guard {
  const predicates = new Map<Operation, Predicate>();
  return {
    entity,
    user: { ...scope.user },
    predicate(operation) {
      let predicate = predicates.get(operation);
      if (!predicate) predicates.set(operation, (predicate = scopePredicate(access.grants[operation], scope)));
      return predicate;
    },
    may: (operation) => access.grants[operation].length > 0,
    writesAny: () => access.writable.size > 0,
    readable: (field) => access.readable.has(field),
    strip(record) {
      return Object.fromEntries(Object.entries(record).filter(([name]) => access.readable.has(name)));
    },
    assertWritable(input) {
      for (const name of Object.keys(input)) {
        const declared = name === "owner" || entity.fields.some((f) => f.name === name);
        if (declared && !access.readable.has(name)) {
          // A field the actor may not read does not exist for them, in errors too.
          throw new EngineError("validation_failed", `"${entity.name}" has no field "${name}"`, {
            problems: [{ field: name, code: "unknown_field", message: `"${entity.name}" has no field "${name}"` }],
          });
        }
        if (declared && !access.writable.has(name)) {
          throw new EngineError("forbidden", `you may not write "${name}" of a ${entity.name}`, {
            problems: [{ field: name, code: "forbidden", message: "not writable for your roles" }],
          });
        }
      }
    },
    allowOrThrow(operation, record) {
      const grants = access.grants[operation];
      const allowed =
        operation === "create"
          ? grants.some((g) =>
              matchesRecord(and([ownerScope(g, scope), scopePredicate([{ ...g, scope: "all" }], scope)]), record),
            )
          : matchesRecord(scopePredicate(grants, scope), record);
      if (!allowed) {
        throw new EngineError(
          "forbidden",
          grants.length === 0
            ? `your roles may not ${verbs[operation]} ${entity.pluralLabel.en ?? entity.name}`
            : `your roles may not ${verbs[operation]} this ${entity.name}`,
        );
      }
    },
  };
}

/**
 * Decides what an actor may do with an entity: the merged grants of their
 * roles, the users their subtree covers, the fields they may read and write.
 * The system actor may do everything.
 *
 * @example
 * const guard = await guardFor(storage.sql, context, actor, customer);
 * sql`select * from customer where ${predicateSql(sql, customer, guard.predicate("read"))}`;
 */
export async function guardFor(
  sql: Storage["sql"],
  context: { workspaceId: string; definition: Definition },
  actor: Actor,
  entity: Entity,
): Promise<Guard> {
  if (actor.system) return systemGuard(entity, actor);
  const access = entityAccess(context.definition, actor.roles, entity.name);
  const scope = await actorScope(sql, context.workspaceId, actor);
  if (!access)
    return {
      ...systemGuard(entity, actor),
      predicate: () => never,
      may: () => false,
      writesAny: () => false,
      readable: () => false,
    };
  return userGuard(entity, access, scope);
}
