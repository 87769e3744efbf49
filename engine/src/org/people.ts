import { and, eq } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import type { ScopeUsers } from "../permissions/scope.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog, users } from "../storage/platform/schema.ts";
import { unitByCodeOrThrow } from "./units.ts";

/** A user as scopes and rules see them. */
export interface OrgUser {
  id: string;
  username: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
}

/**
 * Places a user in the org: their unit, their manager, their roles. Changes
 * take effect for every check at once (scopes are resolved per request).
 *
 * @example
 * await placeUser(storage, "acme", "li.wei", { unit: "east_sales", manager: "min.jun" });
 */
export async function placeUser(
  storage: Storage,
  workspaceId: string,
  username: string,
  change: { unit?: string | null; manager?: string | null; roles?: string[] },
): Promise<void> {
  const user = await userByNameOrThrow(storage, workspaceId, username);
  const values: Partial<typeof users.$inferInsert> = {};
  if (change.unit !== undefined)
    values.orgUnitId = change.unit === null ? null : (await unitByCodeOrThrow(storage, workspaceId, change.unit)).id;
  if (change.manager !== undefined) {
    const manager = change.manager === null ? null : await userByNameOrThrow(storage, workspaceId, change.manager);
    if (manager?.id === user.id) throw new EngineError("bad_request", `${username} cannot be their own manager`);
    values.managerId = manager?.id ?? null;
  }
  if (change.roles !== undefined) values.roles = change.roles;
  await storage.db.transaction(async (tx) => {
    await tx.update(users).set(values).where(eq(users.id, user.id));
    await tx.insert(auditLog).values({ workspaceId, action: "user.place", details: { username, ...change } });
  });
}

/**
 * Finds an active or inactive user of a workspace by username, or throws `not_found`.
 *
 * @example
 * const manager = await userByNameOrThrow(storage, "acme", "min.jun");
 */
export async function userByNameOrThrow(storage: Pick<Storage, "db">, workspaceId: string, username: string) {
  const [user] = await storage.db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.username, username)));
  if (!user) throw new EngineError("not_found", `no user "${username}"`);
  return user;
}

/**
 * Whom a user's `subtree` scope covers, resolved now: the users placed in
 * their org unit or any unit below it, their direct and indirect reports, and
 * themselves. One query; manager loops end.
 *
 * @example
 * const scope = await scopeUsers(storage.sql, "acme", user);
 * scope.subtree; // ["<manager id>", "<rep 1>", "<rep 2>", ...]
 */
export async function scopeUsers(sql: Storage["sql"], workspaceId: string, user: OrgUser): Promise<ScopeUsers> {
  const rows = await sql<{ id: string; unit: string | null }[]>`
    with recursive reports as (
      select id from temper.users where manager_id = ${user.id} and workspace_id = ${workspaceId}
      union
      select u.id from temper.users u join reports r on u.manager_id = r.id
    )
    select u.id, (select code from temper.org_units where id = ${user.orgUnitId}) as unit from temper.users u
    where u.workspace_id = ${workspaceId} and (
      u.id = ${user.id}
      or u.id in (select id from reports)
      or u.org_unit_id in (
        select d.id from temper.org_units d, temper.org_units mine
        where mine.id = ${user.orgUnitId} and d.workspace_id = ${workspaceId} and d.path like mine.path || '%'
      )
    )`;
  return {
    user: {
      id: user.id,
      username: user.username,
      roles: user.roles,
      org_unit: rows[0]?.unit ?? null,
      manager: user.managerId,
    },
    subtree: rows.map((r) => r.id),
  };
}
