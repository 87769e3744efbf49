import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { sqlTypeOfField } from "../storage/entity-tables/model.ts";
import { sqlTypeText } from "../storage/entity-tables/plan.ts";
import { changedFields } from "./changes.ts";
import { applyComputed, applyDefaults } from "./compute.ts";
import { validateInput } from "./input-schema.ts";
import { recordWriteError } from "./pg-errors.ts";
import type { Actor, Guard } from "./guard.ts";
import { predicateSql } from "./predicate-sql.ts";
import { entityOrThrow, type WorkspaceContext } from "./service.ts";
import { recordFromRow, type RecordData } from "./values.ts";

/** One write of a batch: a new record (with an id chosen beforehand, if given), or a change of a record read before. */
export type BatchItem =
  { kind: "create"; input: RecordData; id?: string } | { kind: "update"; before: RecordData; input: RecordData };

/** What became of one item, in the order of the items. */
export type BatchResult =
  { status: "created" | "updated" | "unchanged"; record: RecordData } | { status: "rejected"; error: EngineError };

export interface BatchOptions {
  /** Noted in the audit rows of the batch's writes (`details.via`), e.g. "import". */
  via?: string;
  /** A process writes: read-only fields (a state field) may be set. */
  process?: boolean;
  /**
   * Every write must happen: a refused item throws (rolling back the caller's
   * transaction) instead of being reported, so no savepoint is needed.
   */
  atomic?: boolean;
}

/** The writes and look-ups of one transaction (see `recordService().batch`). */
export interface RecordBatch {
  /** Writes items; a failing item is rejected with its reason and does not stop the others. */
  write(entityName: string, items: BatchItem[]): Promise<BatchResult[]>;
  /** The records whose `field` (a field, or `id`) is one of `values`; `lock` holds them until the transaction ends. */
  find(entityName: string, field: string, values: unknown[], options?: { lock?: boolean }): Promise<RecordData[]>;
  /** The workspace's users whose id or username is one of `keys`. */
  findUsers(keys: string[]): Promise<Array<{ id: string; username: string }>>;
}

type Tx = postgres.TransactionSql;

