import { EngineError } from "../errors.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { currentVersion } from "../storage/versions.ts";
import { systemUsername, workspaceOrThrow } from "../storage/workspaces.ts";

/**
 * A workspace at its published version, and its system user, for work that
 * no request carries (timers, the outbox, the command line). Looked up once
 * per published version: a new publish is picked up at the next call.
 *
 * @example
 * const contexts = workspaceContexts(storage);
 * const { context, system } = await contexts("acme");
 */
export function workspaceContexts(storage: Storage) {
  const cache = new Map<string, Promise<{ context: WorkspaceContext; system: Actor }>>();
  return async (workspaceId: string) => {
    const [current] = await storage.sql<Array<{ id: string | null }>>`select current_version_id as id
      from temper.workspaces where id = ${workspaceId}`;
    const key = `${workspaceId}@${current?.id ?? ""}`;
    let found = cache.get(key);
    if (!found) {
      found = (async () => {
        const workspace = await workspaceOrThrow(storage, workspaceId);
        const version = await currentVersion(storage, workspaceId);
        if (!version) throw new EngineError("not_found", `nothing is published in "${workspaceId}" yet`);
        const [system] = await storage.sql<Array<{ id: string }>>`select id from temper.users
          where workspace_id = ${workspaceId} and username = ${systemUsername}`;
        if (!system) throw new EngineError("internal", `workspace "${workspaceId}" has no system user`);
        return {
          context: { workspaceId, schema: workspace.schemaName, definition: version.definition },
          system: { id: system.id, username: systemUsername, roles: [], system: true },
        };
      })();
      cache.set(key, found);
      found.catch(() => cache.delete(key));
    }
    return found;
  };
}
