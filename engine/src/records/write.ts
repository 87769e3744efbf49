import type postgres from "postgres";
import type { Entity } from "../definitions/index.ts";
import type { Storage } from "../storage/platform/database.ts";
import { changedFields } from "./changes.ts";
import type { Actor } from "./guard.ts";
import type { RecordData } from "./values.ts";

type Tx = postgres.TransactionSql;

function isJson(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The statements every write shares: a record as a row (JSON columns as
 * JSON), its audit row, and the field history of its tracked fields.
 */
export function writeSteps(sql: Storage["sql"], workspaceId: string) {
  return {
    toRow(record: RecordData): Record<string, unknown> {
      const row: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record)) {
        row[key] = isJson(value) || (Array.isArray(value) && value.some(isJson)) ? sql.json(value as never) : value;
      }
      return row;
    },

    async audit(tx: Tx, actor: Actor, action: string, entity: Entity, id: string, details: Record<string, unknown>) {
      await tx`insert into temper.audit_log (workspace_id, actor_id, action, entity, record_id, details)
        values (${workspaceId}, ${actor.id}, ${action}, ${entity.name}, ${id}, ${sql.json(details as never)})`;
    },

    /** Writes the history of the tracked fields that changed, and returns the names of all that changed. */
    async trackChanges(
      tx: Tx,
      actor: Actor,
      entity: Entity,
      id: string,
      before: RecordData,
      after: RecordData,
    ): Promise<string[]> {
      const changed = changedFields(entity, before, after);
      const tracked = changed.filter((f) => f.track);
      if (tracked.length > 0) {
        await tx`insert into temper.field_history ${sql(
          tracked.map((f) => ({
            workspace_id: workspaceId,
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
    },
  };
}
