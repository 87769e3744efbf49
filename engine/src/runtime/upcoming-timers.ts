import type { Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { entityAccess } from "../permissions/access.ts";
import { timerEventType } from "../process/machine.ts";
import { type Label, renderMessage } from "../process/render.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import { recordFromRow } from "../records/values.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import type { RuntimeDeps } from "./deps.ts";
import { displayValue } from "./display.ts";
import { processesOf, type Tx } from "./instances.ts";

/** A pending timer of a process on a record the user owns: what will happen, to which record, when. */
export interface UpcomingTimer {
  id: string;
  kind: "after" | "reminder" | "approval_timeout";
  dueAt: string;
  entity: string;
  recordId: string;
  /** The record's title (its title field), if it has one. */
  title: string | null;
  process: string;
  processLabel: Label;
  state: string;
  stateLabel: Label;
  /** An `after` timer: the state it leads to, if it leads anywhere. */
  target: string | null;
  targetLabel: Label | null;
  /** A reminder: its message in each of the app's locales, with the record's values. */
  message: Label | null;
  /** An approval's timeout: the level waiting, and what then happens (`escalate`, `reject`, `approve`). */
  level: string | null;
  levelLabel: Label | null;
  then: string | null;
}

/** At most this many timers in one answer: a calendar shows a month or a week. */
export const upcomingLimit = 500;
const longestSpanDays = 92;

interface TimerRow {
  id: string;
  kind: UpcomingTimer["kind"];
  key: string;
  payload: Record<string, unknown>;
  due_at: Date;
  process: string;
  state: string;
  version_id: string;
  record: Record<string, unknown>;
}

/** Renders a reminder's message in each locale, placeholders filled with the record's display values. */
async function messageOf(
  sql: Tx,
  workspace: WorkspaceContext,
  entity: Entity,
  record: Record<string, unknown>,
  label: Label,
) {
  const names = new Set(
    Object.values(label).flatMap((text) => [...text.matchAll(/\{\{\s*record\.([a-z][a-z0-9_]*)/g)].map((m) => m[1]!)),
  );
  const run = { tx: sql, workspace, record: recordFromRow(entity, record) };
  const values = new Map<string, unknown>();
  for (const name of names) values.set(name, await displayValue(run, entity, name));
  return Object.fromEntries(
    Object.keys(label).map((locale) => [locale, renderMessage(label, locale, (field) => values.get(field))]),
  );
}

/**
 * The pending timers of the processes of the records a user owns, due in
 * `[from, to)`, soonest first (at most {@link upcomingLimit}): the timed
 * transitions (an SLA escalation, a quote expiring), the reminders steps
 * scheduled, the timeouts of approvals waiting on their records. Entities
 * the user may not read are left out. A span longer than 92 days is refused.
 *
 * @example
 * await upcomingTimers(deps, actor, context, { from: new Date("2026-11-01T00:00:00+08:00"), to: new Date("2026-12-01T00:00:00+08:00") });
 * // [{ kind: "reminder", entity: "quote", title: "Q-2026-0042", dueAt: "2026-11-09T02:00:00.000Z", message: { en: "Quote Q-2026-0042 was sent a week ago: …" }, … }]
 */
export async function upcomingTimers(
  deps: Pick<RuntimeDeps, "storage">,
  actor: Actor,
  workspace: WorkspaceContext,
  range: { from: Date; to: Date },
): Promise<UpcomingTimer[]> {
  const { sql } = deps.storage;
  if (!(range.from < range.to)) throw new EngineError("bad_request", '"from" must come before "to"');
  if (range.to.getTime() - range.from.getTime() > longestSpanDays * 86_400_000)
    throw new EngineError("bad_request", `ask for ${longestSpanDays} days at most`);
  const { definition } = workspace;
  const entities = [...new Set([...definition.processes.values()].map((p) => p.entity))]
    .filter((name) => (entityAccess(definition, actor.roles, name)?.grants.read.length ?? 0) > 0)
    .map((name) => definition.entities.get(name)!);
  const found = await Promise.all(
    entities.map(async (entity) => {
      const rows = await sql<TimerRow[]>`select t.id, t.kind, t.key, t.payload, t.due_at, i.process, i.state,
          i.version_id, to_jsonb(r) as record
        from temper.timers t
        join temper.process_instances i on i.id = t.instance_id
        join ${sql(workspace.schema)}.${sql(entity.name)} r on r.id = i.record_id
        where t.workspace_id = ${workspace.workspaceId} and t.status = 'pending'
          and t.due_at >= ${range.from} and t.due_at < ${range.to}
          and i.entity = ${entity.name} and r.owner = ${actor.id}
        order by t.due_at, t.id limit ${upcomingLimit}`;
      return rows.map((row) => ({ row, entity }));
    }),
  );
  const rows = found
    .flat()
    .sort((a, b) => a.row.due_at.getTime() - b.row.due_at.getTime() || a.row.id.localeCompare(b.row.id))
    .slice(0, upcomingLimit);
  const timers: UpcomingTimer[] = [];
  for (const { row, entity } of rows) {
    const pinned = (await definitionOfVersion(sql, row.version_id)).processes.get(row.process);
    const process = pinned ?? processesOf(definition, entity.name).find((p) => p.name === row.process);
    const state = process?.states[row.state];
    const timer: UpcomingTimer = {
      id: row.id,
      kind: row.kind,
      dueAt: row.due_at.toISOString(),
      entity: entity.name,
      recordId: String(row.record.id),
      title: row.record[entity.titleField] == null ? null : String(row.record[entity.titleField]),
      process: row.process,
      processLabel: process?.label ?? {},
      state: row.state,
      stateLabel: state?.label ?? {},
      target: null,
      targetLabel: null,
      message: null,
      level: null,
      levelLabel: null,
      then: null,
    };
    if (row.kind === "after") {
      // The timer belongs to the state the instance is in: its `after` entry of the event's duration.
      const duration = Object.keys(state?.after ?? {}).find(
        (d) => String(row.payload.event) === timerEventType(row.process, row.state, d),
      );
      const transition = duration ? state!.after![duration] : undefined;
      const first = Array.isArray(transition) ? transition[0] : transition;
      const target = typeof first === "string" ? first : (first?.target ?? null);
      timer.target = target;
      timer.targetLabel = target ? (process?.states[target]?.label ?? null) : null;
    } else if (row.kind === "reminder") {
      const label = row.payload.message as Label | undefined;
      timer.message = label ? await messageOf(sql as unknown as Tx, workspace, entity, row.record, label) : null;
    } else {
      const approval = state?.approval;
      const level = approval?.levels[Number(row.payload.level)];
      timer.level = level?.name ?? null;
      timer.levelLabel = level?.label ?? null;
      timer.then = approval?.timeout?.then ?? null;
    }
    timers.push(timer);
  }
  return timers;
}
