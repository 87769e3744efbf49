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
    async holders(role, unitId) {
      const rows = await sql<Array<{ id: string }>>`select id from temper.users
        where workspace_id = ${workspaceId} and active and ${role} = any(roles)
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
