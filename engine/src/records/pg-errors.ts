import type { Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";

interface PostgresError {
  code?: string;
  constraint_name?: string;
  column_name?: string;
  table_name?: string;
  message: string;
}

/**
 * Turns a PostgreSQL error of a record write into the engine's error naming
 * the field: a missing referenced record, a taken unique value, a missing
 * required value. Anything else is passed on unchanged.
 */
export function recordWriteError(entity: Entity, error: unknown, operation: "write" | "delete"): unknown {
  const pg = error as PostgresError;
  const constraint = pg.constraint_name ?? "";
  const field = entity.fields.find(
    (f) => constraint === `${entity.name}_${f.name}_fkey` || constraint.startsWith(`${entity.name}_${f.name}_key`),
  );
  switch (pg.code) {
    case "23503":
      if (operation === "delete" || !field) {
        return new EngineError(
          "conflict",
          `the ${entity.name} is referenced by ${pg.table_name ?? "other"} records; remove or change those first`,
        );
      }
      return new EngineError("validation_failed", `"${field.name}" names a record that does not exist`, {
        problems: [
          {
            field: field.name,
            code: "reference",
            message: `no ${field.type === "reference" ? field.entity : "user"} with that id`,
          },
        ],
      });
    case "23505":
      return new EngineError("validation_failed", `another ${entity.name} already has this ${field?.name ?? "value"}`, {
        problems: [
          {
            field: field?.name ?? constraint,
            code: "unique",
            message: "must be unique; another record has this value",
          },
        ],
      });
    case "23502":
      return new EngineError("validation_failed", `"${pg.column_name}" is required`, {
        problems: [{ field: pg.column_name ?? "", code: "required", message: "is required" }],
      });
    case "22003":
    case "22001":
    case "22007":
    case "22008":
    case "22P02":
      return new EngineError("validation_failed", pg.message, {
        problems: [{ field: pg.column_name ?? "", code: "invalid", message: pg.message }],
      });
    default:
      return error;
  }
}