interface Prepared {
  index: number;
  id: string;
  values: RecordData;
  before?: RecordData;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The batch writer of a transaction: each `write` checks every item as
 * `create`/`update` do, then sends the creates as one INSERT and the updates
 * as one UPDATE (rows as a JSON array through `jsonb_populate_recordset`),
 * and the field history and audit rows as one more statement, all inside a
 * savepoint. When PostgreSQL refuses the batch (a unique value taken, a
 * reference to nothing), it is written again one item per savepoint, so that
 * each refused item gets its own reason and the others are kept.
 *
 * @example
 * const results = await records.batch(actor, (batch) => batch.write("customer", items));
 * results.filter((r) => r.status === "rejected").map((r) => r.error.message);
 */
export function recordBatch(
  tx: Tx,
  context: WorkspaceContext,
  actor: Actor,
  guardOf: (entity: Entity) => Promise<Guard>,
  options: BatchOptions = {},
): RecordBatch {
  const table = (entity: Entity) => tx`${tx(context.schema)}.${tx(entity.name)}`;
  const via = options.via ? { via: options.via } : {};

  async function insertRows(sp: Tx, entity: Entity, creates: Prepared[]): Promise<Map<string, RecordData>> {
    const columns = ["id", "owner", "created_by", "updated_by", ...entity.fields.map((f) => f.name)];
    const rows = creates.map((p) => ({ ...p.values, id: p.id, created_by: actor.id, updated_by: actor.id }));
    const inserted = await sp`insert into ${table(entity)} (${sp(columns)})
      select ${sp(columns)} from jsonb_populate_recordset(null::${table(entity)}, ${sp.json(rows as never)})
      returning *`;
    return new Map(inserted.map((row) => [String(row.id), recordFromRow(entity, row)]));
  }

  /** Updates rows at their read versions; with `log`, their history and audit rows go in the same statement. */
  async function updateRows(
    sp: Tx,
    entity: Entity,
    updates: Prepared[],
    log?: { history: unknown[]; audit: unknown[] },
  ): Promise<Map<string, RecordData>> {
    const rows = updates.map((p) => ({ ...p.values, id: p.id, version: p.before!.version, updated_by: actor.id }));
    const assignments = entity.fields.map((f) => sp`${sp(f.name)} = r.${sp(f.name)}`).reduce((a, b) => sp`${a}, ${b}`);
    const update = sp`update ${table(entity)} as t set ${assignments}, owner = r.owner, updated_by = r.updated_by,
        updated_at = now(), version = t.version + 1
      from jsonb_populate_recordset(null::${table(entity)}, ${sp.json(rows as never)}) as r
      where t.id = r.id and t.version = r.version
      returning t.*`;
    const updated = log
      ? await sp`with updated as (${update}), ${logStatements(sp, entity, log)} select * from updated`
      : await update;
    const written = new Map(updated.map((row) => [String(row.id), recordFromRow(entity, row)]));
    const stale = updates.find((p) => !written.has(p.id));
    if (stale) {
      throw new EngineError(
        "version_conflict",
        `the ${entity.name} "${stale.id}" was changed by someone else meanwhile`,
      );
    }
    return written;
  }

  /** The field history and audit rows of written items, given each item's record after the write. */
  function logRows(entity: Entity, prepared: Prepared[], afterOf: (p: Prepared) => RecordData) {
    const history: unknown[] = [];
    const audit: unknown[] = [];
    for (const p of prepared) {
      const after = afterOf(p);
      const changed = changedFields(entity, p.before ?? {}, after);
      for (const field of changed.filter((f) => f.track)) {
        history.push({
          record_id: p.id,
          field: field.name,
          old_value: p.before?.[field.name] ?? null,
          new_value: after[field.name] ?? null,
        });
      }
      audit.push({
        action: p.before ? "record.update" : "record.create",
        record_id: p.id,
        details: p.before
          ? { changed: changed.map((f) => f.name), version: Number(p.before.version) + 1, ...via }
          : via,
      });
    }
    return { history, audit };
  }

  /** The history and audit inserts, as the named parts of a WITH statement. */
  function logStatements(sp: Tx, entity: Entity, log: { history: unknown[]; audit: unknown[] }) {
    return sp`history as (
        insert into temper.field_history (workspace_id, entity, record_id, field, old_value, new_value, changed_by)
        select ${context.workspaceId}, ${entity.name}, record_id, field, old_value, new_value, ${actor.id}
        from jsonb_to_recordset(${sp.json(log.history as never)}) as h(record_id uuid, field text, old_value jsonb, new_value jsonb)
      ), audit as (
        insert into temper.audit_log (workspace_id, actor_id, action, entity, record_id, details)
        select ${context.workspaceId}, ${actor.id}, action, ${entity.name}, record_id, details
        from jsonb_to_recordset(${sp.json(log.audit as never)}) as a(action text, record_id uuid, details jsonb)
      )`;
  }

  function insertLog(sp: Tx, entity: Entity, log: { history: unknown[]; audit: unknown[] }) {
    return sp`with ${logStatements(sp, entity, log)} select 1`;
  }

  async function apply(sp: Tx, entity: Entity, prepared: Prepared[], results: Array<BatchResult | undefined>) {
    const creates = prepared.filter((p) => !p.before);
    const updates = prepared.filter((p) => p.before);
    if (options.atomic && creates.length === 0) {
      // A process's own values: what is written is known before the write, so its log goes in the same statement.
      const updated = await updateRows(
        sp,
        entity,
        updates,
        logRows(entity, updates, (p) => p.values),
      );
      for (const p of updates) results[p.index] = { status: "updated", record: updated.get(p.id)! };
      return;
    }
    const inserted = creates.length > 0 ? await insertRows(sp, entity, creates) : new Map<string, RecordData>();
    const updated = updates.length > 0 ? await updateRows(sp, entity, updates) : new Map<string, RecordData>();
    const afterOf = (p: Prepared) => (p.before ? updated : inserted).get(p.id)!;
    for (const p of prepared) results[p.index] = { status: p.before ? "updated" : "created", record: afterOf(p) };
    await insertLog(sp, entity, logRows(entity, prepared, afterOf));
  }

  return {
    async write(entityName, items) {
      const entity = entityOrThrow(context.definition, entityName);
      const guard = await guardOf(entity);
      const now = new Date();
      const results: Array<BatchResult | undefined> = new Array(items.length);
      const prepared: Prepared[] = [];
      items.forEach((item, index) => {
        const mode = options.process ? (`process_${item.kind}` as const) : item.kind;
        const problems = validateInput(entity, mode, item.input, context.definition.pluginFieldTypes);
        const refused = permissionError(guard, item);
        if (refused) {
          results[index] = { status: "rejected", error: refused };
        } else if (problems.length > 0) {
          const message = problems.map((p) => p.message).join("; ");
          results[index] = { status: "rejected", error: new EngineError("validation_failed", message, { problems }) };
        } else if (item.kind === "create") {
          const values = {
            ...applyComputed(entity, applyDefaults(entity, item.input, guard.user, now)),
            owner: item.input.owner ?? actor.id,
          };
          const denied = permissionError(guard, item, values);
          if (denied) results[index] = { status: "rejected", error: denied };
          else prepared.push({ index, id: item.id ?? randomUUID(), values });
        } else {
          const merged = applyComputed(entity, { ...item.before, ...item.input });
          const denied = permissionError(guard, item, merged);
          if (denied) results[index] = { status: "rejected", error: denied };
          else if (changedFields(entity, item.before, merged).length === 0 && merged.owner === item.before.owner)
            results[index] = { status: "unchanged", record: item.before };
          else prepared.push({ index, id: String(item.before.id), values: merged, before: item.before });
        }
      });
      if (options.atomic) {
        const refused = results.find((r) => r?.status === "rejected");
        if (refused?.status === "rejected") throw refused.error;
        if (prepared.length === 0) return results as BatchResult[];
        try {
          await apply(tx, entity, prepared, results);
        } catch (error) {
          throw error instanceof EngineError ? error : recordWriteError(entity, error, "write");
        }
        return results as BatchResult[];
      }
      if (prepared.length === 0) return results as BatchResult[];
      try {
        await tx.savepoint((sp) => apply(sp, entity, prepared, results));
      } catch {
        // Find the items PostgreSQL refuses, one savepoint each; keep the others.
        for (const p of prepared) {
          try {
            await tx.savepoint((sp) => apply(sp, entity, [p], results));
          } catch (error) {
            const mapped = error instanceof EngineError ? error : recordWriteError(entity, error, "write");
            if (!(mapped instanceof EngineError)) throw mapped;
            results[p.index] = { status: "rejected", error: mapped };
          }
        }
      }
      return results as BatchResult[];
    },

    async find(entityName, fieldName, values, { lock = false } = {}) {
      const entity = entityOrThrow(context.definition, entityName);
      if (values.length === 0) return [];
      const field = entity.fields.find((f) => f.name === fieldName);
      if (!field && fieldName !== "id")
        throw new EngineError("bad_request", `"${entity.name}" has no field "${fieldName}"`);
      const type = field ? sqlTypeText(sqlTypeOfField(field)) : "uuid";
      const list = values.map(String).filter((v) => field || uuid.test(v));
      // Only records the actor may read can be matched: a key never reveals one outside their scope.
      const scope = predicateSql(tx as unknown as postgres.Sql, entity, (await guardOf(entity)).predicate("read"));
      const rows = lock
        ? await tx`select * from ${table(entity)} where ${tx(fieldName)} = any(${list}::${tx.unsafe(type)}[]) and ${scope} for update`
        : await tx`select * from ${table(entity)} where ${tx(fieldName)} = any(${list}::${tx.unsafe(type)}[]) and ${scope}`;
      return rows.map((row) => recordFromRow(entity, row));
    },

    async findUsers(keys) {
      const ids = keys.filter((k) => uuid.test(k));
      const names = keys.filter((k) => !uuid.test(k));
      if (keys.length === 0) return [];
      return tx<Array<{ id: string; username: string }>>`select id, username from temper.users
        where workspace_id = ${context.workspaceId} and (id = any(${ids}::uuid[]) or username = any(${names}::text[]))`;
    },
  };
}

/** Why the actor may not make this write (a field they may not write, a record outside their scope), or nothing. */
function permissionError(guard: Guard, item: BatchItem, after?: RecordData): EngineError | undefined {
  try {
    if (!after) guard.assertWritable(item.input);
    else if (item.kind === "create") guard.allowOrThrow("create", after);
    else {
      guard.allowOrThrow("update", item.before);
      guard.allowOrThrow("update", after);
    }
    return undefined;
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
}
