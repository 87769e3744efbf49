import type postgres from "postgres";
import type { WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { ClockMark } from "./story-clock.ts";

/** The columns the database stamps with `now()`, per platform table, beside every entity table's own two. */
const platformStamps: Array<{ table: string; columns: string[] }> = [
  { table: "field_history", columns: ["changed_at"] },
  { table: "audit_log", columns: ["at"] },
  { table: "notifications", columns: ["created_at"] },
  { table: "annotations", columns: ["created_at"] },
  { table: "users", columns: ["created_at"] },
  { table: "org_units", columns: ["created_at"] },
];

/**
 * Moves the database's own time stamps of a story told in the past to the
 * story's time: each stamp made after a clock mark becomes the mark's story
 * time plus the real time elapsed since the mark (never past the next
 * mark's story time). Records keep their order; a record created while the
 * story's clock said 10:42 says 10:42 too. One transaction; only stamps made
 * since the first mark change.
 *
 * @example
 * await backdate(storage, context, clock.marks);
 */
export async function backdate(storage: Storage, context: WorkspaceContext, marks: ClockMark[]): Promise<void> {
  if (marks.length === 0) return;
  const real = marks.map((m) => m.real / 1000);
  const story = marks.map((m) => m.story / 1000);
  await storage.sql.begin(async (tx) => {
    await tx`create temporary table seed_marks (real timestamptz primary key, story timestamptz not null,
      span interval not null) on commit drop`;
    await tx`insert into seed_marks (real, story, span)
      select to_timestamp(r), to_timestamp(s), coalesce(to_timestamp(lead(s) over (order by r)) - to_timestamp(s), interval '100 years')
      from unnest(${real}::float8[], ${story}::float8[]) as m(r, s)`;
    await tx`analyze seed_marks`;
    const since = new Date(marks[0]!.real);
    for (const entity of context.definition.entities.values())
      await remap(tx, tx`${tx(context.schema)}.${tx(entity.name)}`, ["created_at", "updated_at"], since);
    for (const { table, columns } of platformStamps)
      await remap(tx, tx`temper.${tx(table)}`, columns, since, tx`workspace_id = ${context.workspaceId}`);
  });
}

async function remap(
  tx: postgres.TransactionSql,
  table: postgres.PendingQuery<postgres.Row[]>,
  columns: string[],
  since: Date,
  where?: postgres.PendingQuery<postgres.Row[]>,
): Promise<void> {
  const sql = tx as unknown as postgres.Sql;
  const moved = (column: string) => sql`(select m.story + least(t.${sql(column)} - m.real, m.span) from seed_marks m
    where m.real <= t.${sql(column)} order by m.real desc limit 1)`;
  const assignments = columns
    .map((c) => sql`${sql(c)} = case when t.${sql(c)} >= ${since} then ${moved(c)} else t.${sql(c)} end`)
    .reduce((a, b) => sql`${a}, ${b}`);
  const scope = where ?? sql`true`;
  await sql`update ${table} as t set ${assignments} where ${scope} and t.${sql(columns[0]!)} >= ${since}`;
}
