import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { definitionVersions, temper, users, workspaces } from "./schema.ts";

// The tables of running processes: instances, their timeline, timers, approvals and the outbox.

/**
 * One process running on one record: the definition version it is pinned to,
 * its state and XState snapshot, and a row version that every event bumps
 * (a conflicting concurrent event is refused, never lost).
 */
export const processInstances = temper.table(
  "process_instances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    process: text("process").notNull(),
    entity: text("entity").notNull(),
    recordId: uuid("record_id").notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => definitionVersions.id),
    state: text("state").notNull(),
    /** XState's persisted snapshot. */
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    /** `active` until a final state is reached, then `done`. */
    status: text("status").notNull().default("active"),
    version: integer("version").notNull().default(1),
    /** When the current state was entered: timers of a migrated instance count from here. */
    stateSince: timestamp("state_since", { withTimezone: true }).notNull(),
    /** The last failure of a side effect or a timer, until the next success. */
    lastError: jsonb("last_error").$type<Record<string, unknown>>(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("process_instances_record").on(t.workspaceId, t.process, t.recordId),
    index("process_instances_state").on(t.workspaceId, t.process, t.state),
  ],
);

/** The timeline of an instance: every transition, approval decision and migration, with who, when and the data. */
export const processEvents = temper.table(
  "process_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => processInstances.id, { onDelete: "cascade" }),
    /** `event` (a user's or step's), `timer`, `approval` (a decision), `start`, `migration`. */
    kind: text("kind").notNull(),
    event: text("event").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("process_events_instance").on(t.instanceId, t.id)],
);

/**
 * A durable timer: a state's `after` transition, a named reminder, or an
 * approval level's timeout. Set and cancelled in the transaction of the
 * transition that enters or leaves its state; fired once by whichever worker
 * locks it first.
 */
export const timers = temper.table(
  "timers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id").notNull(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => processInstances.id, { onDelete: "cascade" }),
    /** `after`, `reminder` or `approval_timeout`. */
    kind: text("kind").notNull(),
    /** Unique among the instance's pending timers: the XState delayed event, the reminder's name, the approval level. */
    key: text("key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** `pending`, `fired`, `cancelled` or `failed`. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    firedAt: timestamp("fired_at", { withTimezone: true }),
    /** Which worker fired it (a process's worker id), for operations. */
    firedBy: text("fired_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("timers_due")
      .on(t.dueAt)
      .where(sql`status = 'pending'`),
    uniqueIndex("timers_pending_key")
      .on(t.instanceId, t.key)
      .where(sql`status = 'pending'`),
  ],
);

/** An approval state's run: its levels in order, the level being decided, and the outcome. */
export const approvals = temper.table(
  "approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id").notNull(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => processInstances.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    /** The index of the level being decided in the state's `levels`. */
    level: integer("level").notNull(),
    /** `pending`, `approved`, `rejected`, `returned` or `cancelled`. */
    status: text("status").notNull().default("pending"),
    submitterId: uuid("submitter_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("approvals_instance").on(t.instanceId)],
);

/** One approver's part in one level of an approval: what lands in their inbox. */
export const approvalTasks = temper.table(
  "approval_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id").notNull(),
    approvalId: uuid("approval_id")
      .notNull()
      .references(() => approvals.id, { onDelete: "cascade" }),
    level: integer("level").notNull(),
    approverId: uuid("approver_id")
      .notNull()
      .references(() => users.id),
    /** Whose task this one took over by delegation or escalation. */
    fromTaskId: uuid("from_task_id"),
    /** `pending`, `approved`, `rejected`, `returned`, `delegated`, `escalated`, `closed` (decided by others). */
    status: text("status").notNull().default("pending"),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("approval_tasks_inbox")
      .on(t.approverId, t.createdAt)
      .where(sql`status = 'pending'`),
    index("approval_tasks_approval").on(t.approvalId),
  ],
);

/**
 * A side effect written in the transaction of the transition that causes it
 * and delivered after commit: retried with backoff, idempotent by `key`.
 */
export const outbox = temper.table(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id").notNull(),
    instanceId: uuid("instance_id").references(() => processInstances.id, { onDelete: "set null" }),
    /** Unique: a delivery handler may pass it on to the system it calls. */
    key: text("key").notNull().unique(),
    step: text("step").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** `pending`, `done` or `failed` (attempts exhausted). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** How often delivery is tried before the row is given up (a plugin step's retry policy). */
    maxAttempts: integer("max_attempts").notNull().default(8),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index("outbox_instance").on(t.instanceId),
  ],
);
