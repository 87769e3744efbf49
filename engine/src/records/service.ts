import type postgres from "postgres";
import { type Definition, type Entity, isSystemField } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { type BatchOptions, recordBatch, type RecordBatch } from "./batch-write.ts";
import { changedFields } from "./changes.ts";
import { applyComputed, applyDefaults, type ExpressionUser } from "./compute.ts";
import { validateInput } from "./input-schema.ts";
import {
  afterCursorSql,
  decodeCursor,
  encodeCursor,
  fieldTypeOf,
  filterSql,
  type ListQuery,
  sortKeys,
} from "./list-query.ts";
import { recordWriteError } from "./pg-errors.ts";
import { recordFromRow, type RecordData } from "./values.ts";

/** The workspace a service works in, at its published version. */
export interface WorkspaceContext {
  workspaceId: string;
  schema: string;
  definition: Definition;
}

/** Who is acting: a signed-in user, or the workspace's system user. */
export type Actor = ExpressionUser;

/** One change of a tracked field. */
export interface HistoryEntry {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

export interface RecordPage {
  records: RecordData[];
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

type Tx = postgres.TransactionSql;

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

function isJson(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The records service: the one write path for records (validation, defaults,
 * computed fields, audit, field history, optimistic concurrency) and the one
 * read path (lists filtered, sorted and paged in SQL). Every path (API, CLI,
 * processes, plugins, import) goes through it.
 *
 * @example
 * const records = recordService(storage, context);
 * const customer = await records.create(actor, "customer", { name: "Hanwha Machinery", region: "east" });
 * await records.update(actor, "customer", customer.id, { industry: "machinery" }, customer.version);
 */
export function recordService(storage: Storage, context: WorkspaceContext) {
  const { sql } = storage;
  const table = (entity: Entity) => sql`${sql(context.schema)}.${sql(entity.name)}`;

  const toRow = (record: RecordData) => {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record))
      row[key] = isJson(value) || (Array.isArray(value) && value.some(isJson)) ? sql.json(value as never) : value;
    return row;
  };

  async function audit(
    tx: Tx,
    actor: Actor,
    action: string,
    entity: Entity,
    id: string,
    details: Record<string, unknown>,
  ) {
    await tx`insert into temper.audit_log (workspace_id, actor_id, action, entity, record_id, details)
      values (${context.workspaceId}, ${actor.id}, ${action}, ${entity.name}, ${id}, ${sql.json(details as never)})`;
  }

  async function trackChanges(tx: Tx, actor: Actor, entity: Entity, id: string, before: RecordData, after: RecordData) {
    const changed = changedFields(entity, before, after);
    const tracked = changed.filter((f) => f.track);
    if (tracked.length > 0) {
      await tx`insert into temper.field_history ${sql(
        tracked.map((f) => ({
          workspace_id: context.workspaceId,
          entity: entity.name,
          record_id: id,
          field: f.name,
          old_value: sql.json((before[f.name] ?? null) as never),
          new_value: sql.json((after[f.name] ?? null) as never),
          changed_by: actor.id,
        })),
      )}`;
    }
    return changed.map((f) => f.name);
  }

  async function insert(tx: Tx, actor: Actor, entity: Entity, input: RecordData): Promise<RecordData> {
    const problems = validateInput(entity, "create", input);
    if (problems.length > 0) throw invalid(problems);
    const prepared = applyComputed(entity, applyDefaults(entity, input, actor, new Date()));
    const row = toRow({ ...prepared, owner: input.owner ?? actor.id, created_by: actor.id, updated_by: actor.id });
    try {
      const [created] = await tx`insert into ${table(entity)} ${sql(row)} returning *`;
      const record = recordFromRow(entity, created!);
      await trackChanges(tx, actor, entity, String(record.id), {}, record);
      await audit(tx, actor, "record.create", entity, String(record.id), {});
      return record;
    } catch (error) {
      throw recordWriteError(entity, error, "write");
    }
  }

