import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import type { Definition } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { RecordBatch } from "./batch-write.ts";
import { type ImportColumnsOptions, type ImportPlan, planImportColumns } from "./import-columns.ts";
import { resolveKeys, resolveReferences, resolveUsers } from "./import-resolve.ts";
import { batchItem, draftRow, problemsOf, type RejectedRow, type RowDraft, type RowProblem } from "./import-rows.ts";
import type { Actor, RecordService } from "./service.ts";

export { formatRowProblem, rejectRecord, type RejectedRow, type RowProblem } from "./import-rows.ts";

export interface ImportOptions extends ImportColumnsOptions {
  entity: string;
  /** The CSV text: a file or request body stream, or any iterable of chunks. The header row names the fields. */
  source: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Write the valid rows even when others are refused (default: all or nothing). */
  partial?: boolean;
  /** Rows per batch: what is held in memory and written per statement (default 1,000). */
  batchSize?: number;
  /** Called with each refused row, in file order, and the file's header (in partial mode, to collect the rejects). */
  onReject?: (row: RejectedRow, header: string[]) => void | Promise<void>;
}

export interface ImportOutcome {
  /** The header row as read. */
  header: string[];
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** How many problems an all-or-nothing failure lists (all are counted). */
export const reportedProblemLimit = 1000;

/**
 * Imports a CSV file into an entity through the records service's batch
 * path (validation, defaults, computed fields, history, audit), in one
 * transaction. The file streams: rows are parsed, converted, matched and
 * written a batch at a time. Every row is checked; by default nothing is
 * kept unless every row is valid (an `import_failed` error lists each bad
 * row's line, column and reason); with `partial`, the valid rows are kept and
 * each refused row goes to `onReject`. With `key`, a row whose key value
 * matches a record updates it (at its current version); other rows create.
 *
 * @example
 * const outcome = await importRecords(records, definition, actor, {
 *   entity: "customer",
 *   source: createReadStream("customers.csv"),
 *   key: "customer_no",
 *   refs: { parent: "customer_no" },
 * });
 * outcome; // { rows: 1000, created: 990, updated: 10, unchanged: 0, rejected: 0, header: [...] }
 */
export async function importRecords(
  records: RecordService,
  definition: Definition,
  actor: Actor,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const parser = pipeline(
    options.source as NodeJS.ReadableStream,
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
    () => {},
  );
  const outcome: ImportOutcome = { header: [], rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const reported: RowProblem[] = [];
  const seenKeys = new Map<string, number>();
  const users = new Map<string, string | null>();

  async function flush(batch: RecordBatch, plan: ImportPlan, drafts: RowDraft[]) {
    await resolveKeys(batch, plan, drafts, seenKeys);
    for (const draft of drafts) if (!draft.before) draft.id = randomUUID();
    await resolveUsers(batch, plan, drafts, users);
    await resolveReferences(batch, plan, drafts);
    const writes = drafts.flatMap((draft) => {
      const item = draft.problems.length === 0 ? batchItem(plan, draft) : undefined;
      return item ? [{ draft, item }] : [];
    });
    const results = await batch.write(
      plan.entity.name,
      writes.map((w) => w.item),
    );
    results.forEach((result, i) => {
      const { draft } = writes[i]!;
      if (result.status === "rejected") draft.problems.push(...problemsOf(draft, result.error));
      else outcome[result.status]++;
    });
    for (const draft of drafts) {
      if (draft.problems.length === 0) continue;
      outcome.rejected++;
      for (const problem of draft.problems) if (reported.length < reportedProblemLimit) reported.push(problem);
      await options.onReject?.({ line: draft.line, cells: draft.cells, problems: draft.problems }, outcome.header);
    }
  }

  return records.batch(
    actor,
    async (batch) => {
      let plan: ImportPlan | undefined;
      let drafts: RowDraft[] = [];
      let lines = 0;
      let emptyLines = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: string[];
          info: { lines: number; empty_lines: number };
        }>) {
          // The line a record starts on: csv-parse counts where it ends, and the empty lines it skipped.
          const line = lines + 1 + (info.empty_lines - emptyLines);
          lines = info.lines;
          emptyLines = info.empty_lines;
          if (!plan) {
            outcome.header = record.map((name) => name.trim());
            if (outcome.header.some((name) => name.includes("\ufffd")))
              throw new EngineError(
                "import_failed",
                'the file is not UTF-8 text; save it as "CSV UTF-8" and import it again',
              );
            plan = planImportColumns(definition, options.entity, outcome.header, options);
            continue;
          }
          if (record.every((cell) => cell.trim() === "")) continue;
          outcome.rows++;
          drafts.push(draftRow(plan, line, record, outcome.header.length));
          if (drafts.length >= batchSize) {
            await flush(batch, plan, drafts);
            drafts = [];
          }
        }
      } catch (error) {
        const csv = error as { code?: string; message: string; lines?: number };
        if (csv.code?.startsWith("CSV_"))
          throw new EngineError(
            "import_failed",
            `the file is not valid CSV near line ${csv.lines ?? lines + 1}: ${csv.message}; nothing was imported`,
          );
        throw error;
      }
      if (!plan) throw new EngineError("import_failed", "the file is empty: its first row must name the fields");
      await flush(batch, plan, drafts);
      if (outcome.rejected > 0 && !options.partial) {
        const count = `${outcome.rejected} of ${outcome.rows} row${outcome.rows === 1 ? "" : "s"}`;
        throw new EngineError(
          "import_failed",
          `${count} ${outcome.rejected === 1 ? "is" : "are"} invalid, so nothing was imported; fix ${outcome.rejected === 1 ? "it" : "them"} and import again, or import partially to keep the valid rows`,
          { rows: outcome.rows, rejected: outcome.rejected, problems: reported },
        );
      }
      return outcome;
    },
    { via: "import" },
  );
}
