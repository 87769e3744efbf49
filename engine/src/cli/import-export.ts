import { createReadStream, createWriteStream } from "node:fs";
import { access } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Command } from "commander";
import { stringify, type Stringifier } from "csv-stringify";
import { EngineError } from "../errors.ts";
import { exportRecords } from "../records/export.ts";
import { formatRowProblem, importRecords, type RejectedRow, rejectRecord, type RowProblem } from "../records/import.ts";
import { type ListQuery, listQueryOf } from "../records/list-query.ts";
import { withWorkspace } from "./context.ts";
import { UserError } from "./user-error.ts";

const repeat = (value: string, all: string[]) => [...all, value];

/** Reads `--ref parent=customer_no` options into `{ parent: "customer_no" }`. */
function refsOf(options: string[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const option of options) {
    const [column, field, extra] = option.split("=");
    if (!column || !field || extra !== undefined)
      throw new UserError(`--ref ${option}: write it as <column>=<field>, as in parent=customer_no`);
    refs[column] = field;
  }
  return refs;
}

/** The list query of `--where` options (the list API's syntax), `--sort` and `--search`. */
function exportQuery(options: ExportCliOptions): ListQuery {
  const params = new URLSearchParams();
  for (const option of options.where) {
    const equals = option.indexOf("=");
    if (equals < 1) throw new UserError(`--where ${option}: write it as <field>=<value> or <field>.<op>=<value>`);
    params.append(option.slice(0, equals), option.slice(equals + 1));
  }
  if (options.sort) params.set("sort", options.sort);
  if (options.search !== undefined) params.set("q", options.search);
  return listQueryOf(params);
}

async function write(out: Writable, chunk: unknown): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

/** The rejects file of a partial import: created at the first refused row, the file's columns then `reason`. */
function rejectsFile(path: string) {
  let csv: Stringifier | undefined;
  let finished: Promise<unknown> | undefined;
  return {
    async add(row: RejectedRow, header: string[]) {
      if (!csv) {
        csv = stringify();
        finished = once(csv.pipe(createWriteStream(path)), "finish");
        await write(csv, [...header, "reason"]);
      }
      await write(csv, rejectRecord(header, row));
    },
    async close() {
      csv?.end();
      await finished;
    },
  };
}

interface ImportCliOptions {
  workspace: string;
  key?: string;
  partial?: boolean;
  rejects?: string;
  ref: string[];
}

async function runImport(entity: string, file: string, options: ImportCliOptions): Promise<void> {
  await access(file).catch(() => {
    throw new UserError(`cannot read ${file}: no such file`);
  });
  const refs = refsOf(options.ref);
  const rejectsPath = options.rejects ?? file.replace(/(\.csv)?$/i, ".rejects.csv");
  const rejects = rejectsFile(rejectsPath);
  try {
    const outcome = await withWorkspace(options.workspace, ({ records, context, system }) =>
      importRecords(records, context.definition, system, {
        entity,
        source: createReadStream(file),
        refs,
        ...(options.key ? { key: options.key } : {}),
        ...(options.partial ? { partial: true, onReject: (row, header) => rejects.add(row, header) } : {}),
      }),
    );
    await rejects.close();
    const summary = `${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged`;
    console.log(`imported ${outcome.rows} row${outcome.rows === 1 ? "" : "s"} of ${file} into ${entity}: ${summary}`);
    if (outcome.rejected > 0) {
      const rows = `${outcome.rejected} row${outcome.rejected === 1 ? "" : "s"}`;
      console.error(`rejected ${rows}: see ${rejectsPath} (the file's columns and a reason with the line)`);
    }
  } catch (error) {
    await rejects.close();
    if (!(error instanceof EngineError) || error.code !== "import_failed") throw error;
    const problems = (error.details.problems as RowProblem[] | undefined) ?? [];
    for (const problem of problems) console.error(`${file} ${formatRowProblem(problem)}`);
    const rejected = Number(error.details.rejected ?? 0);
    if (problems.length > 0 && rejected > new Set(problems.map((p) => p.line)).size)
      console.error(`… only the first ${problems.length} problems are shown`);
    throw new UserError(error.message.replace("import partially", "import with --partial"));
  }
}

interface ExportCliOptions {
  workspace: string;
  format?: string;
  output?: string;
  where: string[];
  sort?: string;
  search?: string;
  fields?: string;
  ref: string[];
  bom?: boolean;
}