  async function selectOne(
    tx: Tx | postgres.Sql,
    entity: Entity,
    id: string,
    lock = false,
  ): Promise<RecordData | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [row] = lock
      ? await tx`select * from ${table(entity)} where id = ${id} for update`
      : await tx`select * from ${table(entity)} where id = ${id}`;
    return row ? recordFromRow(entity, row) : undefined;
  }

  const notFound = (entity: Entity, id: string) => new EngineError("not_found", `no ${entity.name} "${id}"`);

  return {
    /** Creates a record; the actor owns it unless `owner` says otherwise. */
    async create(actor: Actor, entityName: string, input: RecordData): Promise<RecordData> {
      const entity = entityOrThrow(context.definition, entityName);
      return sql.begin((tx) => insert(tx, actor, entity, input));
    },

    /** Creates several records in one transaction: all or none. */
    async createMany(actor: Actor, entityName: string, inputs: RecordData[]): Promise<RecordData[]> {
      const entity = entityOrThrow(context.definition, entityName);
      return sql.begin(async (tx) => {
        const created: RecordData[] = [];
        for (const input of inputs) created.push(await insert(tx, actor, entity, input));
        return created;
      });
    },

    /**
     * Runs `work` in one transaction with a batch writer: many creates and
     * updates per statement, with the same validation, defaults, computed
     * fields, history and audit as `create` and `update` (see batch-write.ts).
     * It commits when `work` resolves and rolls everything back when it throws.
     *
     * @example
     * await records.batch(actor, async (batch) => batch.write("customer", [{ kind: "create", input: { name: "Kumho", region: "south" } }]));
     */
    async batch<T>(actor: Actor, work: (batch: RecordBatch) => Promise<T>, options: BatchOptions = {}): Promise<T> {
      return (await sql.begin((tx) => work(recordBatch(tx, context, actor, options)))) as T;
    },

    /** Reads one record, or throws `not_found`. */
    async get(_actor: Actor, entityName: string, id: string): Promise<RecordData> {
      const entity = entityOrThrow(context.definition, entityName);
      const record = await selectOne(sql, entity, id);
      if (!record) throw notFound(entity, id);
      return record;
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
      const entity = entityOrThrow(context.definition, entityName);
      const problems = validateInput(entity, "update", input);
      if (problems.length > 0) throw invalid(problems);
      return sql.begin(async (tx) => {
        const before = await selectOne(tx, entity, id, true);
        if (!before) throw notFound(entity, id);
        if (before.version !== expectedVersion) {
          throw new EngineError(
            "version_conflict",
            `the ${entity.name} was changed by someone else (now at version ${String(before.version)}, you had ${expectedVersion}); reload it and try again`,
            {
              currentVersion: before.version,
            },
          );
        }
        const merged = applyComputed(entity, { ...before, ...input });
        const changes: RecordData = {};
        for (const field of changedFields(entity, before, merged)) changes[field.name] = merged[field.name];
        if (Object.keys(changes).length === 0) return before;
        try {
          const [row] =
            await tx`update ${table(entity)} set ${sql(toRow({ ...changes, updated_by: actor.id }))}, updated_at = now(), version = version + 1
            where id = ${id} returning *`;
          const after = recordFromRow(entity, row!);
          const changed = await trackChanges(tx, actor, entity, id, before, after);
          await audit(tx, actor, "record.update", entity, id, { changed, version: after.version });
          return after;
        } catch (error) {
          throw recordWriteError(entity, error, "write");
        }
      });
    },

    /** Deletes a record (at `expectedVersion` when given). */
    async delete(actor: Actor, entityName: string, id: string, expectedVersion?: number): Promise<void> {
      const entity = entityOrThrow(context.definition, entityName);
      await sql.begin(async (tx) => {
        const before = await selectOne(tx, entity, id, true);
        if (!before) throw notFound(entity, id);
        if (expectedVersion !== undefined && before.version !== expectedVersion) {
          throw new EngineError(
            "version_conflict",
            `the ${entity.name} was changed by someone else; reload it and try again`,
            { currentVersion: before.version },
          );
        }
        try {
          await tx`delete from ${table(entity)} where id = ${id}`;
        } catch (error) {
          throw recordWriteError(entity, error, "delete");
        }
        await audit(tx, actor, "record.delete", entity, id, { [entity.titleField]: before[entity.titleField] ?? null });
      });
    },

    /** Lists records: filters, sort and text search in SQL, keyset pages. */
    async list(_actor: Actor, entityName: string, query: ListQuery = {}): Promise<RecordPage> {
      const entity = entityOrThrow(context.definition, entityName);
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      const keys = sortKeys(entity, query.sort);
      const conditions = (query.filters ?? []).map((f) => filterSql(sql, entity, f));
      if (query.search !== undefined) {
        const term = query.search.trim();
        if (term.length < 2) throw new EngineError("bad_request", "search needs at least 2 characters");
        conditions.push(filterSql(sql, entity, { field: entity.titleField, op: "contains", value: term }));
      }
      // Instants have microseconds, which a JS Date drops: the cursor keeps them as text, and so must the parameter.
      const exact = keys.filter((k) => fieldTypeOf(entity, k.field) === "datetime").map((k) => k.field);
      if (query.cursor) {
        const values = decodeCursor(query.cursor, keys).map((v, i) =>
          v !== null && exact.includes(keys[i]!.field) ? sql`${String(v)}::text::timestamptz` : v,
        );
        conditions.push(sql`(${afterCursorSql(sql, keys, values)})`);
      }
      const where = conditions.length > 0 ? sql`where ${conditions.reduce((a, b) => sql`${a} and ${b}`)}` : sql``;
      // Empty values sort last; a column that cannot be empty sorts plainly, so that its indexes serve the order.
      const notNull = (name: string) =>
        isSystemField(name) || entity.fields.some((f) => f.name === name && f.required && f.type !== "computed");
      const order = keys
        .map((k) => {
          const direction = k.direction === "asc" ? "asc" : notNull(k.field) ? "desc" : "desc nulls last";
          return sql`${sql(k.field)} ${sql.unsafe(direction)}`;
        })
        .reduce((a, b) => sql`${a}, ${b}`);
      const extra = exact.reduce((a, f) => sql`${a}, ${sql(f)}::text as ${sql(`cursor:${f}`)}`, sql``);
      // The two statements are pipelined: one round trip, not two.
      const [, rows] = await sql.begin((tx) => [
        tx`set local statement_timeout = '10s'`,
        tx`select * ${extra} from ${table(entity)} ${where} order by ${order} limit ${limit + 1}`,
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor(keys.map((k) => last[`cursor:${k.field}`] ?? last[k.field] ?? null))
          : undefined;
      const records = page.map((row) => {
        for (const field of exact) delete row[`cursor:${field}`];
        return recordFromRow(entity, row);
      });
      return { records, ...(nextCursor ? { nextCursor } : {}) };
    },

    /** The changes of a record's tracked fields, newest first. */
    async history(actor: Actor, entityName: string, id: string): Promise<HistoryEntry[]> {
      const entity = entityOrThrow(context.definition, entityName);
      await this.get(actor, entityName, id);
      const rows = await sql`select field, old_value, new_value, changed_by, changed_at from temper.field_history
        where workspace_id = ${context.workspaceId} and entity = ${entity.name} and record_id = ${id} order by changed_at desc, id desc`;
      return rows.map((r) => ({
        field: r.field,
        oldValue: r.old_value,
        newValue: r.new_value,
        changedBy: r.changed_by,
        changedAt: (r.changed_at as Date).toISOString(),
      }));
    },
  };
}

export type RecordService = ReturnType<typeof recordService>;
