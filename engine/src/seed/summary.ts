import type { WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";

/**
 * How many records each entity of a workspace holds.
 *
 * @example
 * await recordCounts(storage, context); // { customer: 296, contact: 509, … }
 */
export async function recordCounts(storage: Storage, context: WorkspaceContext): Promise<Record<string, number>> {
  const { sql } = storage;
  const names = [...context.definition.entities.keys()];
  const parts = names.map(
    (name) => sql`select ${name} as entity, count(*)::int as n from ${sql(context.schema)}.${sql(name)}`,
  );
  const rows = await sql<Array<{ entity: string; n: number }>>`${parts.reduce((a, b) => sql`${a} union all ${b}`)}`;
  return Object.fromEntries(rows.map((r) => [r.entity, r.n]));
}

/**
 * One line saying what a seed made, the main entities first.
 *
 * @example
 * describeCounts({ customer: 300, contact: 590 }); // "300 customers, 590 contacts"
 */
export function describeCounts(counts: Record<string, number>): string {
  const plural: Record<string, string> = {
    activity: "activities",
    opportunity: "opportunities",
    schedule_item: "schedule items",
    sales_plan: "sales plans",
    service_request: "service requests",
    payment_plan: "payment plans",
    quote_line: "quote lines",
  };
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => `${n} ${plural[entity] ?? `${entity}s`}`)
    .join(", ");
}
