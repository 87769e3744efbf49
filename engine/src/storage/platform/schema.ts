import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The platform's own tables, in the `temper` schema. Entity tables live in one
 * schema per workspace (`ws_<id>`) and are built from the definition instead.
 */
export const temper = pgSchema("temper");

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

/** One client: its own schema of entity tables, its users and its published versions. */
export const workspaces = temper.table("workspaces", {
  id: text("id").primaryKey(),
  schemaName: text("schema_name").notNull().unique(),
  currentVersionId: uuid("current_version_id"),
  ...timestamps,
});

/** An immutable, content-hashed snapshot of a definition published into a workspace. */
export const definitionVersions = temper.table(
  "definition_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    appId: text("app_id").notNull(),
    version: text("version").notNull(),
    contentHash: text("content_hash").notNull(),
    /** The definition's files by path, as parsed JSON. */
    bundle: jsonb("bundle").$type<Record<string, unknown>>().notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("definition_versions_workspace_version").on(t.workspaceId, t.version)],
);

/** A migration plan applied to a workspace's entity tables, kept for the record. */
export const appliedMigrations = temper.table("applied_migrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id),
  fromVersionId: uuid("from_version_id").references(() => definitionVersions.id),
  toVersionId: uuid("to_version_id")
    .notNull()
    .references(() => definitionVersions.id),
  actions: jsonb("actions").$type<unknown[]>().notNull(),
  statements: jsonb("statements").$type<string[]>().notNull(),
  appliedBy: text("applied_by").notNull(),
  appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person who signs in to a workspace. */
export const users = temper.table(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    username: text("username").notNull(),
    displayName: text("display_name"),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    /** Role names of the workspace's definition; the union of their grants applies. */
    roles: text("roles")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    /** The org unit the user is placed in (the org hierarchy fills it). */
    orgUnitId: uuid("org_unit_id").references((): AnyPgColumn => orgUnits.id),
    managerId: uuid("manager_id").references((): AnyPgColumn => users.id),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_workspace_username").on(t.workspaceId, t.username)],
);

/** A bearer token: a sign-in session or a named API token. Only its hash is stored. */
export const tokens = temper.table(
  "tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["session", "api"] }).notNull(),
    name: text("name"),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("tokens_user").on(t.userId)],
);

/** Who did what, when: every write, publish, sign-in and user change. */
export const auditLog = temper.table(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    entity: text("entity"),
    recordId: uuid("record_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_record").on(t.workspaceId, t.entity, t.recordId, t.at)],
);

/** Every change of a tracked field: who, when, the old and the new value. */
export const fieldHistory = temper.table(
  "field_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    entity: text("entity").notNull(),
    recordId: uuid("record_id").notNull(),
    field: text("field").notNull(),
    oldValue: jsonb("old_value"),
    newValue: jsonb("new_value"),
    changedBy: uuid("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("field_history_record").on(t.workspaceId, t.entity, t.recordId, t.changedAt)],
);

/**
 * A unit of a client's organization (company, region, department, team), in
 * a tree. `path` lists the ids from the root down (`/<root>/<child>/`), so
 * that a subtree is one prefix match; moving a unit rewrites its subtree's paths.
 */
export const orgUnits = temper.table(
  "org_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("team"),
    parentId: uuid("parent_id").references((): AnyPgColumn => orgUnits.id),
    path: text("path").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("org_units_workspace_code").on(t.workspaceId, t.code),
    index("org_units_path").on(t.workspaceId, t.path),
  ],
);

/** A message for one user (an annotation on their record, a process's notice), read or not. */
export const notifications = temper.table(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    entity: text("entity"),
    recordId: uuid("record_id"),
    actorId: uuid("actor_id"),
    message: text("message").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("notifications_user").on(t.userId, t.createdAt)],
);

/** A note a manager adds to a record in their scope, kept with who and when; never edited. */
export const annotations = temper.table(
  "annotations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    entity: text("entity").notNull(),
    recordId: uuid("record_id").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    ...timestamps,
  },
  (t) => [index("annotations_record").on(t.workspaceId, t.entity, t.recordId, t.createdAt)],
);

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

/** Where round-robin assignment left off, per rule. */
export const assignmentCursors = temper.table(
  "assignment_cursors",
  {
    workspaceId: text("workspace_id").notNull(),
    key: text("key").notNull(),
    lastUserId: uuid("last_user_id").notNull(),
  },
  (t) => [uniqueIndex("assignment_cursors_key").on(t.workspaceId, t.key)],
);

/** A plugin's settings for a workspace (an SMTP server, a webhook's URL and secret); secrets are never returned by the API. */
export const pluginSettings = temper.table(
  "plugin_settings",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    plugin: text("plugin").notNull(),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plugin_settings_workspace_plugin").on(t.workspaceId, t.plugin)],
);
