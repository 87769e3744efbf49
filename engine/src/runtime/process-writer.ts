import type { Entity } from "../definitions/index.ts";
import { type RecordBatch, recordBatch } from "../records/batch-write.ts";
import { guardFor } from "../records/guard.ts";
import { type Actor, entityOrThrow, type WorkspaceContext } from "../records/service.ts";
import type { RuntimeDeps } from "./deps.ts";
import type { Tx } from "./instances.ts";
import { startProcesses } from "./start.ts";

/** The actor a process writes as: the user who caused the change, past whose permissions the process acts. */
function processActor(actor: Actor): Actor {
  return { ...actor, system: true };
}

/**
 * The records writer of a process: validation, history and audit, no permission checks, read-only fields allowed.
 * A record it creates starts its own processes, as one created through the records service does.
 *
 * @example
 * await processWriter(deps, tx, workspace, actor).write("activity", [{ input: { subject: "Escalated" } }]);
 */
export function processWriter(deps: RuntimeDeps, tx: Tx, workspace: WorkspaceContext, actor: Actor): RecordBatch {
  const as = processActor(actor);
  const batch = recordBatch(tx, workspace, as, (e: Entity) => guardFor(deps.storage.sql, workspace, as, e), {
    via: "process",
    process: true,
    atomic: true,
  });
  return {
    ...batch,
    async write(entityName, items) {
      const results = await batch.write(entityName, items);
      const entity = entityOrThrow(workspace.definition, entityName);
      for (const result of results)
        if (result.status === "created")
          result.record = await startProcesses(deps, tx, workspace, actor, entity, result.record);
      return results;
    },
  };
}
