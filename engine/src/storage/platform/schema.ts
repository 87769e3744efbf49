import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  bigserial,
  boolean,
  index,
  integer,
  json,
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
    /**
     * The definition's files by path, as parsed JSON; `json`, not `jsonb`, so
     * that objects keep their keys' order (a process's states and events in
     * the order the consultant wrote them).
     */
    bundle: json("bundle").$type<Record<string, unknown>>().notNull(),
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

/**
 * What a plugin keeps between runs, per workspace and key (where round-robin
 * assignment left off); written in the transaction of the step that uses it.
 */
export const pluginState = temper.table(
  "plugin_state",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    plugin: text("plugin").notNull(),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plugin_state_key").on(t.workspaceId, t.plugin, t.key)],
);

/**
 * A plugin's scheduled job in one workspace: when it runs next, and how its
 * last run went. Workers take due rows with SKIP LOCKED, so each run happens once.
 */
export const pluginJobs = temper.table(
  "plugin_jobs",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    plugin: text("plugin").notNull(),
    job: text("job").notNull(),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    /** `ok` or `failed` after a run. */
    lastStatus: text("last_status"),
    /** What the last run returned (counts a job reports), or its error. */
    lastResult: jsonb("last_result").$type<Record<string, unknown>>(),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [uniqueIndex("plugin_jobs_key").on(t.workspaceId, t.plugin, t.job), index("plugin_jobs_due").on(t.nextRunAt)],
);
