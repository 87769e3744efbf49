import type postgres from "postgres";
import type { Definition, Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { type BatchOptions, recordBatch, type RecordBatch } from "./batch-write.ts";
import { changedFields } from "./changes.ts";
import { applyComputed, applyDefaults } from "./compute.ts";
import { type Actor, actorScope, type Guard, guardFor } from "./guard.ts";
import { validateInput } from "./input-schema.ts";
import type { ListQuery } from "./list-query.ts";
import { recordWriteError } from "./pg-errors.ts";
import { listRecords, type RecordPage, selectScoped } from "./read.ts";
import { recordStats, type Stats, type StatsLimits, type StatsRequest } from "./stats.ts";
import { recordFromRow, type RecordData } from "./values.ts";
import { writeSteps } from "./write.ts";

/** The workspace a service works in, at its published version. */
export interface WorkspaceContext {
  workspaceId: string;
  schema: string;
  definition: Definition;
}

export type { Actor, RecordPage };

/** One change of a tracked field. */
export interface HistoryEntry {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

type Tx = postgres.TransactionSql;

/**
 * What runs inside a record write's transaction besides the write: the
 * process runtime starts processes with a new record and ends them with a
 * deleted one. Passed in by the layer above, so records know nothing of processes.
 */
export interface RecordHooks {
  /** After a record is created: returns the record as the hook left it. */
  afterCreate?(tx: Tx, actor: Actor, entity: Entity, record: RecordData): Promise<RecordData>;
  /** Before a record is deleted. */
  beforeDelete?(tx: Tx, entity: Entity, id: string): Promise<void>;
}

/**
 * Finds an entity of the published definition, or throws `not_found`.
 *
 * @example
 * entityOrThrow(definition, "customer").titleField; // "name"
 */
export function entityOrThrow(definition: Definition, name: string): Entity {
  const entity = definition.entities.get(name);
  if (!entity) throw new EngineError("not_found", `no entity "${name}" in this workspace`);
  return entity;
}

function invalid(problems: ReturnType<typeof validateInput>): EngineError {
  return new EngineError("validation_failed", problems.map((p) => p.message).join("; "), { problems });
}

/**
 * The records service: the one path for records (validation, defaults,
 * computed fields, audit, field history, optimistic concurrency) with the
 * actor's permissions applied in every operation: scopes as SQL predicates,
 * field allow-lists on what is read and written. A record outside the actor's
 * scope is "not found". Every path (API, CLI, processes, plugins, import)
 * goes through it.
 *
 * @example
 * const records = recordService(storage, context);
 * const customer = await records.create(actor, "customer", { name: "Hanwha Machinery", region: "east" });
 * await records.update(actor, "customer", customer.id, { industry: "machinery" }, customer.version);
 */
export function recordService(
  storage: Storage,
  context: WorkspaceContext,
  hooks: RecordHooks = {},
  options: { tx?: Tx } = {},
) {
  // Inside a caller's transaction (a process step), every read and write goes through it, each write in a savepoint.
  const sql = (options.tx ?? storage.sql) as Storage["sql"];
  const begin = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    (options.tx ? options.tx.savepoint(work) : storage.sql.begin(work)) as Promise<T>;
  const steps = writeSteps(sql, context.workspaceId);
  const table = (entity: Entity) => sql`${sql(context.schema)}.${sql(entity.name)}`;
  const guard = (actor: Actor, entityName: string) =>
    guardFor(sql, context, actor, entityOrThrow(context.definition, entityName));
  const notFound = (entity: Entity, id: string) => new EngineError("not_found", `no ${entity.name} "${id}"`);

  /**
   * Refuses a reference to a record the actor may not read exactly like one
   * to a record that does not exist: a link never reveals a record.
   */
  async function assertReferencesVisible(tx: Tx, actor: Actor, g: Guard, input: RecordData): Promise<void> {
    if (actor.system) return;
    for (const field of g.entity.fields) {
      const value = input[field.name];
      if (field.type !== "reference" || typeof value !== "string") continue;
      const target = await guard(actor, field.entity);
      if (!(await selectScoped(tx, table(target.entity), target, value))) {
        throw new EngineError("validation_failed", `"${field.name}" names a record that does not exist`, {
          problems: [{ field: field.name, code: "reference", message: `no ${field.entity} with that id` }],
        });
      }
    }
  }

  async function insert(tx: Tx, actor: Actor, g: Guard, input: RecordData): Promise<RecordData> {
    const entity = g.entity;
    if (!g.may("create")) g.allowOrThrow("create", {});
    g.assertWritable(input);
    const problems = validateInput(entity, "create", input, context.definition.pluginFieldTypes);
    if (problems.length > 0) throw invalid(problems);
    const prepared = {
      ...applyComputed(entity, applyDefaults(entity, input, g.user, new Date())),
      owner: input.owner ?? actor.id,
    };
    g.allowOrThrow("create", prepared);
    await assertReferencesVisible(tx, actor, g, input);
    let record: RecordData;
    try {
      const [created] =
        await tx`insert into ${table(entity)} ${sql(steps.toRow({ ...prepared, created_by: actor.id, updated_by: actor.id }))} returning *`;
      record = recordFromRow(entity, created!);
      await steps.trackChanges(tx, actor, entity, String(record.id), {}, record);
      await steps.audit(tx, actor, "record.create", entity, String(record.id), {});
    } catch (error) {
      throw recordWriteError(entity, error, "write");
    }
    return g.strip(hooks.afterCreate ? await hooks.afterCreate(tx, actor, entity, record) : record);
  }

  /** Reads and locks a record the actor may see, and checks they may do `operation` to it. */
  async function lockForChange(tx: Tx, g: Guard, id: string, operation: "update" | "delete") {
    // One who may write nothing here is told so at once; a record outside the read scope is not found;
    // one the actor may read but not change is refused.
    if (operation === "update" && !g.may("update") && !g.writesAny()) g.allowOrThrow(operation, {});
    const before = await selectScoped(tx, table(g.entity), g, id, { lock: true });
    if (!before) throw notFound(g.entity, id);
    g.allowOrThrow(operation, before);
    return before;
  }

  function assertVersion(entity: Entity, before: RecordData, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw new EngineError(
        "version_conflict",
        `the ${entity.name} was changed by someone else (now at version ${String(before.version)}, you had ${expectedVersion}); reload it and try again`,
        { currentVersion: before.version },
      );
    }
  }

  return {
    /** Creates a record; the actor owns it unless `owner` says otherwise (within their create scope). */
    async create(actor: Actor, entityName: string, input: RecordData): Promise<RecordData> {
      const g = await guard(actor, entityName);
      return begin((tx) => insert(tx, actor, g, input));
    },

    /** Creates several records in one transaction: all or none. */
    async createMany(actor: Actor, entityName: string, inputs: RecordData[]): Promise<RecordData[]> {
      const g = await guard(actor, entityName);
      return begin(async (tx) => {
        const created: RecordData[] = [];
        for (const input of inputs) created.push(await insert(tx, actor, g, input));
        return created;
      });
    },

    /**
     * Runs `work` in one transaction with a batch writer: many creates and
     * updates per statement, with the same validation, permissions, defaults,
     * computed fields, history and audit as `create` and `update`.
     *
     * @example
     * await records.batch(actor, async (batch) => batch.write("customer", [{ kind: "create", input: { name: "Kumho", region: "south" } }]));
     */
    async batch<T>(
      actor: Actor,
      work: (batch: RecordBatch) => Promise<T>,
      batchOptions: BatchOptions = {},
    ): Promise<T> {
      const guards = new Map<string, Promise<Guard>>();
      const guardOf = (entity: Entity) => {
        if (!guards.has(entity.name)) guards.set(entity.name, guardFor(sql, context, actor, entity));
        return guards.get(entity.name)!;
      };
      // Whom the actor's scope covers is resolved before the transaction, so that it needs no second connection.
      if (!actor.system) await actorScope(sql, context.workspaceId, actor);
      return begin((tx) => work(recordBatch(tx, context, actor, guardOf, batchOptions)));
    },

    /** Reads one record the actor may see, or throws `not_found`. */
    async get(actor: Actor, entityName: string, id: string): Promise<RecordData> {
      const g = await guard(actor, entityName);
      const record = await selectScoped(sql, table(g.entity), g, id);
      if (!record) throw notFound(g.entity, id);
      return g.strip(record);
    },

    /**
     * Changes fields of a record written at `expectedVersion`; a record changed
     * since gets `version_conflict` and keeps the other writer's values.
     */
    async update(
      actor: Actor,
      entityName: string,
      id: string,
      input: RecordData,
      expectedVersion: number,
    ): Promise<RecordData> {
      const g = await guard(actor, entityName);
      const entity = g.entity;
      return begin(async (tx) => {
        // Not found and not allowed come first: what the input says about a record one may not touch is not checked.
        const before = await lockForChange(tx, g, id, "update");
        g.assertWritable(input);
        const problems = validateInput(entity, "update", input, context.definition.pluginFieldTypes);
        if (problems.length > 0) throw invalid(problems);
        await assertReferencesVisible(tx, actor, g, input);
        assertVersion(entity, before, expectedVersion);
        const merged = applyComputed(entity, { ...before, ...input });
        // The record must stay within the actor's scope: an owner may be changed only to someone it covers.
        g.allowOrThrow("update", merged);
        const changes: RecordData = {};
        for (const field of changedFields(entity, before, merged)) changes[field.name] = merged[field.name];
        if (merged.owner !== before.owner) changes.owner = merged.owner;
        if (Object.keys(changes).length === 0) return g.strip(before);
        try {
          const [row] = await tx`update ${table(entity)} set ${sql(steps.toRow({ ...changes, updated_by: actor.id }))},
            updated_at = now(), version = version + 1 where id = ${id} returning *`;
          const after = recordFromRow(entity, row!);
          const changed = await steps.trackChanges(tx, actor, entity, id, before, after);
          await steps.audit(tx, actor, "record.update", entity, id, { changed, version: after.version });
          return g.strip(after);
        } catch (error) {
          throw recordWriteError(entity, error, "write");
        }
      });
    },

    /** Deletes a record (at `expectedVersion` when given). */
    async delete(actor: Actor, entityName: string, id: string, expectedVersion?: number): Promise<void> {
      const g = await guard(actor, entityName);
      await begin(async (tx) => {
        const before = await lockForChange(tx, g, id, "delete");
        assertVersion(g.entity, before, expectedVersion);
        await hooks.beforeDelete?.(tx, g.entity, id);
        try {
          await tx`delete from ${table(g.entity)} where id = ${id}`;
        } catch (error) {
          throw recordWriteError(g.entity, error, "delete");
        }
        await steps.audit(tx, actor, "record.delete", g.entity, id, {
          [g.entity.titleField]: before[g.entity.titleField] ?? null,
        });
      });
    },

    /** Lists the records the actor may read: scope, filters, sort and search in SQL; keyset pages. */
    async list(actor: Actor, entityName: string, query: ListQuery = {}): Promise<RecordPage> {
      const g = await guard(actor, entityName);
      return listRecords(sql, table(g.entity), g, query);
    },

    /**
     * Counts (and sums) the records the actor may read by groups, in SQL: see `recordStats`.
     *
     * @example
     * await records.stats(actor, "opportunity", { groups: [{ field: "stage" }], sums: ["amount"] });
     */
    async stats(actor: Actor, entityName: string, request: StatsRequest, limits?: StatsLimits): Promise<Stats> {
      const g = await guard(actor, entityName);
      return recordStats(sql, context, g, request, limits);
    },

    /** The changes of a record's tracked fields the actor may read, newest first. */
    async history(actor: Actor, entityName: string, id: string): Promise<HistoryEntry[]> {
      const g = await guard(actor, entityName);
      if (!(await selectScoped(sql, table(g.entity), g, id))) throw notFound(g.entity, id);
      const rows = await sql`select field, old_value, new_value, changed_by, changed_at from temper.field_history
        where workspace_id = ${context.workspaceId} and entity = ${g.entity.name} and record_id = ${id} order by changed_at desc, id desc`;
      return rows
        .filter((r) => g.readable(r.field))
        .map((r) => ({
          field: r.field,
          oldValue: r.old_value,
          newValue: r.new_value,
          changedBy: r.changed_by,
          changedAt: (r.changed_at as Date).toISOString(),
        }));
    },

    /** What the actor may do with an entity (for explanations, events and views). */
    guard,
  };
}

export type RecordService = ReturnType<typeof recordService>;
