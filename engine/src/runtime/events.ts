import type { Entity, Process } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { canFireEvent, entityAccess } from "../permissions/access.ts";
import { compileProcess } from "../process/machine.ts";
import { isRefusal, planEvent } from "../process/plan.ts";
import type { ProcessUser } from "../process/guards.ts";
import { type Guard, guardFor } from "../records/guard.ts";
import { predicateSql } from "../records/predicate-sql.ts";
import { selectScoped } from "../records/read.ts";
import { type Actor, entityOrThrow, type WorkspaceContext } from "../records/service.ts";
import { recordFromRow, type RecordData } from "../records/values.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import type { RuntimeDeps } from "./deps.ts";
import { assertEventData } from "./event-data.ts";
import { type InstanceRow, instanceOf, materializeInstance, processesOf, type Tx } from "./instances.ts";
import { applyEvent, openRun, saveRecord, withRun } from "./transition.ts";

/** An event as a user may see it now: whether they may fire it, and why not. */
export interface EventOption {
  process: string;
  event: string;
  label: Record<string, string>;
  description?: Record<string, string>;
  /** The JSON Schema of the data it carries. */
  data?: Record<string, unknown>;
  available: boolean;
  /** Why it is not available: no right, not in this state, or its conditions. */
  reason?: string;
  /** What refuses it: the user's roles (`forbidden`), the state (`not_in_state`), or its conditions (`guard`). */
  refused?: "forbidden" | "not_in_state" | "guard";
}

/** What firing an event did. */
export interface FireResult {
  process: string;
  event: string;
  from: string;
  state: string;
  /** The instance's version after the event (send it as `expectedVersion` with the next one). */
  version: number;
  record: RecordData;
}

/** The user as process expressions see them. */
export function processUserOf(actor: Actor, guard: Guard): ProcessUser {
  return actor.system ? { id: actor.id, username: actor.username, roles: actor.roles } : guard.user;
}

/** Reads and locks a record by id, whatever the actor's scope (the caller has checked it). */
export async function lockRecord(tx: Tx, workspace: WorkspaceContext, entity: Entity, id: string): Promise<RecordData> {
  const [row] = await tx`select * from ${tx(workspace.schema)}.${tx(entity.name)} where id = ${id} for update`;
  if (!row) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
  return recordFromRow(entity, row);
}

/**
 * Reads and locks a record by id with whether the actor may read it: one
 * statement, the scope being a column of the locking read.
 */
async function lockRecordSeen(tx: Tx, workspace: WorkspaceContext, guard: Guard, id: string) {
  const { entity } = guard;
  const [row] = await tx`select *, (${predicateSql(tx as never, entity, guard.predicate("read"))}) as "temper:visible"
    from ${tx(workspace.schema)}.${tx(entity.name)} where id = ${id} for update`;
  if (!row) return { record: {}, visible: false };
  const visible = row["temper:visible"] === true;
  delete row["temper:visible"];
  return { record: recordFromRow(entity, row), visible };
}

/**
 * The record's instance of a process, locked; one is started where the
 * record's state field says if it has none yet (a record imported, or created
 * before its process was published), on the workspace's current version.
 */
export async function lockInstance(
  tx: Tx,
  workspace: WorkspaceContext,
  process: Process,
  entity: Entity,
  id: string,
  now: Date,
): Promise<InstanceRow> {
  const existing = await instanceOf(tx, workspace.workspaceId, process.name, id, { lock: true });
  if (existing) return existing;
  const [row] = await tx`select * from ${tx(workspace.schema)}.${tx(entity.name)} where id = ${id}`;
  if (!row) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
  const [current] = await tx<Array<{ id: string | null }>>`select current_version_id as id from temper.workspaces
    where id = ${workspace.workspaceId}`;
  if (!current?.id) throw new EngineError("not_found", `nothing is published in "${workspace.workspaceId}" yet`);
  return materializeInstance(
    tx,
    {
      workspaceId: workspace.workspaceId,
      versionId: current.id,
      definition: workspace.definition,
      process,
      record: recordFromRow(entity, row),
    },
    now,
  );
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Like `Promise.all`, but rejects (with the first failure in order) only once every promise has settled. */
async function settled<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === "rejected") throw result.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as never;
}

function processFor(processes: Process[], event: string, named?: string): Process {
  if (named) {
    const process = processes.find((p) => p.name === named);
    if (!process) throw new EngineError("not_found", `no process "${named}" runs on these records`);
    return process;
  }
  const candidates = processes.filter((p) => Object.hasOwn(p.events, event));
  if (candidates.length === 0) {
    const known = processes.flatMap((p) => Object.keys(p.events));
    throw new EngineError(
      "bad_request",
      processes.length === 0
        ? "no process runs on these records"
        : `no process of these records has an event "${event}"; events: ${known.join(", ")}`,
    );
  }
  if (candidates.length > 1)
    throw new EngineError(
      "bad_request",
      `"${event}" is an event of ${candidates.map((p) => p.name).join(" and ")}: name the process`,
    );
  return candidates[0]!;
}

/**
 * The record-facing side of processes: which events a user may fire now,
 * firing one in one transaction, and starting processes with new records.
 */
