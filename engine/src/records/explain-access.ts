import { EngineError } from "../errors.ts";
import { personOrThrow } from "../org/directory.ts";
import { scopeUsers, userByNameOrThrow } from "../org/people.ts";
import { type AccessExplanation, explainAccess } from "../permissions/explain.ts";
import type { Storage } from "../storage/platform/database.ts";
import { entityOrThrow, type WorkspaceContext } from "./service.ts";
import { recordFromRow } from "./values.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Explains what a user (by username or id) may do with an entity and,
 * given its id, with one record: gathers the user's place in the org as of
 * now, whom their subtree covers, the stored record and its owner's name,
 * and hands them to the pure `explainAccess`. For those who hold
 * `explain_access`: the record is read whatever its scope.
 *
 * @example
 * const why = await explainRecordAccess(storage, context, { user: "li.wei", entity: "customer", id });
 * why.operations.read.reason; // "role sales_rep grants read on their own records, and li.wei owns it"
 */
export async function explainRecordAccess(
  storage: Storage,
  context: WorkspaceContext,
  request: { user: string; entity: string; id?: string },
): Promise<AccessExplanation> {
  const { sql } = storage;
  const entity = entityOrThrow(context.definition, request.entity);
  const person = await personOrThrow(storage, context.workspaceId, request.user);
  const row = await userByNameOrThrow(storage, context.workspaceId, person.username);
  const users = await scopeUsers(sql, context.workspaceId, {
    id: row.id,
    username: row.username,
    roles: row.roles,
    orgUnitId: row.orgUnitId,
    managerId: row.managerId,
  });
  if (request.id === undefined)
    return explainAccess({ definition: context.definition, users, active: row.active, entity: entity.name });
  const notFound = new EngineError("not_found", `no ${entity.name} "${request.id}"`);
  if (!uuid.test(request.id)) throw notFound;
  const [stored] = await sql`select * from ${sql(context.schema)}.${sql(entity.name)} where id = ${request.id}`;
  if (!stored) throw notFound;
  const record = recordFromRow(entity, stored);
  const owners = await sql<Array<{ id: string; username: string }>>`select id, username from temper.users
    where id = ${String(record.owner)}`;
  const names = new Map(owners.map((o) => [o.id, o.username]));
  return explainAccess({
    definition: context.definition,
    users,
    active: row.active,
    entity: entity.name,
    record,
    nameOf: (id) => names.get(id) ?? id,
  });
}
