import { eq } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import type { Storage } from "./platform/database.ts";
import { auditLog, users, workspaces } from "./platform/schema.ts";
import { ident } from "./entity-tables/sql.ts";

/** The username of each workspace's system user, the actor of timers and imports with no person behind them. */
export const systemUsername = "system";

const workspaceId = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The PostgreSQL schema holding a workspace's entity tables.
 *
 * @example
 * workspaceSchema("acme"); // "ws_acme"
 */
export function workspaceSchema(id: string): string {
  return `ws_${id}`;
}

/**
 * Creates a workspace: its row, its own schema for entity tables, and its
 * system user (who cannot sign in). One transaction.
 *
 * @example
 * await createWorkspace(storage, "acme");
 */
export async function createWorkspace(storage: Storage, id: string): Promise<{ id: string; schemaName: string }> {
  if (!workspaceId.test(id)) {
    throw new EngineError(
      "bad_request",
      `"${id}" is not a valid workspace id: use lower snake_case, at most 40 characters`,
    );
  }
  const schemaName = workspaceSchema(id);
  return storage.db.transaction(async (tx) => {
    const created = await tx.insert(workspaces).values({ id, schemaName }).onConflictDoNothing().returning();
    if (created.length === 0) throw new EngineError("conflict", `the workspace "${id}" already exists`);
    await tx.execute(`CREATE SCHEMA ${ident(schemaName)}`);
    await tx
      .insert(users)
      .values({ workspaceId: id, username: systemUsername, displayName: "System", passwordHash: "!", roles: [] });
    await tx.insert(auditLog).values({ workspaceId: id, action: "workspace.create" });
    return { id, schemaName };
  });
}

/**
 * Finds a workspace or throws `not_found`.
 *
 * @example
 * const workspace = await workspaceOrThrow(storage, "acme");
 */
export async function workspaceOrThrow(storage: Storage, id: string) {
  const [workspace] = await storage.db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!workspace)
    throw new EngineError("not_found", `no workspace "${id}"; create it with \`temper workspace create ${id}\``);
  return workspace;
}
