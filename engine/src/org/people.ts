import { and, eq, sql } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import { assertKnownRoles } from "../permissions/roles.ts";
import type { ScopeUsers } from "../permissions/scope.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog, users } from "../storage/platform/schema.ts";
import { currentVersion } from "../storage/versions.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { referenceField } from "./reference-field.ts";
import { lockOrg, unitByCodeOrThrow } from "./units.ts";

/** A user as scopes and rules see them. */
export interface OrgUser {
  id: string;
  username: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
}

/** What placing a user may change; what is absent stays. */
export interface Placement {
  /** An org unit's code; `null` takes the user out of any unit. */
  unit?: string | null;
  /** The manager's username; `null`: no manager. */
  manager?: string | null;
  /** Role names of the published definition (the whole list: it replaces the roles held). */
  roles?: string[];
  displayName?: string | null;
}

type Transaction = Parameters<Parameters<Storage["db"]["transaction"]>[0]>[0];

function invalid(field: string, message: string): EngineError {
  return new EngineError("validation_failed", message, { problems: [{ field, code: "invalid", message }] });
}

/** The manager's id, refusing a deactivated manager and a reporting line that would loop. */
async function managerIdOf(tx: Transaction, workspaceId: string, userId: string, username: string, name: string) {
  const manager = await referenceField("manager", userByNameOrThrow({ db: tx }, workspaceId, name));
  if (manager.id === userId) throw invalid("manager", `${username} cannot be their own manager`);
  if (!manager.active) throw invalid("manager", `${name} is deactivated and cannot be anyone's manager`);
  const loop = await tx.execute(sql`
    with recursive chain as (
      select id, manager_id from temper.users where id = ${manager.id}
      union
      select u.id, u.manager_id from temper.users u join chain c on u.id = c.manager_id
    )
    select 1 from chain where id = ${userId}`);
  if (loop.length > 0)
    throw invalid("manager", `${username} cannot report to ${name}: ${name} already reports to ${username}`);
  return manager.id;
}

/**
 * Places a user in the org: their unit, their manager, their roles, their
 * display name. Everything is checked before anything is written (unknown
 * unit, manager or role: 422 naming it; a reporting line may not loop).
 * Changes take effect for every check at once (scopes are resolved per request).
 *
 * @example
 * await placeUser(storage, "acme", "li.wei", { unit: "east_sales", manager: "min.jun" });
 */
export async function placeUser(
  storage: Storage,
  workspaceId: string,
  username: string,
  change: Placement,
  options: { actorId?: string } = {},
): Promise<void> {
  const user = await userByNameOrThrow(storage, workspaceId, username);
  if (user.username === systemUsername) throw new EngineError("bad_request", "the system user has no place in the org");
  const values: Partial<typeof users.$inferInsert> = {};
  if (change.unit !== undefined)
    values.orgUnitId =
      change.unit === null
        ? null
        : (await referenceField("unit", unitByCodeOrThrow(storage, workspaceId, change.unit))).id;
  if (change.roles !== undefined) {
    assertKnownRoles((await currentVersion(storage, workspaceId))?.definition, change.roles);
    values.roles = [...new Set(change.roles)];
  }
  if (change.displayName !== undefined) values.displayName = change.displayName;
  await storage.db.transaction(async (tx) => {
    await lockOrg(tx, workspaceId);
    if (change.manager !== undefined)
      values.managerId =
        change.manager === null ? null : await managerIdOf(tx, workspaceId, user.id, username, change.manager);
    if (Object.keys(values).length > 0) await tx.update(users).set(values).where(eq(users.id, user.id));
    await tx.insert(auditLog).values({
      workspaceId,
      actorId: options.actorId ?? null,
      action: "user.place",
      details: { username, ...change },
    });
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
