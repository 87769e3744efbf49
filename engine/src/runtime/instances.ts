import type postgres from "postgres";
import type { Definition, Process } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { compileProcess } from "../process/machine.ts";
import type { Storage } from "../storage/platform/database.ts";

export type Tx = postgres.TransactionSql;

/** A process instance row, as the runtime reads it. */
export interface InstanceRow {
  id: string;
  workspace_id: string;
  process: string;
  entity: string;
  record_id: string;
  version_id: string;
  state: string;
  snapshot: Record<string, unknown>;
  status: string;
  version: number;
  state_since: Date;
  last_error: Record<string, unknown> | null;
  started_at: Date;
  updated_at: Date;
}

/** The processes that run on an entity's records, in the definition's order. */
export function processesOf(definition: Definition, entity: string): Process[] {
  return [...definition.processes.values()].filter((p) => p.entity === entity);
}

/**
 * Reads (and with `lock`, locks until the transaction ends) a record's
 * instance of a process.
 */
export async function instanceOf(
  tx: Tx | Storage["sql"],
  workspaceId: string,
  process: string,
  recordId: string,
  options: { lock?: boolean } = {},
): Promise<InstanceRow | undefined> {
  const sql = tx as Storage["sql"];
  const [row] = options.lock
    ? await sql<InstanceRow[]>`select * from temper.process_instances
        where workspace_id = ${workspaceId} and process = ${process} and record_id = ${recordId} for update`
    : await sql<InstanceRow[]>`select * from temper.process_instances
        where workspace_id = ${workspaceId} and process = ${process} and record_id = ${recordId}`;
  return row;
}

/**
 * The instance of a record that existed before its process did (imported,
 * or created before the process was published): it starts where the
 * process's state field says, else in the initial state, without running
 * entry steps (they belong to entering the state, which happened elsewhere).
 * Concurrent callers get the same row.
 */
export async function materializeInstance(
  tx: Tx,
  input: {
    workspaceId: string;
    versionId: string;
    definition: Definition;
    process: Process;
    record: Record<string, unknown>;
  },
  now: Date,
): Promise<InstanceRow> {
  const { process, record } = input;
  const mirrored = process.stateField ? record[process.stateField] : undefined;
  const state = typeof mirrored === "string" && process.states[mirrored] ? mirrored : process.initial;
  const compiled = compileProcess(input.definition, process.name);
  const snapshot = compiled.machine.getPersistedSnapshot(
    compiled.machine.resolveState({ value: state, context: {} }),
  ) as Record<string, unknown>;
  const status = process.states[state]?.type === "final" ? "done" : "active";
  await tx`insert into temper.process_instances
      (workspace_id, process, entity, record_id, version_id, state, snapshot, status, state_since, started_at, updated_at)
    values (${input.workspaceId}, ${process.name}, ${process.entity}, ${String(record.id)}, ${input.versionId}, ${state},
      ${tx.json(snapshot as never)}, ${status}, ${now}, ${now}, ${now})
    on conflict (workspace_id, process, record_id) do nothing`;
  const row = await instanceOf(tx, input.workspaceId, process.name, String(record.id), { lock: true });
  if (!row) throw new EngineError("internal", `the ${process.name} instance of ${String(record.id)} vanished`);
  return row;
}