async function runExport(entity: string, options: ExportCliOptions): Promise<void> {
  const format = options.format ?? (options.output?.toLowerCase().endsWith(".json") ? "json" : "csv");
  if (format !== "csv" && format !== "json") throw new UserError(`--format ${format}: use csv or json`);
  const query = exportQuery(options);
  const count = await withWorkspace(options.workspace, async ({ records, context, system }) => {
    const chunks = exportRecords(records, context.definition, system, {
      entity,
      format,
      query,
      refs: refsOf(options.ref),
      ...(options.fields ? { fields: options.fields.split(",").map((f) => f.trim()) } : {}),
      ...(options.bom ? { bom: true } : {}),
    });
    // The first chunk comes after the first page: a bad query fails before the file is created.
    let next = await chunks.next();
    const out = options.output ? createWriteStream(options.output) : process.stdout;
    for (; !next.done; next = await chunks.next()) await write(out, next.value);
    if (out !== process.stdout) {
      out.end();
      await once(out, "finish");
    }
    return next.value;
  });
  console.error(
    `exported ${count} ${entity} record${count === 1 ? "" : "s"}${options.output ? ` to ${options.output}` : ""}`,
  );
}

/**
 * `temper import <entity> <file.csv> --workspace <id> [--key <field>] [--partial] [--ref <column=field>]`.
 *
 * @example
 * program.addCommand(importCommand());
 * // pnpm temper import customer customers.csv --workspace acme --key customer_no
 */
export function importCommand(): Command {
  return new Command("import")
    .description(
      "import records from a CSV file whose header row names the fields; every row is checked, and nothing is written unless all are valid",
    )
    .argument("<entity>", "the entity to import into (customer)")
    .argument("<file>", "the CSV file (UTF-8, comma-separated, header row of field names)")
    .requiredOption("--workspace <id>", "the workspace")
    .option("--key <field>", "update the records whose <field> (or id) has the row's value; create the others")
    .option("--partial", "write the valid rows, and put the refused ones in a rejects file")
    .option("--rejects <file>", "where --partial puts the refused rows (default: <file>.rejects.csv)")
    .option(
      "--ref <column=field>",
      "match a reference column on this field of the referenced entity (default: its title field); repeatable",
      repeat,
      [],
    )
    .addHelpText(
      "after",
      `
Cells: numbers as 1234.5 (or 1,234.5; 40% for percents), booleans as true/false, yes/no or 1/0,
dates as YYYY-MM-DD, date-times as ISO 8601 with a time zone, options by value or label,
several values as a;b, users (and owner) by username or id. An empty cell is empty
(new records get the field's default).
References: a cell holding the id of a referenced record is that record; any other cell is
matched on the referenced entity's title field, or on the field given with --ref. Records
created earlier in the same file count. No match, or several, is an error naming the line.

Examples:
  pnpm temper import customer customers.csv --workspace acme --key customer_no --ref parent=customer_no
  pnpm temper import contact contacts.csv --workspace acme --ref customer=customer_no --partial`,
    )
    .action(runImport);
}

/**
 * `temper export <entity> --workspace <id> [--format csv|json] [--output <file>] [--where …] [--sort …]`.
 *
 * @example
 * program.addCommand(exportCommand());
 * // pnpm temper export customer --workspace acme --where region=east --sort -annual_revenue --output east.csv
 */
export function exportCommand(): Command {
  return new Command("export")
    .description("export the records of an entity as CSV or JSON, filtered and sorted as lists are")
    .argument("<entity>", "the entity to export (customer)")
    .requiredOption("--workspace <id>", "the workspace")
    .option("--format <format>", "csv or json (default: json for an --output ending in .json, else csv)")
    .option("--output <file>", "write to this file instead of standard output")
    .option(
      "--where <filter>",
      "a filter as in the list API: region=east, amount.gte=1000, industry.in=energy,mining; repeatable",
      repeat,
      [],
    )
    .option("--sort <fields>", "sort fields, - for descending: -annual_revenue,name (default: -updated_at)")
    .option("--search <text>", "only records whose title contains this text")
    .option("--fields <names>", "the columns, in order (default: id, every field, then the system fields)")
    .option(
      "--ref <column=field>",
      "write this field of referenced records instead of their ids; repeatable",
      repeat,
      [],
    )
    .option("--bom", "start the CSV with a byte order mark, for Excel")
    .addHelpText(
      "after",
      `
A CSV export imports back with --key id: computed and system columns may stay as exported (a row
may not change them), and a row whose record changed since the export (its version) is refused.

Examples:
  pnpm temper export customer --workspace acme --where region=east --sort -annual_revenue --output east.csv
  pnpm temper export opportunity --workspace acme --format json --ref customer=customer_no > deals.json`,
    )
    .action(runExport);
}
