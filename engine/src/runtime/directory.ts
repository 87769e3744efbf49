import type postgres from "postgres";
import type { PeopleDirectory } from "../process/people.ts";

/**
 * The org as people rules see it, read from the workspace's users and org
 * units inside the caller's transaction.
 *
 * @example
 * await resolvePeople(rules, context, sqlDirectory(tx, "acme"));
 */
export function sqlDirectory(tx: postgres.TransactionSql | postgres.Sql, workspaceId: string): PeopleDirectory {
  const sql = tx as postgres.Sql;
  const one = async (rows: Promise<Array<{ id: string | null }>>) => (await rows)[0]?.id ?? null;
  return {
    managerOf: (userId) =>
      one(sql`select manager_id as id from temper.users where id = ${userId} and workspace_id = ${workspaceId}`),
    unitOf: (userId) =>
      one(sql`select org_unit_id as id from temper.users where id = ${userId} and workspace_id = ${workspaceId}`),
    unitByCode: (code) =>
      one(sql`select id from temper.org_units where workspace_id = ${workspaceId} and code = ${code}`),
    parentOf: (unitId) => one(sql`select parent_id as id from temper.org_units where id = ${unitId}`),
    async holders(role, unitId, inactive = false) {
      const rows = await sql<Array<{ id: string }>>`select id from temper.users
        where workspace_id = ${workspaceId} and (active or ${inactive}) and ${role} = any(roles)
          and (${unitId}::uuid is null or org_unit_id = ${unitId}) order by username`;
      return rows.map((r) => r.id);
    },
    userByName: (username) =>
      one(sql`select id from temper.users where workspace_id = ${workspaceId} and username = ${username}`),
    async active(ids) {
      if (ids.length === 0) return [];
      const rows = await sql<Array<{ id: string }>>`select id from temper.users
        where id = any(${ids}::uuid[]) and workspace_id = ${workspaceId} and active`;
      const active = new Set(rows.map((r) => r.id));
      return ids.filter((id) => active.has(id));
    },
  };
}

/** A user as plugins see them. */
export interface DirectoryPerson {
  id: string;
  username: string;
  name: string;
  active: boolean;
}

/**
 * The users of `ids`, in that order, with their names and whether they are active.
 *
 * @example
 * await describePeople(tx, "acme", ids); // [{ id, username: "li.wei", name: "Li Wei", active: true }]
 */
export async function describePeople(
  tx: postgres.TransactionSql | postgres.Sql,
  workspaceId: string,
  ids: string[],
): Promise<DirectoryPerson[]> {
  if (ids.length === 0) return [];
  const sql = tx as postgres.Sql;
  const rows = await sql<DirectoryPerson[]>`select id, username, coalesce(display_name, username) as name, active
    from temper.users where id = any(${ids}::uuid[]) and workspace_id = ${workspaceId}`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * How many records of an entity each user owns whose process is still
 * running (a record left out: the one being assigned).
 *
 * @example
 * await openLoad(tx, workspace, "lead", "lead_conversion", ids, record.id); // Map { id → 3 }
 */
export async function openLoad(
  tx: postgres.TransactionSql | postgres.Sql,
  workspace: { workspaceId: string; schema: string },
  entity: string,
  process: string,
  userIds: string[],
  except: string | null,
): Promise<Map<string, number>> {
  const sql = tx as postgres.Sql;
  const rows = await sql<Array<{ owner: string; open: string }>>`select e.owner, count(*) as open
    from ${sql(workspace.schema)}.${sql(entity)} e
    join temper.process_instances i on i.record_id = e.id and i.workspace_id = ${workspace.workspaceId}
      and i.process = ${process} and i.status = 'active'
    where e.owner = any(${userIds}::uuid[]) and e.id is distinct from ${except}::uuid group by e.owner`;
  const load = new Map(userIds.map((id) => [id, 0]));
  for (const row of rows) load.set(row.owner, Number(row.open));
  return load;
}
