import type { Entity } from "../definitions/index.ts";
import { planStart } from "../process/plan.ts";
import { compileProcess } from "../process/machine.ts";
import { guardFor } from "../records/guard.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import type { RuntimeDeps } from "./deps.ts";
import { processUserOf } from "./events.ts";
import { type InstanceRow, processesOf, type Tx } from "./instances.ts";
import { applyEvent, applyPlan, openRun, saveRecord, withRun } from "./transition.ts";

/**
 * Starts the processes that start with a new record (`start: create`), in
 * the transaction that created it: each enters its initial state and runs its
 * entry steps (assign the owner, set fields, notify, set timers). Returns the
 * record as the processes left it.
 */
export async function startProcesses(
  deps: RuntimeDeps,
  tx: Tx,
  workspace: WorkspaceContext,
  actor: Actor,
  entity: Entity,
  record: RecordData,
): Promise<RecordData> {
  const processes = processesOf(workspace.definition, entity.name).filter((p) => (p.start ?? "create") === "create");
  if (processes.length === 0) return record;
  // Read in the transaction: a second connection could wait on a pool its peers hold.
  const [version] = await tx<Array<{ id: string }>>`select current_version_id as id from temper.workspaces
    where id = ${workspace.workspaceId} and current_version_id is not null`;
  if (!version) return record;
  const guard = await guardFor(deps.storage.sql, workspace, actor, entity);
  const now = deps.clock.now();
  let current = record;
  for (const process of processes) {
    const plan = planStart(compileProcess(workspace.definition, process.name, deps.guards));
    const [instance] = await tx<InstanceRow[]>`insert into temper.process_instances
        (workspace_id, process, entity, record_id, version_id, state, snapshot, status, version, state_since, started_at, updated_at)
      values (${workspace.workspaceId}, ${process.name}, ${entity.name}, ${String(record.id)}, ${version.id}, ${plan.to},
        ${tx.json(plan.snapshot as never)}, 'active', 0, ${now}, ${now}, ${now})
      returning *`;
    const run = await openRun(deps, {
      tx,
      workspace,
      instance: instance!,
      actor,
      user: processUserOf(actor, guard),
      record: { ...current },
    });
    const before = current;
    current = await withRun(run, async () => {
      const followUps = await applyPlan(run, { ...plan, from: null }, { kind: "start", event: "start", data: {} });
      for (const followUp of followUps) await applyEvent(run, followUp.type, followUp.data, "approval");
      return saveRecord(run, before);
    });
  }
  return current;
}
