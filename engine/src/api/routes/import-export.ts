import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { stringify } from "csv-stringify/sync";
import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { exportRecords } from "../../records/export.ts";
import { importRecords, rejectRecord, type RowProblem } from "../../records/import.ts";
import type { ApiEnv } from "../env.ts";
import { listQueryOf } from "../../records/list-query.ts";

const importParams = new Set(["key", "partial"]);
const exportParams = new Set(["format", "fields", "bom"]);

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null || value === "false" || value === "0") return false;
  if (value === "" || value === "true" || value === "1") return true;
  throw new EngineError("bad_request", `"${name}" is true or false, not "${value}"`);
}

/** `ref.parent=customer_no` parameters: for a reference column, the field of the referenced entity it holds. */
function refsOf(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].filter(([k]) => k.startsWith("ref.")).map(([k, v]) => [k.slice(4), v]));
}

const wantsCsv = (accept: string | undefined) => /\b(text|application)\/csv\b/i.test(accept ?? "");

/**
 * `POST /records/:entity/import` (a `text/csv` body; `?key=customer_no&partial=true&ref.parent=customer_no`)
 * and `GET /records/:entity/export?format=csv|json` (the list's filters and sort; `fields`, `ref.<column>`, `bom`).
 * An import that refuses rows answers 422 with each row's line, column and
 * reason; with `partial=true` it keeps the valid rows and answers 200 with the
 * counts and the problems, or, for `Accept: text/csv`, the rejects file (the
 * file's columns and a `reason`) with the counts in `Temper-Import-*` headers.
 * Exports stream, a page of records at a time.
 *
 * @example
 * app.route("/records", importExportRoutes());
 * // curl -X POST -H 'content-type: text/csv' --data-binary @customers.csv '/api/v1/records/customer/import?key=customer_no'
 */
export function importExportRoutes() {
  return new Hono<ApiEnv>()
    .post("/:entity/import", async (c) => {
      if (!/^(text|application)\/csv\b/i.test(c.req.header("content-type") ?? ""))
        throw new EngineError("bad_request", "send the file as the body, with content-type: text/csv");
      const params = new URL(c.req.url).searchParams;
      const unknown = [...params.keys()].filter((k) => !importParams.has(k) && !k.startsWith("ref."));
      if (unknown.length > 0)
        throw new EngineError(
          "bad_request",
          `unknown parameter "${unknown[0]}"; an import takes key, partial and ref.<column>`,
        );
      const body = c.req.raw.body;
      if (!body) throw new EngineError("import_failed", "the file is empty: its first row must name the fields");
      const partial = flag(params, "partial");
      const rejects: string[][] = [];
      const problems: RowProblem[] = [];
      const key = params.get("key");
      const outcome = await importRecords(c.var.records, c.var.workspace.definition, c.var.user, {
        entity: c.req.param("entity"),
        source: Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
        refs: refsOf(params),
        partial,
        ...(key ? { key } : {}),
        onReject: (row, header) => {
          if (rejects.length === 0) rejects.push([...header, "reason"]);
          rejects.push(rejectRecord(header, row));
          problems.push(...row.problems);
        },
      });
      const { header, ...counts } = outcome;
      if (partial && wantsCsv(c.req.header("accept"))) {
        for (const [name, value] of Object.entries(counts)) c.header(`temper-import-${name}`, String(value));
        if (rejects.length === 0) rejects.push([...header, "reason"]);
        return c.body(stringify(rejects), 200, { "content-type": "text/csv; charset=utf-8" });
      }
      return c.json({ ...counts, problems });
    })
    .get("/:entity/export", async (c) => {
      const params = new URL(c.req.url).searchParams;
      const format = params.get("format") ?? "csv";
      if (format !== "csv" && format !== "json")
        throw new EngineError("bad_request", `"format" is csv or json, not "${format}"`);
      for (const name of ["limit", "cursor"])
        if (params.has(name))
          throw new EngineError("bad_request", `an export has no "${name}": it returns every matching record`);
      const filters = new URLSearchParams([...params].filter(([k]) => !exportParams.has(k) && !k.startsWith("ref.")));
      const entity = c.req.param("entity");
      const fields = params.get("fields");
      const chunks = exportRecords(c.var.records, c.var.workspace.definition, c.var.user, {
        entity,
        format,
        query: listQueryOf(filters),
        refs: refsOf(params),
        bom: flag(params, "bom"),
        ...(fields ? { fields: fields.split(",").map((f) => f.trim()) } : {}),
      });
      // Read the first page before answering: a bad query is still a problem response.
      const first = await chunks.next();
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          if (first.done) controller.close();
          else controller.enqueue(encoder.encode(first.value));
        },
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return(0);
        },
      });
      return c.body(body, 200, {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${entity}.${format}"`,
      });
    });
}
