// Inputs the matrix writes: valid records built from the CRM's entity JSON,
// and the fields a user may not write.
import type { RecordData } from "../../engine/src/records/values.ts";
import type { FieldJson, Oracle } from "./oracle.ts";

/**
 * A value of a field's type within its constraints; references pick a record
 * of the target entity through `pick`.
 *
 * @example
 * valueOf(field, 7, (entity) => ids[entity], userId); // "Matrix notes 7"
 */
export function valueOf(field: FieldJson, n: number, pick: (entity: string) => unknown, userId: string): unknown {
  switch (field.type) {
    case "text":
    case "long_text": {
      const candidates = [`Matrix ${field.name} ${n}`, `MATRIX-${n}`];
      return candidates.find((c) => !field.pattern || new RegExp(field.pattern).test(c)) ?? candidates[0];
    }
    case "email":
      return `matrix${n}@example.com`;
    case "phone":
      return "+86 10 5555 0000";
    case "url":
      return "https://example.com/matrix";
    case "enum":
      return field.options![0]!.value;
    case "multi_enum":
      return [field.options![0]!.value];
    case "number":
    case "money":
    case "percent": {
      const low = field.min ?? field.minimum ?? 0;
      return Math.min(field.max ?? field.maximum ?? Number.MAX_SAFE_INTEGER, low + 1 + n);
    }
    case "date":
      return "2026-10-01";
    case "datetime":
      return "2026-10-01T08:00:00.000Z";
    case "boolean":
      return false;
    case "reference":
      return pick(field.entity!);
    case "user":
      return field.multiple ? [userId] : userId;
    default:
      return 1;
  }
}

const hasDefault = (f: FieldJson) => f.default !== undefined || f.defaultExpression !== undefined;

/**
 * A valid create input for the user: every required field without a default,
 * references to records the user may read (from `world`).
 *
 * @example
 * const input = validInput(oracle, "quote", world, 12);
 */
export function validInput(oracle: Oracle, entity: string, world: Map<string, RecordData[]>, n: number): RecordData {
  const pick = (target: string) => {
    const readable = (world.get(target) ?? []).filter((r) => oracle.can("read", target, r));
    // A user who may read none gets some record: their write is refused before the reference matters.
    return (readable[0] ?? world.get(target)?.[0])?.id;
  };
  const input: RecordData = {};
  for (const field of oracle.entity(entity).fields) {
    if (!field.required || hasDefault(field) || field.readOnly || field.type === "computed") continue;
    input[field.name] = valueOf(field, n, pick, oracle.user.id);
  }
  return input;
}

/**
 * The fields (and `owner`) the user may not write, a few of each kind: the
 * owner, a field they may not read, a read-only field, a computed field, a
 * field left out of their allow-list.
 *
 * @example
 * protectedFields(repOracle, "customer"); // ["owner", "segment", "value_score"]
 */
export function protectedFields(oracle: Oracle, entity: string): string[] {
  const writable = oracle.writable(entity);
  const readable = oracle.readable(entity);
  const fields = oracle.entity(entity).fields.filter((f) => !writable.has(f.name));
  const picks = [
    writable.has("owner") ? undefined : "owner",
    fields.find((f) => !readable.has(f.name))?.name,
    fields.find((f) => f.readOnly)?.name,
    fields.find((f) => f.type === "computed")?.name,
    fields.find((f) => !f.readOnly && f.type !== "computed")?.name,
  ];
  return [...new Set(picks.filter((p) => p !== undefined))];
}

/**
 * The field an update changes: a writable text that is neither unique nor
 * the title when there is one, else the title, else nothing.
 *
 * @example
 * editableField(oracle, "customer"); // "city"
 */
export function editableField(oracle: Oracle, entity: string): string | undefined {
  const model = oracle.entity(entity);
  const writable = oracle.writable(entity);
  const texts = model.fields.filter((f) => writable.has(f.name) && ["text", "long_text"].includes(f.type) && !f.unique);
  return (texts.find((f) => f.name !== model.titleField) ?? texts[0])?.name;
}
