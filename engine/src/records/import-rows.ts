import type { EngineError } from "../errors.ts";
import type { BatchItem } from "./batch-write.ts";
import type { ImportPlan } from "./import-columns.ts";
import { convertCell, formatCell } from "./import-convert.ts";
import type { RecordData } from "./values.ts";

/** One thing wrong with one row of an import file (line 1 is the header). */
export interface RowProblem {
  line: number;
  /** The column (a field name); empty for the row as a whole. */
  field: string;
  code: string;
  message: string;
}

/** A row of an import file on its way to becoming a write. */
export interface RowDraft {
  line: number;
  cells: string[];
  input: RecordData;
  problems: RowProblem[];
  /** The record the key matched: the row updates it. */
  before?: RecordData;
  /** The id of the record the row creates, chosen before it is written so later rows can refer to it. */
  id?: string;
}

/** A row the import refused: its line, its cells as read, and what is wrong with it. */
export interface RejectedRow {
  line: number;
  cells: string[];
  problems: RowProblem[];
}

/**
 * Formats a row problem as one line for people: `line 17, column region: …`.
 *
 * @example
 * formatRowProblem({ line: 17, field: "region", code: "invalid", message: '"mars" is not one of north, east' });
 * // 'line 17, column region: "mars" is not one of north, east'
 */
export function formatRowProblem(problem: RowProblem): string {
  return `line ${problem.line}${problem.field ? `, column ${problem.field}` : ""}: ${problem.message}`;
}

/**
 * A refused row as a line of the rejects file (header: the file's columns,
 * then `reason`): its cells as read, then its problems with their lines.
 *
 * @example
 * rejectRecord(["name", "region"], { line: 3, cells: ["Kumho", "mars"], problems: [p] });
 * // ["Kumho", "mars", 'line 3, column region: "mars" is not one of north, east, …']
 */
export function rejectRecord(header: string[], row: RejectedRow): string[] {
  return [...header.map((_, i) => row.cells[i] ?? ""), row.problems.map(formatRowProblem).join("; ")];
}

/**
 * Reads a row's cells into field values, noting each cell that does not
 * convert (references and users are resolved later, per batch).
 *
 * @example
 * draftRow(plan, 2, ["Kumho", "moon"], 2).problems;
 * // [{ line: 2, field: "region", code: "invalid", message: '"moon" is not one of north, east, …' }]
 */
export function draftRow(plan: ImportPlan, line: number, cells: string[], width: number): RowDraft {
  const draft: RowDraft = { line, cells, input: {}, problems: [] };
  if (cells.length !== width) {
    const message = `has ${cells.length} cell${cells.length === 1 ? "" : "s"} where the header has ${width}; check its quotes and commas`;
    draft.problems.push({ line, field: "", code: "cell_count", message });
    return draft;
  }
  if (cells.some((cell) => cell.includes("\ufffd"))) {
    const message = 'holds bytes that are not UTF-8 text; save the file as "CSV UTF-8" and import it again';
    draft.problems.push({ line, field: "", code: "encoding", message });
    return draft;
  }
  plan.columns.forEach((column, index) => {
    if (column.kind !== "field") return;
    const converted = convertCell(column.field, cells[index]!);
    if ("error" in converted)
      draft.problems.push({ line, field: column.name, code: "invalid", message: converted.error });
    else draft.input[column.name] = converted.value;
  });
  return draft;
}

/** Read-only columns may repeat a record's value (as exported), never change it. */
function checkReadOnly(plan: ImportPlan, draft: RowDraft): void {
  const version = draft.before && (draft.cells[plan.columns.findIndex((c) => c.name === "version")] ?? "").trim();
  if (draft.before && version && version !== String(draft.before.version)) {
    const message = `the record was changed since the file was written: it is at version ${String(draft.before.version)}, the file has ${version}`;
    draft.problems.push({ line: draft.line, field: "version", code: "version_conflict", message });
    return;
  }
  plan.columns.forEach((column, index) => {
    const cell = (draft.cells[index] ?? "").trim();
    if (column.kind !== "read_only" || cell === "") return;
    const problem = (message: string) =>
      draft.problems.push({ line: draft.line, field: column.name, code: "read_only", message });
    if (!draft.before) problem(`${column.reason}; leave it empty for new records`);
    else if (cell !== formatCell(column.field, draft.before[column.name]))
      problem(`${column.reason}; the row changes it from "${formatCell(column.field, draft.before[column.name])}"`);
  });
}

/**
 * Turns a checked draft into a write, or notes why it cannot be one: empty
 * cells leave defaults to new records; updates keep their owner and cannot
 * empty a required field or change a read-only one.
 *
 * @example
 * batchItem(plan, { line: 2, cells, input: { name: "Kumho", city: null }, problems: [], id });
 * // { kind: "create", id, input: { name: "Kumho" } }
 */
export function batchItem(plan: ImportPlan, draft: RowDraft): BatchItem | undefined {
  checkReadOnly(plan, draft);
  if (draft.problems.length > 0) return undefined;
  const input = { ...draft.input };
  if (!draft.before) {
    for (const [name, value] of Object.entries(input)) if (value === null) delete input[name];
    return { kind: "create", input, ...(draft.id ? { id: draft.id } : {}) };
  }
  if (input.owner !== undefined && input.owner !== null && input.owner !== draft.before.owner)
    draft.problems.push({
      line: draft.line,
      field: "owner",
      code: "read_only",
      message: "the owner of an existing record cannot be changed by an import",
    });
  delete input.owner;
  for (const field of plan.entity.fields)
    if (field.required && input[field.name] === null)
      draft.problems.push({
        line: draft.line,
        field: field.name,
        code: "required",
        message: "is required and cannot be emptied",
      });
  return draft.problems.length > 0 ? undefined : { kind: "update", before: draft.before, input };
}

/**
 * The row problems of a write the batch refused, one per field, without the
 * field's name repeated in the message.
 *
 * @example
 * problemsOf(draft, new EngineError("validation_failed", "…", { problems: [{ field: "name", code: "required", message: '"name" is required' }] }));
 * // [{ line: 4, field: "name", code: "required", message: "is required" }]
 */
export function problemsOf(draft: RowDraft, error: EngineError): RowProblem[] {
  const problems = error.details.problems as Array<{ field: string; code: string; message: string }> | undefined;
  if (!problems?.length) return [{ line: draft.line, field: "", code: error.code, message: error.message }];
  // A bad value of an optional field also fails the schema's null branch ("must be null"): say only the first.
  const relevant = problems.filter((p) => p.code !== "type" || !problems.some((o) => o !== p && o.field === p.field));
  return relevant.map((p) => ({
    line: draft.line,
    field: p.field,
    code: p.code,
    message: p.message.startsWith(`"${p.field}" `) ? p.message.slice(p.field.length + 3) : p.message,
  }));
}
