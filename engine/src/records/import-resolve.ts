import type { RecordBatch } from "./batch-write.ts";
import type { ColumnPlan, ImportPlan } from "./import-columns.ts";
import { convertCell, splitList } from "./import-convert.ts";
import type { RowDraft } from "./import-rows.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const cellOf = (draft: RowDraft, index: number) => (draft.cells[index] ?? "").trim();
const hasProblemAt = (draft: RowDraft, field: string) => draft.problems.some((p) => p.field === field);
const addProblem = (draft: RowDraft, field: string, code: string, message: string) =>
  draft.problems.push({ line: draft.line, field, code, message });

/**
 * Matches the rows of a batch to existing records by the key column, locking
 * those records until the import ends: one match makes the row an update,
 * none a create (an error for `--key id`), several an error. A key value seen
 * on an earlier line of the file is an error too (`seen` spans the file).
 *
 * @example
 * await resolveKeys(batch, plan, drafts, new Map()); // drafts[0].before = { id: "…", customer_no: "C-001", … }
 */
export async function resolveKeys(batch: RecordBatch, plan: ImportPlan, drafts: RowDraft[], seen: Map<string, number>) {
  if (!plan.key) return;
  const { index, name } = plan.key;
  const keyed = new Map<RowDraft, string>();
  for (const draft of drafts) {
    const cell = cellOf(draft, index);
    if (cell === "" || hasProblemAt(draft, name)) continue;
    if (name === "id" && !uuid.test(cell)) {
      addProblem(draft, name, "invalid", `"${cell}" is not a record id`);
      continue;
    }
    const key = name === "id" ? cell.toLowerCase() : String(draft.input[name]);
    const earlier = seen.get(key);
    if (earlier !== undefined) addProblem(draft, name, "duplicate_key", `"${cell}" is also on line ${earlier}`);
    else {
      seen.set(key, draft.line);
      keyed.set(draft, key);
    }
  }
  const found = await batch.find(plan.entity.name, name, [...new Set(keyed.values())], { lock: true });
  const byKey = groupBy(found, (record) => String(record[name]));
  for (const [draft, key] of keyed) {
    const matches = byKey.get(key) ?? [];
    if (matches.length === 1) draft.before = matches[0];
    else if (matches.length > 1)
      addProblem(draft, name, "ambiguous_key", `${matches.length} ${plan.entity.name} records have ${name} "${key}"`);
    else if (name === "id")
      addProblem(draft, name, "not_found", `no ${plan.entity.name} has id "${key}"; leave id empty to create a record`);
  }
}

/**
 * Turns user ids and usernames in user columns (and `owner`) into user ids.
 * `cache` remembers answers across the batches of one import.
 *
 * @example
 * await resolveUsers(batch, plan, drafts, new Map()); // drafts[0].input.owner = "5b1c…" for "li.wei"
 */
export async function resolveUsers(
  batch: RecordBatch,
  plan: ImportPlan,
  drafts: RowDraft[],
  cache: Map<string, string | null>,
) {
  const columns = plan.columns.flatMap((c, i) => (c.kind === "user" ? [{ column: c, index: i }] : []));
  if (columns.length === 0) return;
  const wanted = new Set(drafts.flatMap((d) => columns.flatMap(({ index }) => splitList(cellOf(d, index)))));
  const unknown = [...wanted].filter((k) => !cache.has(k));
  for (const key of unknown) cache.set(key, null);
  for (const user of await batch.findUsers(unknown)) {
    for (const key of unknown) if (key === user.username || key.toLowerCase() === user.id) cache.set(key, user.id);
  }
  for (const draft of drafts) {
    for (const { column, index } of columns) {
      if (column.kind !== "user") continue;
      const keys = splitList(cellOf(draft, index));
      const missing = keys.filter((k) => !cache.get(k));
      if (missing.length > 0) addProblem(draft, column.name, "not_found", `no user "${missing[0]}" in this workspace`);
      else if (!column.multiple && keys.length > 1)
        addProblem(draft, column.name, "invalid", `holds ${keys.length} users; "${column.name}" takes one`);
      else
        draft.input[column.name] = column.multiple ? keys.map((k) => cache.get(k)) : (cache.get(keys[0] ?? "") ?? null);
    }
  }
}

/**
 * Turns reference cells into record ids: a cell that is the id of a record
 * of the referenced entity is that record; any other cell is matched on the
 * column's `by` field (the title field unless `--ref` says otherwise),
 * among the records written before and the new records of earlier lines of
 * the file. No match, or several, is an error naming the line and column.
 *
 * @example
 * await resolveReferences(batch, plan, drafts); // "C-001" in `customer` (with --ref customer=customer_no) becomes its id
 */
export async function resolveReferences(batch: RecordBatch, plan: ImportPlan, drafts: RowDraft[]) {
  for (const [index, column] of plan.columns.entries()) {
    if (column.kind !== "reference") continue;
    const { target, by, name } = column;
    const cells = new Set(drafts.map((d) => cellOf(d, index)).filter((c) => c !== ""));
    const ids = new Set(
      (
        await batch.find(
          target.name,
          "id",
          [...cells].filter((c) => uuid.test(c)),
        )
      ).map((r) => r.id),
    );
    const values = new Map<string, unknown>();
    for (const cell of cells) {
      const converted = uuid.test(cell) && ids.has(cell.toLowerCase()) ? undefined : convertCell(by, cell);
      if (converted && "value" in converted) values.set(cell, converted.value);
    }
    const found = await batch.find(target.name, by.name, [...new Set(values.values())]);
    const byValue = groupBy(found, (r) => String(r[by.name]));
    const pending =
      target === plan.entity ? drafts.filter((d) => d.id && !d.problems.length && d.input[by.name] != null) : [];
    for (const draft of drafts) {
      const cell = cellOf(draft, index);
      if (cell === "") draft.input[name] = null;
      else if (ids.has(cell.toLowerCase())) draft.input[name] = cell.toLowerCase();
      else if (!values.has(cell))
        addProblem(draft, name, "invalid", `"${cell}" is not a valid ${target.name} ${by.name}`);
      else {
        const value = String(values.get(cell));
        const earlier = pending.filter((d) => d.line < draft.line && String(d.input[by.name]) === value);
        const matches = [...(byValue.get(value) ?? []).map((r) => String(r.id)), ...earlier.map((d) => d.id!)];
        if (matches.length === 1) draft.input[name] = matches[0];
        else addProblem(draft, name, "reference", referenceProblem(column, cell, matches.length));
      }
    }
  }
}

function referenceProblem(column: Extract<ColumnPlan, { kind: "reference" }>, cell: string, count: number): string {
  const { target, by, name } = column;
  return count === 0
    ? `no ${target.name} has ${by.name} "${cell}"`
    : `${count} ${target.name} records have ${by.name} "${cell}"; give the id instead, or match on a unique field (--ref ${name}=<field>)`;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