export function processEvents(deps: RuntimeDeps) {
  const { sql } = deps.storage;
  const table = (workspace: WorkspaceContext, entity: Entity) => sql`${sql(workspace.schema)}.${sql(entity.name)}`;

  return {
    /**
     * Fires an event on a record: the event right, the record in the user's
     * read scope, the data's schema, the guard, then the transition, record
     * changes, timers and outbox rows in one transaction. With
     * `expectedVersion`, an instance changed since answers 409.
     */
    async fire(
      actor: Actor,
      workspace: WorkspaceContext,
      entityName: string,
      id: string,
      input: { type: string; data?: Record<string, unknown>; process?: string; expectedVersion?: number },
    ): Promise<FireResult> {
      const entity = entityOrThrow(workspace.definition, entityName);
      const guard = await guardFor(sql, workspace, actor, entity);
      const process = processFor(processesOf(workspace.definition, entity.name), input.type, input.process);
      const data = input.data ?? {};
      const mayFire =
        actor.system ||
        canFireEvent(entityAccess(workspace.definition, actor.roles, entity.name), process.name, input.type);
      // Not an id at all: nothing to find (and nothing for the reads below to fail on).
      if (!uuid.test(id)) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
      return sql.begin(async (tx) => {
        // Sent together, run in this order: one round trip instead of three (the instance is
        // still locked before the record, as the timer and task paths do). All settle before
        // anything throws: no query of this transaction may be left to run after its rollback.
        const [instance, locked] = await settled([
          lockInstance(tx, workspace, process, entity, id, deps.clock.now()),
          lockRecordSeen(tx, workspace, guard, id),
        ] as const);
        if (!locked.visible) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
        const record = locked.record;
        if (!mayFire) throw new EngineError("forbidden", `your roles may not fire "${input.type}" of ${process.name}`);
        if (input.expectedVersion !== undefined && instance.version !== input.expectedVersion)
          throw new EngineError(
            "version_conflict",
            `the ${process.name} of this ${entity.name} changed meanwhile (now at version ${instance.version}, you had ${input.expectedVersion}); reload it`,
            { currentVersion: instance.version, state: instance.state },
          );
        const pinned = await definitionOfVersion(tx, instance.version_id);
        assertEventData(input.type, pinned.processes.get(process.name)?.events[input.type]?.data, data);
        const run = await openRun(deps, {
          tx,
          workspace,
          instance,
          actor,
          user: processUserOf(actor, guard),
          record: { ...record },
        });
        const from = instance.state;
        return withRun(run, async () => {
          await applyEvent(run, input.type, data, "event");
          const saved = await saveRecord(run, record);
          return {
            process: process.name,
            event: input.type,
            from,
            state: run.instance.state,
            version: run.instance.version,
            record: guard.strip(saved),
          };
        });
      });
    },

    /** The events of the record's processes, each with whether the user may fire it now and why not. */
    async options(actor: Actor, workspace: WorkspaceContext, entityName: string, id: string): Promise<EventOption[]> {
      const entity = entityOrThrow(workspace.definition, entityName);
      const guard = await guardFor(sql, workspace, actor, entity);
      const record = actor.system
        ? (await sql`select * from ${table(workspace, entity)} where id = ${id}`).map((r) =>
            recordFromRow(entity, r),
          )[0]
        : await selectScoped(sql, table(workspace, entity), guard, id);
      if (!record) throw new EngineError("not_found", `no ${entity.name} "${id}"`);
      const access = entityAccess(workspace.definition, actor.roles, entity.name);
      const options: EventOption[] = [];
      for (const process of processesOf(workspace.definition, entity.name)) {
        const instance = await instanceOf(sql, workspace.workspaceId, process.name, id);
        const definition = instance ? await definitionOfVersion(sql, instance.version_id) : workspace.definition;
        const pinned = definition.processes.get(process.name) ?? process;
        const state =
          instance?.state ??
          (process.stateField &&
          typeof record[process.stateField] === "string" &&
          process.states[String(record[process.stateField])]
            ? String(record[process.stateField])
            : process.initial);
        const compiled = compileProcess(definition, process.name, deps.guards);
        for (const [event, declared] of Object.entries(pinned.events)) {
          const option: EventOption = {
            process: process.name,
            event,
            label: declared.label,
            ...(declared.description ? { description: declared.description } : {}),
            ...(declared.data ? { data: declared.data } : {}),
            available: false,
          };
          if (!actor.system && !canFireEvent(access, process.name, event)) {
            option.reason = "your roles may not fire it";
            option.refused = "forbidden";
          } else {
            const plan = planEvent(
              compiled,
              state,
              event,
              {},
              { record, user: processUserOf(actor, guard), now: deps.clock.now(), dataUnknown: true },
            );
            if (isRefusal(plan)) {
              option.reason =
                plan.refused === "guard" && declared.description
                  ? (declared.description[workspace.definition.app.locales[0] ?? "en"] ?? plan.message)
                  : plan.message;
              option.refused = plan.refused === "guard" ? "guard" : "not_in_state";
            } else option.available = true;
          }
          options.push(option);
        }
      }
      return options;
    },
  };
}
