import { eq, and } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import { type Actor, recordService, type RecordService, type WorkspaceContext } from "../records/service.ts";
import { resolveDatabase } from "../storage/connection.ts";
import { installPlugins, pluginsInUse } from "../plugins/install.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { users } from "../storage/platform/schema.ts";
import { currentVersion } from "../storage/versions.ts";
import { systemUsername, workspaceOrThrow } from "../storage/workspaces.ts";

/**
 * Runs a command against the database: DATABASE_URL, or the embedded server
 * (started for the command and stopped after it, unless it already ran).
 *
 * @example
 * await withStorage(async (storage) => createWorkspace(storage, "acme"));
 */
export async function withStorage<T>(run: (storage: Storage) => Promise<T>): Promise<T> {
  const database = await resolveDatabase();
  try {
    const storage = await openStorage(database.url, { max: 4 });
    try {
      // Stored versions are read with the steps of the plugins they enable.
      await installPlugins(await pluginsInUse(storage));
      return await run(storage);
    } finally {
      await storage.close();
    }
  } finally {
    await database.stop();
  }
}

/** A workspace with a published version, ready for record work from the command line. */
export interface WorkspaceSession {
  storage: Storage;
  context: WorkspaceContext;
  records: RecordService;
  /** The workspace's system user: the actor of command-line writes. */
  system: Actor;
}

/**
 * Opens a workspace for record work: its published definition, the records
 * service, and the system user as the actor.
 *
 * @example
 * await withWorkspace("acme", async ({ records, system }) => records.list(system, "customer"));
 */
export async function withWorkspace<T>(
  workspaceId: string,
  run: (session: WorkspaceSession) => Promise<T>,
): Promise<T> {
  return withStorage(async (storage) => {
    const workspace = await workspaceOrThrow(storage, workspaceId);
    const version = await currentVersion(storage, workspace.id);
    if (!version)
      throw new EngineError(
        "not_found",
        `nothing is published in "${workspaceId}" yet; run \`temper publish <dir> --workspace ${workspaceId}\``,
      );
    const [user] = await storage.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspace.id), eq(users.username, systemUsername)));
    const context: WorkspaceContext = {
      workspaceId: workspace.id,
      schema: workspace.schemaName,
      definition: version.definition,
    };
    const system: Actor = { id: user!.id, username: systemUsername, roles: [], system: true };
    return run({ storage, context, records: recordService(storage, context), system });
  });
}
