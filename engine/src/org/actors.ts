import type postgres from "postgres";
import type { Actor } from "../records/guard.ts";

/**
 * A user of a workspace as an actor (id, username, roles, unit, manager),
 * by id or by username, with whether they are active; `undefined` when there
 * is no such user. Runs on the connection or transaction given.
 *
 * @example
 * const found = await userActor(storage.sql, "acme", { username: "li.wei" });
 * if (found?.active) await records.list(found.actor, "customer");
 */
export async function userActor(
  sql: postgres.Sql | postgres.TransactionSql,
  workspaceId: string,
  by: { id: string } | { username: string },
): Promise<{ actor: Actor; active: boolean } | undefined> {
  const q = sql as postgres.Sql;
  const condition = "id" in by ? q`id = ${by.id}` : q`username = ${by.username}`;
  const [user] = await q<
    Array<{
      id: string;
      username: string;
      roles: string[];
      org_unit_id: string | null;
      manager_id: string | null;
      active: boolean;
    }>
  >`select id, username, roles, org_unit_id, manager_id, active from temper.users
    where workspace_id = ${workspaceId} and ${condition}`;
  if (!user) return undefined;
  return {
    actor: {
      id: user.id,
      username: user.username,
      roles: user.roles,
      orgUnitId: user.org_unit_id,
      managerId: user.manager_id,
    },
    active: user.active,
  };
}
