import { EngineError } from "../errors.ts";
import { entityAccess } from "../permissions/access.ts";
import type { Storage } from "../storage/platform/database.ts";
import { annotationRefusal } from "./annotations.ts";
import { type Actor, actorScope, guardFor } from "./guard.ts";
import { inputSchema } from "./input-schema.ts";
import { selectScoped } from "./read.ts";
import { entityOrThrow, type WorkspaceContext } from "./service.ts";

/** What one user may do with one record they can read, decided the way the write paths decide it. */
export interface RecordAccess {
  /** Whether they may change it (their update grants cover it as it is now, and they may write some field). */
  update: boolean;
  /** Whether they may delete it. */
  delete: boolean;
  /** Whether they may annotate it (a manager over its owner, not the owner). */
  annotate: boolean;
  /** The fields they may write: on create, and on update when `update` is true. */
  writable: string[];
}

/**
 * What an actor may do with a record they can read: change, delete,
 * annotate, and which fields they may write; `not_found` when they cannot
 * read it.
 *
 * @example
 * await recordAccess(storage, context, rep, "quote", quoteId); // { update: false, delete: false, annotate: false, writable: [...] } once it left draft
 */
export async function recordAccess(
  storage: Storage,
  context: WorkspaceContext,
  actor: Actor,
  entityName: string,
  id: string,
): Promise<RecordAccess> {
  const { sql } = storage;
  const entity = entityOrThrow(context.definition, entityName);
  const g = await guardFor(sql, context, actor, entity);
  const record = await selectScoped(sql, sql`${sql(context.schema)}.${sql(entity.name)}`, g, id);
  if (!record) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
  const allows = (operation: "update" | "delete") => {
    try {
      g.allowOrThrow(operation, record);
      return g.may(operation);
    } catch {
      return false;
    }
  };
  const scope = actor.system ? undefined : await actorScope(sql, context.workspaceId, actor);
  const writable = actor.system
    ? entity.fields.map((f) => f.name)
    : [...(entityAccess(context.definition, actor.roles, entity.name)?.writable ?? [])];
  return {
    update: g.writesAny() && allows("update"),
    delete: allows("delete"),
    annotate: scope ? annotationRefusal(context, actor, g, record, scope) === null : record.owner !== actor.id,
    writable,
  };
}

/**
 * The JSON Schemas of a create and an update of an entity's records as one
 * user may send them: the engine's input schemas (types, constraints,
 * required fields) narrowed to the fields the user may write. The records
 * service checks every write against the full schemas; a client checks its
 * form against these before sending it.
 *
 * @example
 * inputSchemasFor(context, ["sales_rep"], "customer").create.required; // ["name", "region"]
 */
export function inputSchemasFor(
  context: WorkspaceContext,
  roles: string[],
  entityName: string,
): { create: Record<string, unknown>; update: Record<string, unknown> } {
  const entity = entityOrThrow(context.definition, entityName);
  const access = entityAccess(context.definition, roles, entity.name);
  if (!access || access.grants.read.length === 0)
    throw new EngineError("not_found", `no entity "${entityName}" in this workspace`);
  const narrow = (schema: Record<string, unknown>) => {
    const properties = schema.properties as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(properties).filter(([name]) => access.writable.has(name)));
    const required = (schema.required as string[]).filter((name) => name in kept);
    return { ...schema, properties: kept, required };
  };
  const types = context.definition.pluginFieldTypes;
  return { create: narrow(inputSchema(entity, "create", types)), update: narrow(inputSchema(entity, "update", types)) };
}
